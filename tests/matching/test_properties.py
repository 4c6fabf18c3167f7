"""Properties over many random small worlds, checked against the scalar reference."""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Sequence

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from doorstep.matching import (
    TIERS,
    BatchResult,
    Key,
    NeedSpec,
    OfferIndex,
    OfferSpec,
    Proposal,
    assign_batch,
    propose,
)
from tests.matching import strategies as worlds
from tests.matching.factories import NOW
from tests.matching.reference import effective_tier, violations

EVERYTHING = 10_000


def feasible(need: NeedSpec, offers: list[OfferSpec]) -> list[OfferSpec]:
    return [o for o in offers if not violations(need, o, NOW)]


def rank(tier: str) -> int:
    return TIERS.index(tier)


@settings(max_examples=300, deadline=None)
@given(worlds.needs(1), worlds.offers(12))
def test_no_proposal_ever_breaks_a_hard_constraint(
    needs: list[NeedSpec], offers: list[OfferSpec]
) -> None:
    by_id = {o.id: o for o in offers}
    for p in propose(needs[0], offers, NOW, include_lower_tiers=True, limit=EVERYTHING):
        offer = by_id[p.offer_id]
        assert violations(needs[0], offer, NOW) == []
        assert p.tier == effective_tier(needs[0], offer)
        assert 0.0 < p.score <= 1.0 + 1e-12
        assert p.reasons


@settings(max_examples=300, deadline=None)
@given(worlds.needs(1), worlds.offers(12))
def test_every_offer_that_fits_can_be_proposed(
    needs: list[NeedSpec], offers: list[OfferSpec]
) -> None:
    found = propose(needs[0], offers, NOW, include_lower_tiers=True, limit=EVERYTHING)
    assert sorted(p.offer_id for p in found) == sorted(o.id for o in feasible(needs[0], offers))


@settings(max_examples=300, deadline=None)
@given(worlds.needs(1), worlds.offers(12), st.integers(1, 4))
def test_tiers_are_respected(needs: list[NeedSpec], offers: list[OfferSpec], limit: int) -> None:
    need = needs[0]
    proposals = propose(need, OfferIndex(offers), NOW, limit=limit)
    fits = feasible(need, offers)
    assert bool(proposals) == bool(fits)
    if proposals:
        best_tier = min(rank(effective_tier(need, o)) for o in fits)
        assert {rank(p.tier) for p in proposals} == {best_tier}
        assert len(proposals) <= limit
        scores = [p.score for p in proposals]
        assert scores == sorted(scores, reverse=True)


def check_batch(needs: list[NeedSpec], offers: list[OfferSpec], result: BatchResult) -> None:
    by_id = {o.id: o for o in offers}
    for chosen in (result.assignments, result.greedy_assignments):
        assert len({p.need_id for p in chosen}) == len(chosen)
        used = Counter(p.offer_id for p in chosen)
        for offer_id, count in used.items():
            assert count <= by_id[offer_id].capacity_left
        for p in chosen:
            need = needs[int(p.need_id)]
            assert violations(need, by_id[p.offer_id], NOW) == []
            assert p.tier == effective_tier(need, by_id[p.offer_id])
        check_tiers_kept(needs, offers, chosen, used)
    assert result.total_fit >= result.greedy_total_fit
    assert {p.need_id for p in result.assignments} | set(result.unassigned) == {n.id for n in needs}


def check_tiers_kept(
    needs: list[NeedSpec],
    offers: list[OfferSpec],
    chosen: Sequence[Proposal],
    used: Counter[Key],
) -> None:
    """Nobody sits in a lower tier, or unassigned, while a better-tier fit has room."""
    tier_of = {p.need_id: rank(p.tier) for p in chosen}
    for need in needs:
        mine = tier_of.get(need.id, len(TIERS))
        for offer in feasible(need, offers):
            has_room = used[offer.id] < offer.capacity_left
            assert not (has_room and rank(effective_tier(need, offer)) < mine)


@settings(max_examples=200, deadline=None)
@given(worlds.needs(8), worlds.offers(8))
def test_batch_keeps_capacities_tiers_and_beats_greedy(
    needs: list[NeedSpec], offers: list[OfferSpec]
) -> None:
    check_batch(needs, offers, assign_batch(needs, offers, NOW))


@settings(max_examples=100, deadline=None)
@given(worlds.needs(8), worlds.offers(8), st.integers(1, 3))
def test_batch_with_few_candidates_still_beats_greedy(
    needs: list[NeedSpec], offers: list[OfferSpec], limit: int
) -> None:
    check_batch(needs, offers, assign_batch(needs, offers, NOW, max_candidates=limit))


@settings(max_examples=150, deadline=None)
@given(worlds.needs(4), worlds.offers(4))
def test_batch_total_is_the_best_possible(needs: list[NeedSpec], offers: list[OfferSpec]) -> None:
    result = assign_batch(needs, offers, NOW, max_candidates=None)
    assert result.total_fit == pytest.approx(brute_force_best(needs, offers), abs=1e-9)


def brute_force_best(needs: list[NeedSpec], offers: list[OfferSpec]) -> float:
    """Every combination of at most one proposal per need, within capacities."""
    index = OfferIndex(offers)
    options = [propose(n, index, NOW, include_lower_tiers=True, limit=EVERYTHING) for n in needs]
    capacity = {o.id: o.capacity_left for o in offers}
    best = 0.0
    for combo in itertools.product(*[[None, *found] for found in options]):
        picked = [p for p in combo if p is not None]
        used = Counter(p.offer_id for p in picked)
        if all(count <= capacity[offer_id] for offer_id, count in used.items()):
            best = max(best, sum(len(TIERS) - 1 - rank(p.tier) + p.score for p in picked))
    return best
