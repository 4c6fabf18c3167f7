"""Small factories for synthetic needs and offers (only synthetic people)."""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any
from zoneinfo import ZoneInfo

from doorstep.matching import LatLon, NeedSpec, OfferSpec, WeeklySlot

NOW = dt.datetime(2026, 11, 23, 9, 0, tzinfo=dt.UTC)
"""A Monday morning (09:00 in London, which is on GMT in November)."""

MO_HOME: LatLon = (53.5010, -2.2380)
KM_PER_DEGREE_LAT = 111.195

LONDON = ZoneInfo("Europe/London")

_ids = itertools.count(1)


def london(day: int, hour: int, minute: int = 0, month: int = 11, year: int = 2026) -> dt.datetime:
    """A wall-clock time in London (November 2026 unless told)."""
    return dt.datetime(year, month, day, hour, minute, tzinfo=LONDON)


def north_of(point: LatLon, km: float) -> LatLon:
    """A point ``km`` due north of ``point``."""
    return (point[0] + km / KM_PER_DEGREE_LAT, point[1])


def slot(weekday: int, start: str, end: str) -> WeeklySlot:
    return WeeklySlot(weekday, dt.time.fromisoformat(start), dt.time.fromisoformat(end))


def make_need(**overrides: Any) -> NeedSpec:
    """Mo's food need by default: no special requirements, at home in Cheetham Hill."""
    fields: dict[str, Any] = {
        "id": f"need-{next(_ids)}",
        "code": "food",
        "resident_id": "resident-mo",
        "location": MO_HOME,
        "resident_name": "Mo",
    }
    fields.update(overrides)
    return NeedSpec(**fields)


def make_offer(**overrides: Any) -> OfferSpec:
    """A community volunteer next door who helps with food, any time, with room."""
    number = next(_ids)
    fields: dict[str, Any] = {
        "id": f"offer-{number}",
        "helper_id": f"helper-{number}",
        "helper_name": f"Helper {number}",
        "tier": "community",
        "codes": frozenset({"food"}),
        "location": MO_HOME,
        "radius_km": 5.0,
        "capacity_left": 3,
    }
    fields.update(overrides)
    return OfferSpec(**fields)
