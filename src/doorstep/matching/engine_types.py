"""The matching engine's vocabulary and its input and output types. Pure: no Django."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal, TypeAlias

from doorstep.triage.result import NEED_CODES

Key: TypeAlias = int | str
"""An id from the caller (a primary key or a composite such as "group:12")."""

LatLon: TypeAlias = tuple[float, float]
Window: TypeAlias = tuple[dt.datetime, dt.datetime]

TIERS: tuple[str, ...] = ("own_network", "community", "vcse", "statutory")
"""The order in which help is sought; an index in this tuple is a tier's rank."""

DBS_LEVELS: tuple[str, ...] = ("none", "basic", "standard", "enhanced")

DIET_CODES: frozenset[str] = frozenset({"food"})
"""Needs whose dietary requirements an offer must meet (a shopper buys what is asked)."""

CHECKED_CODES: frozenset[str] = frozenset({"physical_care"})
"""Needs that always require an in-date enhanced DBS check (as do needs involving children)."""

DEFAULT_MAX_DISTANCE_KM = 5.0

__all__ = [
    "CHECKED_CODES",
    "DBS_LEVELS",
    "DEFAULT_MAX_DISTANCE_KM",
    "DIET_CODES",
    "NEED_CODES",
    "TIERS",
    "Key",
    "LatLon",
    "NeedSpec",
    "OfferSpec",
    "Proposal",
    "WeeklySlot",
    "Window",
]


@dataclass(frozen=True)
class WeeklySlot:
    """A weekly time when a helper is available: weekday 0 is Monday, times are local."""

    weekday: int
    start: dt.time
    end: dt.time

    @property
    def is_valid(self) -> bool:
        return 0 <= self.weekday <= 6 and self.end > self.start


Availability: TypeAlias = tuple[WeeklySlot, ...] | Literal["always"]


@dataclass(frozen=True)
class NeedSpec:
    """One need of one resident, as the engine sees it.

    ``window`` is when help is needed (None: any time). ``max_distance_km`` is the
    furthest a helper should come from; it is ignored when ``location`` is unknown.
    ``resident_name`` is only used in reasons ("has helped Mo before").
    """

    id: Key
    code: str
    resident_id: Key
    location: LatLon | None = None
    language: str = "en"
    needs_language_match: bool = False
    diet: frozenset[str] = frozenset()
    window: Window | None = None
    involves_children: bool = False
    own_network_helper_ids: frozenset[Key] = frozenset()
    previous_helper_ids: frozenset[Key] = frozenset()
    max_distance_km: float = DEFAULT_MAX_DISTANCE_KM
    resident_name: str = ""

    @property
    def requires_enhanced_dbs(self) -> bool:
        return self.involves_children or self.code in CHECKED_CODES

    @property
    def diet_applies(self) -> bool:
        return bool(self.diet) and self.code in DIET_CODES


@dataclass(frozen=True)
class OfferSpec:
    """What one helper can give: which needs, where, when, and how much room is left.

    ``capacity_left`` is what remains in the current period (a week, or at once);
    ``load`` is the helper's current open assignments. ``availability`` is a tuple of
    weekly slots or "always". ``preferred_codes`` are the needs the helper said they
    would most like to help with (empty: no preference). An ``own_network`` offer is
    only ever proposed to residents who named that helper.
    """

    id: Key
    helper_id: Key
    helper_name: str
    tier: str
    codes: frozenset[str]
    location: LatLon | None = None
    radius_km: float = DEFAULT_MAX_DISTANCE_KM
    languages: frozenset[str] = frozenset({"en"})
    diets: frozenset[str] = frozenset()
    availability: Availability = "always"
    capacity_left: int = 1
    dbs_level: str = "none"
    dbs_expires: dt.date | None = None
    preferred_codes: frozenset[str] = frozenset()
    load: int = 0


@dataclass(frozen=True)
class Proposal:
    """A helper suggested for a need: its tier for this need, a 0..1 fit and the reasons.

    ``tier`` is "own_network" when the resident named the helper, whatever the offer's
    own tier. ``score`` ranks proposals within a tier.
    """

    need_id: Key
    offer_id: Key
    tier: str
    score: float
    reasons: tuple[str, ...]
    helper_id: Key = ""
    distance_km: float | None = None
