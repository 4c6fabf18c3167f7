"""Tiers: own network, then community, then VCSE, then statutory."""

from __future__ import annotations

import pytest

from doorstep.matching import OfferIndex, OfferSpec, propose
from tests.matching.factories import MO_HOME, NOW, make_need, make_offer, north_of


def one_of_each_tier() -> dict[str, OfferSpec]:
    return {
        tier: make_offer(tier=tier, helper_id=f"{tier}-helper")
        for tier in ("own_network", "community", "vcse", "statutory")
    }


def test_it_proposes_the_residents_own_people_first() -> None:
    offers = one_of_each_tier()
    need = make_need(own_network_helper_ids=frozenset({"own_network-helper"}))
    proposals = propose(need, OfferIndex(offers.values()), NOW)
    assert [p.tier for p in proposals] == ["own_network"]


def test_it_never_proposes_someone_elses_own_network() -> None:
    neighbour = make_offer(tier="own_network", helper_id="somebody-elses-neighbour")
    assert propose(make_need(), [neighbour], NOW) == []


def test_a_community_helper_the_resident_named_counts_as_their_own_network() -> None:
    volunteer = make_offer(tier="community", helper_id="aunt-sara")
    need = make_need(own_network_helper_ids=frozenset({"aunt-sara"}))
    (proposal,) = propose(need, [volunteer], NOW)
    assert proposal.tier == "own_network"
    assert "in Mo's own network" in proposal.reasons


def test_a_lower_tier_is_proposed_only_when_no_higher_tier_fits() -> None:
    full = make_offer(tier="community", capacity_left=0)
    vcse = make_offer(tier="vcse")
    statutory = make_offer(tier="statutory")
    proposals = propose(make_need(), [full, vcse, statutory], NOW)
    assert [(p.offer_id, p.tier) for p in proposals] == [(vcse.id, "vcse")]
    assert "nobody in the community can help with this" in proposals[0].reasons


def test_a_better_scoring_lower_tier_does_not_jump_the_queue() -> None:
    distant_community = make_offer(tier="community", location=north_of(MO_HOME, 4.5))
    vcse_next_door = make_offer(tier="vcse", preferred_codes=frozenset({"food"}))
    proposals = propose(make_need(), [vcse_next_door, distant_community], NOW)
    assert [p.offer_id for p in proposals] == [distant_community.id]


def test_a_guide_can_ask_for_lower_tiers_too() -> None:
    offers = one_of_each_tier()
    need = make_need(own_network_helper_ids=frozenset({"own_network-helper"}))
    proposals = propose(need, offers.values(), NOW, include_lower_tiers=True)
    assert [p.tier for p in proposals] == ["own_network", "community", "vcse", "statutory"]


def test_the_limit_applies_within_each_tier() -> None:
    community = [make_offer(tier="community") for _ in range(4)]
    vcse = [make_offer(tier="vcse") for _ in range(4)]
    proposals = propose(make_need(), community + vcse, NOW, include_lower_tiers=True, limit=2)
    assert [p.tier for p in proposals] == ["community", "community", "vcse", "vcse"]


def test_it_ranks_by_fit_within_a_tier() -> None:
    far = make_offer(location=north_of(MO_HOME, 3))
    near = make_offer(location=north_of(MO_HOME, 0.3))
    busy_near = make_offer(location=north_of(MO_HOME, 0.3), load=6)
    proposals = propose(make_need(), [far, busy_near, near], NOW)
    assert [p.offer_id for p in proposals] == [near.id, busy_near.id, far.id]
    assert proposals[0].score > proposals[1].score > proposals[2].score


def test_continuity_wins_over_a_little_distance() -> None:
    stranger = make_offer(location=north_of(MO_HOME, 0.2))
    old_friend = make_offer(location=north_of(MO_HOME, 1.0), helper_id="helper-jo")
    need = make_need(previous_helper_ids=frozenset({"helper-jo"}))
    assert propose(need, [stranger, old_friend], NOW)[0].offer_id == old_friend.id


def test_scores_stay_between_zero_and_one() -> None:
    best = make_offer(
        helper_id="helper-jo",
        languages=frozenset({"fr"}),
        preferred_codes=frozenset({"food"}),
    )
    worst = make_offer(location=north_of(MO_HOME, 4.9), load=1000, preferred_codes=frozenset({"x"}))
    need = make_need(language="fr", previous_helper_ids=frozenset({"helper-jo"}))
    scores = [p.score for p in propose(need, [best, worst], NOW)]
    assert scores[0] == pytest.approx(1.0)
    assert 0.0 < scores[1] < 0.2
