"""Real open data the demo stands on: Trafford's 2023 wards and its postcode centroids.

Both come from the shared data folder (see its geo/SOURCE.md for origin and licence).
"""

from __future__ import annotations

import csv
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings

from doorstep.lib.postcode import InvalidPostcode, normalise_postcode
from doorstep.places.models import Neighbourhood, Postcode

TRAFFORD_CODE = "E08000009"
BOROUGH = "Trafford"
WARDS_FILE = Path("geo") / "gm_wards_2023.geojson"
POSTCODES_FILE = Path("geo") / "trafford_postcodes_2025-02.csv"
ATTRIBUTION = (
    "Contains National Statistics and OS data © Crown copyright and database right 2025; "
    "Contains Royal Mail data © Royal Mail copyright and database right 2025; "
    "Source: Office for National Statistics licensed under the Open Government Licence v3.0."
)


class SharedDataMissing(FileNotFoundError):
    """The shared data folder, or a file the demo needs in it, is not there."""


@dataclass(frozen=True)
class PostcodeRow:
    postcode: str
    ward_code: str
    latitude: float
    longitude: float


def shared_data_dir() -> Path:
    """The shared data folder: $DOORSTEP_SHARED_DATA, else ../shared/data next to the project."""
    configured = os.environ.get("DOORSTEP_SHARED_DATA", "")
    folder = Path(configured) if configured else Path(settings.BASE_DIR).parent / "shared" / "data"
    source = "from DOORSTEP_SHARED_DATA" if configured else "settings.BASE_DIR.parent/shared/data"
    if not folder.is_dir():
        raise SharedDataMissing(
            f"The demo's shared data folder is missing: looked for {folder} ({source}). "
            "Set DOORSTEP_SHARED_DATA to the folder that holds geo/gm_wards_2023.geojson."
        )
    for relative in (WARDS_FILE, POSTCODES_FILE):
        if not (folder / relative).is_file():
            raise SharedDataMissing(
                f"The demo needs {relative} in its shared data folder {folder} ({source}), "
                f"but there is no {folder / relative}."
            )
    return folder


def trafford_wards(folder: Path) -> list[dict[str, Any]]:
    """Trafford's ward features (GeoJSON), from the Greater Manchester 2023 wards."""
    with (folder / WARDS_FILE).open(encoding="utf-8") as handle:
        collection = json.load(handle)
    return [
        feature
        for feature in collection["features"]
        if feature["properties"].get("local_authority_area_code") == TRAFFORD_CODE
    ]


def load_wards(folder: Path) -> dict[str, Neighbourhood]:
    """Trafford's wards as neighbourhoods, by ward code (created or refreshed)."""
    wards: dict[str, Neighbourhood] = {}
    for feature in trafford_wards(folder):
        props = feature["properties"]
        ward, _ = Neighbourhood.objects.update_or_create(
            code=props["area_code"],
            defaults={
                "name": props["area_name"],
                "borough": BOROUGH,
                "boundary": feature["geometry"],
            },
        )
        wards[ward.code] = ward
    return wards


def read_postcodes(folder: Path) -> list[PostcodeRow]:
    """Trafford postcodes that have a centroid (the file holds live postcodes only)."""
    rows: list[PostcodeRow] = []
    with (folder / POSTCODES_FILE).open(encoding="utf-8", newline="") as handle:
        for record in csv.DictReader(handle):
            row = _postcode_row(record)
            if row is not None:
                rows.append(row)
    return rows


def _postcode_row(record: dict[str, str]) -> PostcodeRow | None:
    if record.get("la_code") != TRAFFORD_CODE:
        return None
    try:
        postcode = normalise_postcode(record["postcode"])
        latitude, longitude = float(record["lat"]), float(record["lon"])
    except (InvalidPostcode, KeyError, TypeError, ValueError):
        return None
    return PostcodeRow(postcode, record.get("ward_code", ""), latitude, longitude)


def load_postcodes(rows: list[PostcodeRow]) -> int:
    """Store postcode centroids; ones already stored are left as they are. Returns new rows."""
    before = Postcode.objects.count()
    Postcode.objects.bulk_create(
        (Postcode(postcode=r.postcode, latitude=r.latitude, longitude=r.longitude) for r in rows),
        batch_size=2000,
        ignore_conflicts=True,
    )
    return Postcode.objects.count() - before
