from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from doorstep.accounts.models import Organisation
from doorstep.offers.models import Helper, Offer
from tests.offers.factories import make_helper, make_offer


@pytest.mark.parametrize("capacity", [0, -2])
def test_an_offer_with_no_capacity_is_refused(hub: Organisation, capacity: int) -> None:
    helper = make_helper(hub)
    with pytest.raises(ValidationError) as refused:
        make_offer(helper, capacity_per_week=capacity)
    assert refused.value.message_dict["capacity_per_week"] == ["Capacity must be 1 or more."]


def test_the_database_refuses_zero_capacity_too(hub: Organisation) -> None:
    helper = make_helper(hub)
    with pytest.raises(IntegrityError):
        Offer.objects.create(helper=helper, need_codes=["food"], capacity_per_week=0)


def test_availability_that_ends_before_it_starts_is_refused(hub: Organisation) -> None:
    helper = make_helper(hub)
    slots = [{"weekday": 0, "start": "17:00", "end": "09:00"}]
    with pytest.raises(ValidationError) as refused:
        make_offer(helper, availability=slots)
    (message,) = refused.value.message_dict["availability"]
    assert "Monday" in message and "must end after it starts (17:00 to 09:00)" in message


def test_availability_with_a_bad_weekday_or_time_is_refused(hub: Organisation) -> None:
    helper = make_helper(hub)
    slots = [{"weekday": 7, "start": "09:00", "end": "10:00"}, {"weekday": 1, "start": "9am"}]
    with pytest.raises(ValidationError) as refused:
        make_offer(helper, availability=slots)
    assert len(refused.value.message_dict["availability"]) == 2


def test_good_availability_and_no_availability_are_both_accepted(hub: Organisation) -> None:
    helper = make_helper(hub)
    make_offer(helper, availability=[{"weekday": 6, "start": "09:00", "end": "12:30"}])
    make_offer(helper, availability=[])
    assert helper.offers.count() == 2


def test_an_offer_with_an_unknown_need_is_refused(hub: Organisation) -> None:
    with pytest.raises(ValidationError) as refused:
        make_offer(make_helper(hub), need_codes=["gardening"])
    assert refused.value.message_dict["need_codes"] == ["Unknown need codes: gardening."]


def test_an_unknown_diet_is_refused(hub: Organisation) -> None:
    with pytest.raises(ValidationError) as refused:
        make_helper(hub, diets=["paleo"])
    assert "diets" in refused.value.message_dict


def test_an_expired_dbs_check_is_flagged(hub: Organisation) -> None:
    helper = make_helper(hub, dbs_level="enhanced", dbs_expires=dt.date(2025, 1, 31))
    (warning,) = helper.warnings(dt.date(2026, 11, 23))
    assert warning.startswith("The DBS check expired on 31 Jan 2025")
    assert "not eligible for personal care" in warning
    assert helper.dbs_expired(dt.date(2026, 11, 23))


def test_an_in_date_dbs_check_is_not_flagged(hub: Organisation) -> None:
    helper = make_helper(hub, dbs_level="enhanced", dbs_expires=dt.date(2027, 1, 31))
    assert helper.warnings(dt.date(2026, 11, 23)) == []
    assert Helper.objects.get().dbs_expired(dt.date(2026, 11, 23)) is False


@pytest.mark.django_db
def test_preferred_needs_must_be_among_those_offered(hub: Organisation) -> None:
    helper = make_helper(hub)
    offer = Offer(helper=helper, need_codes=["food"], preferred_codes=["befriending"])
    with pytest.raises(ValidationError) as raised:
        offer.full_clean()
    assert raised.value.message_dict["preferred_codes"] == [
        "Preferred needs must be among the needs offered."
    ]
