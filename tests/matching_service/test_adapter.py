from __future__ import annotations

import datetime as dt

from doorstep.accounts.models import Organisation
from doorstep.cases.models import Need
from doorstep.matching.service import (
    diet_from_text,
    need_spec,
    offer_specs,
    proposal_rows,
    proposals_for,
)
from doorstep.offers.models import Helper
from doorstep.people.models import NetworkMember
from tests import factories
from tests.matching_service.conftest import NEAR_THE_KITCHEN, a_need
from tests.offers.factories import make_helper, make_offer


def test_a_need_is_read_with_the_residents_place_language_and_diet(mo_food: Need) -> None:
    spec = need_spec(mo_food)
    assert spec.location == NEAR_THE_KITCHEN
    assert spec.language == "fr" and spec.needs_language_match
    assert spec.diet == frozenset({"halal"})
    assert spec.resident_name == "Mo"
    assert spec.own_network_helper_ids == frozenset()


def test_diets_are_found_as_whole_words_in_the_notes() -> None:
    assert diet_from_text("Vegan. Also KOSHER please") == frozenset({"vegan", "kosher"})
    assert diet_from_text("halaland") == frozenset()
    assert diet_from_text("") == frozenset()


def test_an_english_speaker_does_not_need_a_language_match(hub: Organisation) -> None:
    spec = need_spec(a_need(hub, language="en", accessibility_needs=""))
    assert not spec.needs_language_match and spec.diet == frozenset()


def test_mos_food_need_gets_the_kitchen_first_with_reasons(
    mo_food: Need, kitchen: Helper, others: list[Helper]
) -> None:
    proposals = proposals_for(mo_food)
    assert [p.helper_id for p in proposals] == [kitchen.pk]
    first = proposals[0]
    assert first.tier == "community"
    assert "speaks French" in first.reasons
    assert "can provide halal food" in first.reasons
    assert first.reasons[0] == "0.3 km away"


def test_lower_tiers_come_after_the_community_when_asked(
    mo_food: Need, kitchen: Helper, others: list[Helper]
) -> None:
    rows = proposal_rows(mo_food, include_lower_tiers=True)
    assert [row.helper_name for row in rows] == [
        "Old Trafford Community Kitchen",
        "Food Bank",
        "Council Welfare",
    ]
    assert [row.tier_label for row in rows] == [
        "Community",
        "Voluntary organisation",
        "Public service",
    ]
    assert rows[0].helper_kind == "Community group"


def test_the_residents_own_people_come_first(mo_food: Need, kitchen: Helper) -> None:
    resident = mo_food.help_request.resident
    NetworkMember.objects.create(
        resident=resident, name="Awa (cousin)", relationship="family", helps_with=["food"]
    )
    NetworkMember.objects.create(
        resident=resident, name="Neighbour who shops", relationship="neighbour",
        helps_with=["shopping"],
    )  # fmt: skip
    rows = proposal_rows(mo_food, include_lower_tiers=True)
    assert [row.helper_name for row in rows] == ["Awa (cousin)", "Old Trafford Community Kitchen"]
    assert rows[0].tier_label == "Their own people"
    assert "in Mo's own network" in rows[0].reasons
    assert rows[0].distance == "distance unknown"


def test_an_expired_dbs_check_is_not_proposed_for_personal_care(
    hub: Organisation, frozen_clock: dt.datetime
) -> None:
    need = a_need(hub, code="physical_care", language="en", accessibility_needs="")
    expired = make_helper(
        hub, name="Expired Check", dbs_level="enhanced", dbs_expires=dt.date(2025, 1, 31)
    )
    in_date = make_helper(
        hub, name="In Date Check", dbs_level="enhanced", dbs_expires=dt.date(2027, 1, 31)
    )
    for helper in (expired, in_date):
        make_offer(helper, need_codes=["physical_care", "shopping"])
    assert [p.helper_id for p in proposals_for(need)] == [in_date.pk]
    shopping = Need.objects.create(help_request=need.help_request, code="shopping")
    assert {p.helper_id for p in proposals_for(shopping)} == {expired.pk, in_date.pk}


def test_inactive_helpers_and_other_hubs_offers_are_left_out(
    hub: Organisation, mo_food: Need, kitchen: Helper
) -> None:
    elsewhere = factories.make_organisation("Elsewhere")
    make_offer(make_helper(elsewhere, name="Not ours", languages=["fr"], diets=["halal"]))
    kitchen.active = False
    kitchen.save()
    assert offer_specs(hub.pk) == []
    assert proposals_for(mo_food) == []


def test_capacity_left_is_capacity_minus_load(hub: Organisation, kitchen: Helper) -> None:
    (spec,) = offer_specs(hub.pk)
    assert spec.capacity_left == 19 and spec.load == 6
    assert spec.availability == "always"


def test_a_helper_s_preference_is_passed_on_and_named(mo_food: Need, kitchen: Helper) -> None:
    offer = kitchen.offers.get()
    assert "likes helping with food" not in proposals_for(mo_food)[0].reasons
    offer.preferred_codes = ["food"]
    offer.save()
    assert "likes helping with food" in proposals_for(mo_food)[0].reasons


def test_a_recorded_diet_wins_over_the_notes(hub: Organisation) -> None:
    from doorstep.matching.service import need_spec as spec_of

    need = a_need(hub, accessibility_needs="Eats halal.", diets=["kosher"])
    assert spec_of(need).diet == frozenset({"kosher"})
    assert spec_of(a_need(hub, accessibility_needs="Eats halal.")).diet == frozenset({"halal"})
