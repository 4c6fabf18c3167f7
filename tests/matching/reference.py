"""A slow, scalar restatement of the hard constraints, to check the vectorised engine.

Written independently of the engine's numpy code: plain loops over days and slots.
"""

from __future__ import annotations

import datetime as dt
import math
from zoneinfo import ZoneInfo

from doorstep.matching import NEED_CODES, TIERS, LatLon, NeedSpec, OfferSpec

LONDON = ZoneInfo("Europe/London")
DEFAULT_KM = 5.0


def violations(need: NeedSpec, offer: OfferSpec, now: dt.datetime) -> list[str]:
    """Every hard constraint the pair breaks; empty when the offer may be proposed."""
    broken = [name for name, ok in _checks(need, offer, now) if not ok]
    return broken


def effective_tier(need: NeedSpec, offer: OfferSpec) -> str:
    return "own_network" if offer.helper_id in need.own_network_helper_ids else offer.tier


def _checks(need: NeedSpec, offer: OfferSpec, now: dt.datetime) -> list[tuple[str, bool]]:
    requires_dbs = need.code == "physical_care" or need.involves_children
    return [
        ("need", _need_usable(need, now)),
        ("tier", offer.tier in TIERS),
        ("code", need.code in offer.codes),
        ("capacity", offer.capacity_left > 0),
        ("network", offer.tier != "own_network" or offer.helper_id in need.own_network_helper_ids),
        ("availability", _available(offer, need, now)),
        ("language", not need.needs_language_match or need.language in offer.languages),
        ("diet", need.code != "food" or need.diet <= offer.diets),
        ("dbs", not requires_dbs or _dbs_in_date(offer, now)),
        ("distance", _close_enough(need, offer)),
    ]


def _local(moment: dt.datetime) -> dt.datetime:
    return moment if moment.tzinfo is None else moment.astimezone(LONDON).replace(tzinfo=None)


def _need_usable(need: NeedSpec, now: dt.datetime) -> bool:
    if need.code not in NEED_CODES:
        return False
    if need.window is None:
        return True
    start, end = _local(need.window[0]), _local(need.window[1])
    return end > start and end > _local(now)


def _available(offer: OfferSpec, need: NeedSpec, now: dt.datetime) -> bool:
    if offer.availability == "always":
        return True
    slots = [s for s in offer.availability if 0 <= s.weekday <= 6 and s.end > s.start]
    if need.window is None:
        return bool(slots)
    start = max(_local(need.window[0]), _local(now))
    end = _local(need.window[1])
    day = start.date()
    while day <= end.date():
        for s in slots:
            if s.weekday == day.weekday():
                low = dt.datetime.combine(day, s.start)
                high = dt.datetime.combine(day, s.end)
                if low < end and high > start:
                    return True
        day += dt.timedelta(days=1)
    return False


def _dbs_in_date(offer: OfferSpec, now: dt.datetime) -> bool:
    if offer.dbs_level != "enhanced" or offer.dbs_expires is None:
        return False
    return _local(now).date() < offer.dbs_expires


def _close_enough(need: NeedSpec, offer: OfferSpec) -> bool:
    a, b = _valid(need.location), _valid(offer.location)
    if a is None or b is None:
        return True
    limit = min(_limit(need.max_distance_km), _limit(offer.radius_km))
    return haversine_km(a, b) <= limit + 1e-9


def _valid(point: LatLon | None) -> LatLon | None:
    if point is None or not all(math.isfinite(x) for x in point):
        return None
    return point if abs(point[0]) <= 90 and abs(point[1]) <= 180 else None


def _limit(km: float) -> float:
    return km if math.isfinite(km) and km > 0 else DEFAULT_KM


def haversine_km(a: LatLon, b: LatLon) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = math.sin((lat2 - lat1) / 2) ** 2
    h += math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * 6371.0088 * math.asin(math.sqrt(min(h, 1.0)))
