"""Batch assignment: many needs at once, best total fit under capacities. Pure: no Django.

Tiers are kept by the value of an assignment, its *batch fit*: the number of tiers it is
above statutory plus its 0..1 score (own network 3..4, community 2..3, VCSE 1..2,
statutory 0..1). Every score is above 0, so moving a need up a tier to an offer with
room always raises the total: in an optimal assignment no need is placed in a lower
tier while an offer that fits it in a higher tier has room, and no need is left out
while an offer that fits it has room. Greedy first-come assignment keeps the same rule.

The optimum is taken over each need's ``max_candidates`` best edges plus the edge greedy
chose for it, so greedy's assignment is always feasible for the solver and the optimal
total fit is never below greedy's.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from doorstep.matching.batch_solve import best_assignment
from doorstep.matching.engine import explain_no_match, make_proposal
from doorstep.matching.engine_explain import tier_label
from doorstep.matching.engine_fit import Candidates, find_candidates, no_candidates
from doorstep.matching.engine_index import OfferIndex, as_index
from doorstep.matching.engine_time import FloatArray, IntArray
from doorstep.matching.engine_types import TIERS, Key, NeedSpec, OfferSpec, Proposal
from doorstep.matching.engine_validate import need_blockers

DEFAULT_MAX_CANDIDATES = 50
FULLY_BOOKED = "every helper who fits is fully booked in this batch"


@dataclass(frozen=True)
class BatchResult:
    """The optimal assignment, what greedy first-come would give, and how they compare.

    Totals are batch fits (tier steps plus score, see the module docstring);
    ``total_score`` and ``greedy_total_score`` add up the 0..1 scores alone.
    ``ratio`` is ``total_fit / greedy_total_fit`` (1.0 when both are 0).
    """

    assignments: tuple[Proposal, ...]
    unassigned: tuple[Key, ...]
    total_fit: float
    greedy_total_fit: float
    greedy_assignments: tuple[Proposal, ...]
    ratio: float
    unassigned_reasons: Mapping[Key, str]
    total_score: float
    greedy_total_score: float
    tier_counts: Mapping[str, int]
    greedy_tier_counts: Mapping[str, int]


@dataclass(frozen=True)
class _Plan:
    """One need's feasible candidates, best batch fit first."""

    need: NeedSpec
    found: Candidates
    order: IntArray
    fit: FloatArray
    blockers: tuple[str, ...]


_Pick = tuple[int, int]
"""(position of the need in the batch, position of the candidate in its plan)."""


def batch_fit(tier_rank: IntArray, score: FloatArray) -> FloatArray:
    """Tier steps above statutory plus the 0..1 score."""
    return np.asarray((len(TIERS) - 1 - tier_rank) + score, np.float64)


def assign_batch(
    needs: Sequence[NeedSpec],
    offers: OfferIndex | Iterable[OfferSpec],
    now: dt.datetime,
    *,
    max_candidates: int | None = DEFAULT_MAX_CANDIDATES,
) -> BatchResult:
    """Assign each need at most one offer, and each offer at most its capacity left.

    ``max_candidates`` limits the edges per need given to the solver (None: all).
    Never raises on bad data: unusable needs and offers are left out with reasons.
    """
    index = as_index(offers)
    plans = [_plan(need, index, now) for need in needs]
    capacity = np.asarray([max(o.capacity_left, 0) for o in index.offers], np.int64)
    greedy = _greedy(plans, capacity)
    best = _top_up(plans, _optimal(plans, greedy, capacity, max_candidates), capacity)
    if _total(plans, best) < _total(plans, greedy):
        best = greedy  # only on a floating-point tie; greedy is always a feasible answer
    return _result(plans, index, now, best, greedy)


def _plan(need: NeedSpec, index: OfferIndex, now: dt.datetime) -> _Plan:
    blockers = tuple(need_blockers(need, now))
    found = no_candidates() if blockers else find_candidates(need, index, now)
    fit = batch_fit(found.tier, found.score)
    order = np.lexsort((found.rows, -fit)).astype(np.int64)
    return _Plan(need, found, order, fit, blockers)


def _greedy(plans: Sequence[_Plan], capacity: IntArray) -> list[_Pick]:
    """Needs in the order given; each takes its best candidate that still has room."""
    left = capacity.copy()
    picks: list[_Pick] = []
    for position, plan in enumerate(plans):
        rows = plan.found.rows[plan.order]
        room = left[rows] > 0
        if room.any():
            first = int(np.argmax(room))
            left[rows[first]] -= 1
            picks.append((position, int(plan.order[first])))
    return picks


def _optimal(
    plans: Sequence[_Plan], greedy: list[_Pick], capacity: IntArray, limit: int | None
) -> list[_Pick]:
    need_at, cand_at, offer, value = _edges(plans, greedy, limit)
    chosen = best_assignment(need_at, offer, value, capacity)
    return [(int(need_at[e]), int(cand_at[e])) for e in chosen]


