"""Proposals for one need: who can help, in tiers, and why. Pure: no Django.

Hard constraints decide who *can* help (see :mod:`doorstep.matching.engine_fit`); the
fit score ranks them within a tier. A lower tier is proposed only when no higher tier
has anyone who can help, unless the guide asks for lower tiers too.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable

import numpy as np

from doorstep.matching.engine_explain import code_label, proposal_reasons
from doorstep.matching.engine_fit import Candidates, constraints, distances_km, find_candidates
from doorstep.matching.engine_index import OfferIndex, as_index
from doorstep.matching.engine_time import IntArray
from doorstep.matching.engine_types import TIERS, NeedSpec, OfferSpec, Proposal
from doorstep.matching.engine_validate import need_blockers


def propose(
    need: NeedSpec,
    offers: OfferIndex | Iterable[OfferSpec],
    now: dt.datetime,
    *,
    include_lower_tiers: bool = False,
    limit: int = 5,
) -> list[Proposal]:
    """Up to ``limit`` proposals per tier, best tier first, best fit first within a tier.

    Pass an :class:`OfferIndex` built once to match many needs quickly. Never raises on
    bad data: unusable offers and needs are skipped (see :func:`explain_no_match`).
    """
    index = as_index(offers)
    if need_blockers(need, now) or limit <= 0:
        return []
    found = find_candidates(need, index, now)
    if len(found) == 0:
        return []
    top = int(found.tier.min())
    tiers = range(top, len(TIERS)) if include_lower_tiers else range(top, top + 1)
    proposals: list[Proposal] = []
    for tier in tiers:
        picked = best_in_tier(found, tier, limit)
        proposals += [make_proposal(need, index, found, at, fallback=tier == top) for at in picked]
    return proposals


def best_in_tier(found: Candidates, tier: int, limit: int | None = None) -> IntArray:
    """Positions in ``found`` of the tier's candidates, best score first (ties by offer)."""
    inside = np.flatnonzero(found.tier == tier)
    order = np.lexsort((found.rows[inside], -found.score[inside]))
    return inside[order[:limit]]


def make_proposal(
    need: NeedSpec, index: OfferIndex, found: Candidates, at: int, *, fallback: bool
) -> Proposal:
    """The proposal for one candidate; ``fallback``: no higher tier had anyone."""
    offer = index.offers[int(found.rows[at])]
    tier = TIERS[int(found.tier[at])]
    distance = float(found.distance_km[at])
    known = None if math.isnan(distance) else distance
    return Proposal(
        need_id=need.id,
        offer_id=offer.id,
        tier=tier,
        score=float(found.score[at]),
        reasons=proposal_reasons(need, offer, tier, known, fallback),
        helper_id=offer.helper_id,
        distance_km=None if known is None else round(known, 3),
    )


def explain_no_match(
    need: NeedSpec, offers: OfferIndex | Iterable[OfferSpec], now: dt.datetime
) -> list[str]:
    """Why nobody can be proposed, step by step; empty when someone can.

    For example: "12 offers help with food", "8 of them have capacity left",
    "none of those speak the resident's language".
    """
    index = as_index(offers)
    blockers = need_blockers(need, now)
    if blockers:
        return blockers
    group = index.groups.get(need.code)
    if group is None:
        return [f"no offer helps with {code_label(need.code)}"]
    steps = [f"{_offers_help(len(group))} with {code_label(need.code)}"]
    remaining = np.ones(len(group), np.bool_)
    for label, mask in constraints(need, group, now, distances_km(need, group)):
        before = int(remaining.sum())
        remaining &= mask
        left = int(remaining.sum())
        if left == 0:
            return [*steps, f"none of those {label}"]
        if left < before:
            steps.append(f"{left} of those {label}")
    return []


def _offers_help(number: int) -> str:
    return "1 offer helps" if number == 1 else f"{number} offers help"
