"""Batch assignment: optimal under capacities, tiers kept, greedy reported alongside."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

import pytest

from doorstep.matching import Key, Proposal, assign_batch
from tests.matching.factories import MO_HOME, NOW, make_need, make_offer, north_of


def assigned(proposals: Sequence[Proposal]) -> dict[Key, Key]:
    return {p.need_id: p.offer_id for p in proposals}


def test_it_beats_first_come_when_the_first_need_takes_the_only_fit_for_the_second() -> None:
    shared = make_offer(capacity_left=1, codes=frozenset({"food", "befriending"}))
    further = make_offer(capacity_left=1, location=north_of(MO_HOME, 2))
    first = make_need(code="food")
    second = make_need(code="befriending")
    result = assign_batch([first, second], [shared, further], NOW)
    assert assigned(result.greedy_assignments) == {first.id: shared.id}
    assert assigned(result.assignments) == {first.id: further.id, second.id: shared.id}
    assert result.unassigned == ()
    assert result.total_fit > result.greedy_total_fit
    assert result.ratio == pytest.approx(result.total_fit / result.greedy_total_fit)


def test_it_never_gives_an_offer_more_than_its_capacity() -> None:
    offer = make_offer(capacity_left=2)
    needs = [make_need() for _ in range(5)]
    result = assign_batch(needs, [offer], NOW)
    assert len(result.assignments) == 2
    assert len(result.unassigned) == 3
    reasons = set(result.unassigned_reasons.values())
    assert reasons == {"every helper who fits is fully booked in this batch"}


def test_it_fills_higher_tiers_before_lower_ones() -> None:
    community = make_offer(tier="community", capacity_left=2, location=north_of(MO_HOME, 3))
    vcse = make_offer(tier="vcse", capacity_left=10)
    result = assign_batch([make_need() for _ in range(3)], [community, vcse], NOW)
    assert Counter(p.tier for p in result.assignments) == {"community": 2, "vcse": 1}
    (spill,) = [p for p in result.assignments if p.tier == "vcse"]
    assert spill.reasons[-1] == "helpers in the community who fit are fully booked"
    assert result.tier_counts == {"own_network": 0, "community": 2, "vcse": 1, "statutory": 0}


def test_each_resident_keeps_their_own_network() -> None:
    sara = make_offer(tier="own_network", helper_id="sara", capacity_left=1)
    community = make_offer(tier="community", capacity_left=5)
    mine = make_need(own_network_helper_ids=frozenset({"sara"}))
    theirs = make_need()
    result = assign_batch([theirs, mine], [sara, community], NOW)
    assert assigned(result.assignments) == {mine.id: sara.id, theirs.id: community.id}


def test_a_need_nobody_can_help_is_unassigned_with_the_reason() -> None:
    need = make_need(code="housing")
    result = assign_batch([need], [make_offer()], NOW)
    assert result.unassigned_reasons == {need.id: "no offer helps with housing"}


def test_keeping_few_candidates_per_need_never_loses_to_greedy() -> None:
    offers = [make_offer(capacity_left=1, location=north_of(MO_HOME, k / 10)) for k in range(6)]
    needs = [make_need() for _ in range(8)]
    narrow = assign_batch(needs, offers, NOW, max_candidates=1)
    assert narrow.total_fit >= narrow.greedy_total_fit
    assert len(narrow.assignments) == 6


def test_raw_scores_and_tier_counts_are_reported_for_both() -> None:
    result = assign_batch([make_need()], [make_offer()], NOW)
    assert result.total_score == pytest.approx(result.assignments[0].score)
    assert result.total_fit == pytest.approx(2 + result.total_score)  # community: 2 steps
    assert result.greedy_tier_counts["community"] == 1
