"""Matching: who can help with a need, community first, and why. Pure: no Django.

``propose`` gives the proposals for one need in tiers (own network, community, VCSE,
statutory); ``assign_batch`` gives the assignment of many needs with the best total fit
under capacities, with greedy first-come assignment for comparison. Build an
``OfferIndex`` once to match many needs. See docs/subsystems/matching.md.
"""

from __future__ import annotations

from doorstep.matching.batch import BatchResult, assign_batch, batch_fit
from doorstep.matching.engine import explain_no_match, propose
from doorstep.matching.engine_index import OfferIndex
from doorstep.matching.engine_types import (
    CHECKED_CODES,
    DBS_LEVELS,
    DIET_CODES,
    NEED_CODES,
    TIERS,
    Key,
    LatLon,
    NeedSpec,
    OfferSpec,
    Proposal,
    WeeklySlot,
    Window,
)
from doorstep.matching.engine_validate import validate_need, validate_offer

__all__ = [
    "CHECKED_CODES",
    "DBS_LEVELS",
    "DIET_CODES",
    "NEED_CODES",
    "TIERS",
    "BatchResult",
    "Key",
    "LatLon",
    "NeedSpec",
    "OfferIndex",
    "OfferSpec",
    "Proposal",
    "WeeklySlot",
    "Window",
    "assign_batch",
    "batch_fit",
    "explain_no_match",
    "propose",
    "validate_need",
    "validate_offer",
]