def _top_up(plans: Sequence[_Plan], picks: list[_Pick], capacity: IntArray) -> list[_Pick]:
    """Move needs up to better candidates that still have room, until none can move.

    The solver only sees each need's best few candidates, so room can be left unused
    (a need left out, or in a lower tier, while a fitting helper has room). Each move
    raises the total, so this ends, and never undoes the optimum's gain over greedy.
    """
    chosen = dict(picks)
    left = capacity.copy()
    for need, cand in chosen.items():
        left[plans[need].found.rows[cand]] -= 1
    moved = True
    while moved:
        moved = False
        for need, plan in enumerate(plans):
            better = _better_with_room(plan, chosen.get(need), left)
            if better is not None:
                if need in chosen:
                    left[plan.found.rows[chosen[need]]] += 1
                left[plan.found.rows[better]] -= 1
                chosen[need], moved = better, True
    return sorted(chosen.items())


def _better_with_room(plan: _Plan, current: int | None, left: IntArray) -> int | None:
    """The best candidate with room whose fit beats the current pick's, if any."""
    if len(plan.order) == 0:
        return None
    floor = -1.0 if current is None else float(plan.fit[current])
    ok = (plan.fit[plan.order] > floor + 1e-12) & (left[plan.found.rows[plan.order]] > 0)
    return int(plan.order[int(np.argmax(ok))]) if ok.any() else None


def _edges(
    plans: Sequence[_Plan], greedy: list[_Pick], limit: int | None
) -> tuple[IntArray, IntArray, IntArray, FloatArray]:
    """Each need's best ``limit`` candidates plus greedy's pick, without repeats.

    Returns (need position, candidate position, offer row, batch fit) per edge.
    """
    greedy_pick = dict(greedy)
    parts: list[tuple[IntArray, IntArray, IntArray, FloatArray]] = [
        (np.zeros(0, np.int64), np.zeros(0, np.int64), np.zeros(0, np.int64), np.zeros(0))
    ]
    for position, plan in enumerate(plans):
        mine = plan.order[:limit]
        if position in greedy_pick:
            mine = np.union1d(mine, [greedy_pick[position]]).astype(np.int64)
        at = np.full(len(mine), position, np.int64)
        parts.append((at, mine, plan.found.rows[mine], plan.fit[mine]))
    need_at, cand_at, offer, value = (np.concatenate(column) for column in zip(*parts, strict=True))
    return need_at, cand_at, offer, value


def _total(plans: Sequence[_Plan], picks: list[_Pick]) -> float:
    return float(sum(plans[n].fit[c] for n, c in picks))


def _result(
    plans: Sequence[_Plan],
    index: OfferIndex,
    now: dt.datetime,
    best: list[_Pick],
    greedy: list[_Pick],
) -> BatchResult:
    chosen = _proposals(plans, index, best)
    greedy_chosen = _proposals(plans, index, greedy)
    total, greedy_total = _total(plans, best), _total(plans, greedy)
    assigned = {n for n, _ in best}
    left_out = [p for p in range(len(plans)) if p not in assigned]
    return BatchResult(
        assignments=tuple(chosen),
        unassigned=tuple(plans[p].need.id for p in left_out),
        total_fit=total,
        greedy_total_fit=greedy_total,
        greedy_assignments=tuple(greedy_chosen),
        ratio=total / greedy_total if greedy_total > 0 else 1.0,
        unassigned_reasons={
            plans[p].need.id: _why_left_out(plans[p], index, now) for p in left_out
        },
        total_score=sum(p.score for p in chosen),
        greedy_total_score=sum(p.score for p in greedy_chosen),
        tier_counts=_tier_counts(chosen),
        greedy_tier_counts=_tier_counts(greedy_chosen),
    )


def _proposals(plans: Sequence[_Plan], index: OfferIndex, picks: list[_Pick]) -> list[Proposal]:
    return [_proposal(plans[n], index, c) for n, c in sorted(picks)]


def _proposal(plan: _Plan, index: OfferIndex, at: int) -> Proposal:
    top = int(plan.found.tier.min())
    tier = int(plan.found.tier[at])
    proposal = make_proposal(plan.need, index, plan.found, at, fallback=tier == top)
    if tier == top:
        return proposal
    booked = f"helpers in {tier_label(plan.need, TIERS[top])} who fit are fully booked"
    return dataclasses.replace(proposal, reasons=(*proposal.reasons, booked))


def _why_left_out(plan: _Plan, index: OfferIndex, now: dt.datetime) -> str:
    if plan.blockers:
        return "; ".join(plan.blockers)
    if len(plan.found):
        return FULLY_BOOKED
    return "; ".join(explain_no_match(plan.need, index, now))


def _tier_counts(proposals: Iterable[Proposal]) -> dict[str, int]:
    counts = Counter(p.tier for p in proposals)
    return {tier: counts.get(tier, 0) for tier in TIERS}
