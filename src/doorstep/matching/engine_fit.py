"""Hard constraints and the fit score for one need against a group of offers, vectorised.

Pure: no Django. Every function here works on whole numpy columns of a
:class:`~doorstep.matching.engine_index.CodeGroup`; nothing loops over offers.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np

from doorstep.matching.engine_index import CodeGroup, OfferIndex
from doorstep.matching.engine_time import (
    BoolArray,
    FloatArray,
    IntArray,
    local_date,
    window_intervals,
)
from doorstep.matching.engine_types import NEED_CODES, NeedSpec
from doorstep.matching.engine_validate import usable_limit, usable_location

EARTH_RADIUS_KM = 6371.0088
UNKNOWN_DISTANCE_FIT = 0.5
"""The distance part of the fit when either place is unknown: as good as 1 km away."""

WEIGHTS: dict[str, float] = {
    "distance": 0.35,
    "continuity": 0.25,
    "language": 0.15,
    "load": 0.15,
    "preference": 0.10,
}
"""How much each part counts in the 0..1 fit score; they add up to 1."""


@dataclass(frozen=True)
class Candidates:
    """The offers that pass every hard constraint for one need, unsorted.

    ``rows`` are positions in ``OfferIndex.offers``; ``tier`` is each offer's tier rank
    for this need (0 when the resident named the helper); ``distance_km`` is NaN where
    either place is unknown.
    """

    rows: IntArray
    tier: IntArray
    score: FloatArray
    distance_km: FloatArray

    def __len__(self) -> int:
        return len(self.rows)


def no_candidates() -> Candidates:
    empty_int = np.zeros(0, np.int64)
    empty_float = np.zeros(0, np.float64)
    return Candidates(empty_int, empty_int, empty_float, empty_float)


def find_candidates(need: NeedSpec, index: OfferIndex, now: dt.datetime) -> Candidates:
    """Every feasible offer for the need with its tier, score and distance."""
    group = index.groups.get(need.code)
    if group is None or need.code not in NEED_CODES:
        return no_candidates()
    distance = distances_km(need, group)
    feasible = np.logical_and.reduce([mask for _, mask in constraints(need, group, now, distance)])
    in_network = group.helpers_in(need.own_network_helper_ids)
    tier = np.where(in_network, 0, group.tier_rank)
    score = fit_scores(need, group, distance)
    return Candidates(group.rows[feasible], tier[feasible], score[feasible], distance[feasible])


def constraints(
    need: NeedSpec, group: CodeGroup, now: dt.datetime, distance: FloatArray
) -> list[tuple[str, BoolArray]]:
    """Each hard constraint as (what it asks for, which offers meet it), in a fixed order."""
    size = len(group)
    everyone = np.ones(size, np.bool_)
    checks = [
        ("have capacity left", group.capacity > 0),
        ("are open to this resident", _open_to(need, group)),
        ("are available when needed", group.slots.available(window_intervals(need.window, now))),
        ("speak the resident's language", _language_ok(need, group, everyone)),
        ("can meet the diet", group.provides(need.diet) if need.diet_applies else everyone),
        ("have an in-date enhanced DBS check", _dbs_ok(need, group, now, everyone)),
        ("are close enough", _near_enough(need, group, distance)),
    ]
    return checks


def distances_km(need: NeedSpec, group: CodeGroup) -> FloatArray:
    """Great-circle distance from the need to each offer; NaN where either place is unknown."""
    where = usable_location(need.location)
    if where is None:
        return np.full(len(group), np.nan)
    lat, lon = np.radians(where[0]), np.radians(where[1])
    half_dlat = (group.lat - lat) / 2
    half_dlon = (group.lon - lon) / 2
    a = np.sin(half_dlat) ** 2 + np.cos(lat) * group.cos_lat * np.sin(half_dlon) ** 2
    distance = 2 * EARTH_RADIUS_KM * np.arcsin(np.sqrt(np.clip(a, 0.0, 1.0)))
    return np.where(group.has_location, distance, np.nan)


def fit_scores(need: NeedSpec, group: CodeGroup, distance: FloatArray) -> FloatArray:
    """The 0..1 fit of each offer: a weighted sum of parts that are each 0..1."""
    known = ~np.isnan(distance)
    parts = {
        "distance": np.where(
            known, 1.0 / (1.0 + np.where(known, distance, 0.0)), UNKNOWN_DISTANCE_FIT
        ),
        "continuity": group.helpers_in(need.previous_helper_ids).astype(np.float64),
        "language": group.speaks(need.language).astype(np.float64),
        "load": 1.0 / (1.0 + group.load),
        "preference": group.prefers,
    }
    return np.asarray(sum(WEIGHTS[name] * part for name, part in parts.items()), np.float64)


def _open_to(need: NeedSpec, group: CodeGroup) -> BoolArray:
    """Own-network offers are only for the residents who named that helper."""
    not_own: BoolArray = group.tier_rank != 0
    return not_own | group.helpers_in(need.own_network_helper_ids)


def _language_ok(need: NeedSpec, group: CodeGroup, everyone: BoolArray) -> BoolArray:
    return group.speaks(need.language) if need.needs_language_match else everyone


def _dbs_ok(need: NeedSpec, group: CodeGroup, now: dt.datetime, everyone: BoolArray) -> BoolArray:
    if not need.requires_enhanced_dbs:
        return everyone
    return group.dbs_until > local_date(now).toordinal()


def _near_enough(need: NeedSpec, group: CodeGroup, distance: FloatArray) -> BoolArray:
    limit = np.minimum(usable_limit(need.max_distance_km), group.radius)
    return np.isnan(distance) | (distance <= limit)
