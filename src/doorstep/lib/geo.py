"""Points, polygons and hex cells, without GDAL or PostGIS."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import h3
from shapely.geometry import Point, shape
from shapely.prepared import prep

H3_RESOLUTION = 9  # about 0.1 km2: a few streets


def h3_cell(latitude: float, longitude: float, resolution: int = H3_RESOLUTION) -> str:
    return str(h3.latlng_to_cell(latitude, longitude, resolution))


@dataclass(frozen=True)
class Area:
    key: int
    geometry: dict[str, Any]


class AreaFinder:
    """Finds which of many areas contains a point, preparing each shape once."""

    def __init__(self, areas: Iterable[Area]) -> None:
        self._prepared = [(area.key, prep(shape(area.geometry))) for area in areas]

    def find(self, latitude: float, longitude: float) -> int | None:
        point = Point(longitude, latitude)
        for key, prepared in self._prepared:
            if prepared.contains(point):
                return key
        return None


def centroid(geometry: dict[str, Any]) -> tuple[float, float]:
    """(latitude, longitude) of a GeoJSON geometry's centroid."""
    point = shape(geometry).centroid
    return (point.y, point.x)
