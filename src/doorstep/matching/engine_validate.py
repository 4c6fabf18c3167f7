"""Plain-English problems with an offer or a need. Pure: no Django.

The engine never raises on bad input: an offer with problems is still indexed for
whatever part of it is usable (an invalid slot is dropped, a zero capacity means it is
never proposed), and these messages say what was wrong.
"""

from __future__ import annotations

import datetime as dt
import math

from doorstep.matching.engine_time import local_date, local_wall
from doorstep.matching.engine_types import (
    DBS_LEVELS,
    DEFAULT_MAX_DISTANCE_KM,
    NEED_CODES,
    TIERS,
    LatLon,
    NeedSpec,
    OfferSpec,
    WeeklySlot,
)

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def validate_offer(offer: OfferSpec, now: dt.datetime | None = None) -> list[str]:
    """Problems with an offer; empty when it is usable as it is.

    With ``now``, an expired DBS check is reported too.
    """
    problems = [*_capacity_problems(offer), *_vocabulary_problems(offer)]
    problems += _place_problems(offer.location, offer.radius_km, "coverage radius")
    problems += _availability_problems(offer)
    problems += _dbs_problems(offer, now)
    if offer.load < 0:
        problems.append(f"current load is negative ({offer.load})")
    return problems


def validate_need(need: NeedSpec, now: dt.datetime | None = None) -> list[str]:
    """Problems with a need: those that stop it being matched, then unusable places."""
    problems = need_blockers(need, now)
    return problems + _place_problems(need.location, need.max_distance_km, "distance limit")


def need_blockers(need: NeedSpec, now: dt.datetime | None = None) -> list[str]:
    """Problems that mean no offer can be proposed for the need."""
    problems: list[str] = []
    if need.code not in NEED_CODES:
        problems.append(f"unknown need code {need.code!r}")
    if need.window is not None:
        start, end = (local_wall(moment) for moment in need.window)
        if end <= start:
            problems.append(f"the needed window ends ({end:%Y-%m-%d %H:%M}) before it starts")
        elif now is not None and end <= local_wall(now):
            problems.append(f"the needed window ended at {end:%Y-%m-%d %H:%M}")
    return problems


def usable_location(location: LatLon | None) -> LatLon | None:
    """The location when it is a real point on Earth, else None (treated as unknown)."""
    if location is None:
        return None
    lat, lon = location
    if not (math.isfinite(lat) and math.isfinite(lon)):
        return None
    return location if -90 <= lat <= 90 and -180 <= lon <= 180 else None


def _capacity_problems(offer: OfferSpec) -> list[str]:
    if offer.capacity_left < 0:
        return [f"capacity left is negative ({offer.capacity_left}): it is never proposed"]
    if offer.capacity_left == 0:
        return ["no capacity left: it is never proposed until capacity is added"]
    return []


def _vocabulary_problems(offer: OfferSpec) -> list[str]:
    problems: list[str] = []
    if offer.tier not in TIERS:
        problems.append(f"unknown tier {offer.tier!r}: it is never proposed")
    if not offer.codes:
        problems.append("it meets no needs: it is never proposed")
    unknown = sorted(offer.codes - set(NEED_CODES))
    if unknown:
        problems.append(f"unknown need codes ignored: {', '.join(unknown)}")
    return problems


def _place_problems(location: LatLon | None, limit_km: float, label: str) -> list[str]:
    if location is None:
        return []
    if usable_location(location) is None:
        return [f"location {location} is not a valid latitude and longitude: treated as unknown"]
    if usable_limit(limit_km) != limit_km:
        return [
            f"{label} must be more than 0 km (it is {limit_km}):"
            f" {DEFAULT_MAX_DISTANCE_KM:g} km is used instead"
        ]
    return []


def usable_limit(limit_km: float) -> float:
    """A distance limit or radius, or the default when it is not a positive number."""
    return limit_km if math.isfinite(limit_km) and limit_km > 0 else DEFAULT_MAX_DISTANCE_KM


def _availability_problems(offer: OfferSpec) -> list[str]:
    if offer.availability == "always":
        return []
    problems = [_slot_problem(slot) for slot in offer.availability if not slot.is_valid]
    if not any(slot.is_valid for slot in offer.availability):
        problems.append("no valid availability: it is never proposed")
    return problems


def _slot_problem(slot: WeeklySlot) -> str:
    if not 0 <= slot.weekday <= 6:
        return f"availability weekday {slot.weekday} is not 0 (Monday) to 6 (Sunday): ignored"
    day = WEEKDAYS[slot.weekday]
    return (
        f"{day} availability ends ({slot.end:%H:%M}) before it starts ({slot.start:%H:%M}):"
        " ignored (split a slot that runs past midnight in two)"
    )


def _dbs_problems(offer: OfferSpec, now: dt.datetime | None) -> list[str]:
    if offer.dbs_level not in DBS_LEVELS:
        return [f"unknown DBS level {offer.dbs_level!r}: treated as none"]
    if offer.dbs_level == "none":
        return []
    if offer.dbs_expires is None:
        return [f"{offer.dbs_level} DBS check has no expiry date: not used for checked work"]
    if now is not None and not dbs_in_date(offer.dbs_expires, now):
        return [f"DBS check expired on {offer.dbs_expires:%Y-%m-%d}: not eligible for checked work"]
    return []


def dbs_in_date(expires: dt.date, now: dt.datetime) -> bool:
    """A check is valid up to the day before its expiry date (local time)."""
    return local_date(now) < expires
