"""Every proposal says why, in words a guide can read out."""

from __future__ import annotations

import datetime as dt

from doorstep.matching import explain_no_match, propose
from tests.matching.factories import MO_HOME, NOW, london, make_need, make_offer, north_of, slot


def mo_needs_halal_food() -> dict[str, object]:
    return {
        "language": "fr",
        "needs_language_match": True,
        "diet": frozenset({"halal"}),
        "resident_name": "Mo",
    }


def test_mo_gets_the_french_speaking_halal_group_nearby_first() -> None:
    group = make_offer(
        helper_name="Cheetham Hill Community Kitchen",
        location=north_of(MO_HOME, 0.5),
        languages=frozenset({"en", "fr"}),
        diets=frozenset({"halal", "vegetarian"}),
    )
    english_only = make_offer(location=MO_HOME, diets=frozenset({"halal"}))
    not_halal = make_offer(location=MO_HOME, languages=frozenset({"fr"}))
    food_bank = make_offer(tier="vcse", languages=frozenset({"fr"}), diets=frozenset({"halal"}))
    offers = [english_only, not_halal, food_bank, group]
    proposals = propose(make_need(**mo_needs_halal_food()), offers, NOW)
    first = proposals[0]
    assert (first.offer_id, first.tier) == (group.id, "community")
    assert first.reasons[:3] == ("0.5 km away", "speaks French", "can provide halal food")
    assert len(proposals) == 1


def test_it_says_when_someone_has_helped_before() -> None:
    offer = make_offer(helper_id="helper-jo")
    need = make_need(previous_helper_ids=frozenset({"helper-jo"}))
    assert "has helped Mo before" in propose(need, [offer], NOW)[0].reasons


def test_it_names_the_diets_and_the_check() -> None:
    offer = make_offer(
        codes=frozenset({"food", "physical_care"}),
        diets=frozenset({"kosher", "vegetarian"}),
        dbs_level="enhanced",
        dbs_expires=dt.date(2027, 3, 1),
    )
    food = make_need(diet=frozenset({"vegetarian", "kosher"}), involves_children=True)
    reasons = propose(food, [offer], NOW)[0].reasons
    assert "can provide kosher and vegetarian food" in reasons
    assert "enhanced DBS check valid until 1 Mar 2027" in reasons


def test_it_mentions_time_preference_and_load() -> None:
    offer = make_offer(
        availability=(slot(1, "09:00", "12:00"),),
        preferred_codes=frozenset({"food"}),
        load=2,
    )
    window = (london(24, 8), london(24, 17))
    reasons = propose(make_need(window=window), [offer], NOW)[0].reasons
    assert "free at the time needed" in reasons
    assert "likes helping with food" in reasons
    assert "2 open requests" in reasons


def test_it_says_which_higher_tiers_had_nobody() -> None:
    statutory = make_offer(tier="statutory")
    need = make_need(own_network_helper_ids=frozenset({"cousin-ali"}))
    reasons = propose(need, [statutory], NOW)[0].reasons
    assert reasons[-1] == (
        "nobody in Mo's own network, the community or VCSE organisations can help with this"
    )


def test_it_explains_why_nobody_was_proposed() -> None:
    offers = [
        make_offer(capacity_left=0),
        make_offer(languages=frozenset({"en"})),
        make_offer(languages=frozenset({"en"})),
    ]
    need = make_need(language="so", needs_language_match=True)
    assert explain_no_match(need, offers, NOW) == [
        "3 offers help with food",
        "2 of those have capacity left",
        "none of those speak the resident's language",
    ]


def test_it_explains_a_need_code_nobody_offers() -> None:
    need = make_need(code="legal_immigration")
    assert explain_no_match(need, [make_offer()], NOW) == [
        "no offer helps with legal and immigration questions"
    ]


def test_it_has_nothing_to_explain_when_someone_fits() -> None:
    assert explain_no_match(make_need(), [make_offer()], NOW) == []
