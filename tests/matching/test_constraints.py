"""Each hard constraint, one at a time: a fitting offer is proposed, a breaking one is not."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

import pytest

from doorstep.matching import Key, OfferSpec, propose
from tests.matching.factories import MO_HOME, NOW, london, make_need, make_offer, north_of, slot


def proposed_ids(need_kwargs: Mapping[str, Any], *offers: OfferSpec) -> list[Key]:
    return [p.offer_id for p in propose(make_need(**need_kwargs), offers, NOW)]


def test_it_proposes_an_offer_that_breaks_nothing() -> None:
    offer = make_offer()
    assert proposed_ids({}, offer) == [offer.id]


@pytest.mark.parametrize("capacity", [0, -1, -5])
def test_it_never_proposes_an_offer_without_capacity(capacity: int) -> None:
    assert proposed_ids({}, make_offer(capacity_left=capacity)) == []


def test_it_only_proposes_offers_for_the_need_code() -> None:
    assert proposed_ids({"code": "befriending"}, make_offer(codes=frozenset({"food"}))) == []


def test_it_requires_the_language_when_the_resident_needs_it() -> None:
    french = make_offer(languages=frozenset({"en", "fr"}))
    english = make_offer(languages=frozenset({"en"}))
    assert proposed_ids({"language": "fr", "needs_language_match": True}, french, english) == [
        french.id
    ]


def test_it_does_not_require_the_language_when_the_resident_does_not_need_it() -> None:
    english = make_offer(languages=frozenset({"en"}))
    assert proposed_ids({"language": "fr"}, english) == [english.id]


def test_it_requires_every_diet_for_food() -> None:
    halal = make_offer(diets=frozenset({"halal"}))
    both = make_offer(diets=frozenset({"halal", "vegetarian"}))
    need = {"diet": frozenset({"halal", "vegetarian"})}
    assert proposed_ids(need, halal, both) == [both.id]


def test_it_ignores_diet_for_needs_that_are_not_food() -> None:
    shopper = make_offer(codes=frozenset({"shopping"}), diets=frozenset())
    need = {"code": "shopping", "diet": frozenset({"kosher"})}
    assert proposed_ids(need, shopper) == [shopper.id]


def enhanced(expires: dt.date | None, level: str = "enhanced") -> dict[str, object]:
    return {"dbs_level": level, "dbs_expires": expires}


@pytest.mark.parametrize("need", [{"code": "physical_care"}, {"involves_children": True}])
def test_it_requires_an_in_date_enhanced_dbs_for_checked_work(need: dict[str, object]) -> None:
    codes = frozenset({"food", "physical_care"})
    good = make_offer(codes=codes, **enhanced(dt.date(2027, 6, 1)))
    expired = make_offer(codes=codes, **enhanced(dt.date(2026, 11, 1)))
    expires_today = make_offer(codes=codes, **enhanced(dt.date(2026, 11, 23)))
    basic = make_offer(codes=codes, **enhanced(dt.date(2027, 6, 1), level="standard"))
    undated = make_offer(codes=codes, **enhanced(None))
    unchecked = make_offer(codes=codes)
    offers = (good, expired, expires_today, basic, undated, unchecked)
    assert proposed_ids(need, *offers) == [good.id]


def test_it_does_not_ask_for_a_dbs_for_unchecked_work() -> None:
    unchecked = make_offer()
    assert proposed_ids({"code": "food"}, unchecked) == [unchecked.id]


def test_it_keeps_within_the_needs_distance_limit() -> None:
    near = make_offer(location=north_of(MO_HOME, 1.9))
    far = make_offer(location=north_of(MO_HOME, 2.1))
    assert proposed_ids({"max_distance_km": 2.0}, near, far) == [near.id]


def test_it_keeps_within_the_helpers_radius() -> None:
    near = make_offer(location=north_of(MO_HOME, 0.9), radius_km=1.0)
    far = make_offer(location=north_of(MO_HOME, 1.1), radius_km=1.0)
    assert proposed_ids({"max_distance_km": 10.0}, near, far) == [near.id]


def test_it_skips_distance_when_the_need_has_no_location() -> None:
    far = make_offer(location=north_of(MO_HOME, 40), radius_km=1.0)
    (proposal,) = propose(make_need(location=None), [far], NOW)
    assert proposal.distance_km is None
    assert "distance unknown" in proposal.reasons


def test_it_skips_distance_when_the_offer_has_no_location() -> None:
    phone_line = make_offer(location=None)
    (proposal,) = propose(make_need(), [phone_line], NOW)
    assert "distance unknown" in proposal.reasons


def test_it_needs_availability_in_the_window() -> None:
    tuesday_morning = (london(24, 9), london(24, 12))
    mornings = make_offer(availability=(slot(1, "10:00", "11:00"),))
    evenings = make_offer(availability=(slot(1, "18:00", "21:00"),))
    wednesdays = make_offer(availability=(slot(2, "09:00", "12:00"),))
    always = make_offer(availability="always")
    need = {"window": tuesday_morning}
    assert set(proposed_ids(need, mornings, evenings, wednesdays, always)) == {
        mornings.id,
        always.id,
    }


def test_it_reads_window_times_in_london_time() -> None:
    summer = (
        dt.datetime(2027, 6, 1, 8, 30, tzinfo=dt.UTC),
        dt.datetime(2027, 6, 1, 9, 30, tzinfo=dt.UTC),
    )  # 09:30 to 10:30 in London (BST), a Tuesday
    at_ten = make_offer(availability=(slot(1, "10:00", "10:15"),))
    at_eight = make_offer(availability=(slot(1, "08:00", "09:00"),))
    assert proposed_ids({"window": summer}, at_ten, at_eight) == [at_ten.id]


def test_it_matches_a_window_that_wraps_past_sunday_night() -> None:
    weekend = (london(29, 20), london(30, 10))
    monday_early = make_offer(availability=(slot(0, "08:00", "09:00"),))
    saturday = make_offer(availability=(slot(5, "08:00", "22:00"),))
    assert proposed_ids({"window": weekend}, monday_early, saturday) == [monday_early.id]


def test_it_only_counts_the_part_of_the_window_still_to_come() -> None:
    today = (NOW - dt.timedelta(hours=3), NOW + dt.timedelta(hours=2))  # 06:00 to 11:00
    early = make_offer(availability=(slot(0, "06:00", "08:00"),))
    later = make_offer(availability=(slot(0, "10:00", "12:00"),))
    assert proposed_ids({"window": today}, early, later) == [later.id]


def test_any_slot_will_do_when_there_is_no_window() -> None:
    sundays = make_offer(availability=(slot(6, "14:00", "16:00"),))
    assert proposed_ids({"window": None}, sundays) == [sundays.id]
