"""A hub, Mo's food need, the kitchen as a group with its own leader and volunteer."""

from __future__ import annotations

import datetime as dt

import pytest

from doorstep.accounts.models import Organisation, Role, User
from doorstep.cases.models import Need
from doorstep.offers.models import Helper, Offer
from doorstep.sharing import catalogue as cat
from tests import factories
from tests.matching_service.conftest import a_need
from tests.offers.factories import make_helper, make_offer
from tests.sharing.factories import make_agreement


@pytest.fixture
def group(hub: Organisation) -> Organisation:
    return Organisation.objects.create(name="Old Trafford Community Kitchen", kind="community")


@pytest.fixture
def leader(group: Organisation) -> User:
    return factories.make_user(group, Role.COMMUNITY_LEADER, username="shazia", first_name="Sam")


@pytest.fixture
def volunteer(group: Organisation) -> User:
    return factories.make_user(group, Role.VOLUNTEER, username="tariq", first_name="Tariq")


@pytest.fixture
def agreement(hub: Organisation, group: Organisation, bob: User) -> object:
    """The hub may send a first name, address and phone, and the task, for tasks."""
    return make_agreement(
        bob,
        {hub: "controller", group: "recipient"},
        purposes=("task",),
        fields={
            cat.RESIDENT: ("first_name", "address", "phone"),
            cat.NEED: ("code", "description"),
        },
    )


@pytest.fixture
def mo_food(hub: Organisation, frozen_clock: dt.datetime) -> Need:
    return a_need(hub)


def make_kitchen(hub: Organisation, group: Organisation, capacity: int = 2) -> Helper:
    """A French-speaking halal kitchen near Mo, taking requests through its group's leaders."""
    helper = make_helper(
        hub,
        kind="community_group",
        name="Old Trafford Community Kitchen",
        languages=["en", "fr"],
        diets=["halal"],
        radius_km=6.0,
        group=group,
    )
    make_offer(helper, need_codes=["food"], capacity_per_week=capacity)
    return helper


@pytest.fixture
def kitchen(hub: Organisation, group: Organisation) -> Helper:
    return make_kitchen(hub, group)


@pytest.fixture
def neighbour_helper(hub: Organisation) -> Helper:
    """A volunteer the hub arranges directly: no group, no leader."""
    helper = make_helper(hub, name="Pat Volunteer", languages=["en", "fr"], diets=["halal"])
    make_offer(helper, need_codes=["food"], capacity_per_week=1)
    return helper


def offer_of(helper: Helper) -> Offer:
    return helper.offers.get()
