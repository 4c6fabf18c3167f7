from __future__ import annotations

import datetime as dt

import pytest

from doorstep.accounts.models import Organisation
from doorstep.cases.models import HelpRequest, Need
from doorstep.lib import clock
from doorstep.offers.models import Helper
from doorstep.places.models import Address
from tests import factories
from tests.offers.factories import make_helper, make_offer

NEAR_THE_KITCHEN = (53.4601, -2.2790)  # about 0.3 km from it


def a_need(hub: Organisation, code: str = "food", **resident: object) -> Need:
    """A need of a resident like Mo: French, eats halal, living near the kitchen."""
    address = Address.objects.create(
        line1="1 Example Road",
        postcode="M32 0AA",
        latitude=NEAR_THE_KITCHEN[0],
        longitude=NEAR_THE_KITCHEN[1],
    )
    fields: dict[str, object] = {
        "first_name": "Mo",
        "last_name": "Example",
        "language": "fr",
        "accessibility_needs": "Shielding: cannot go out. Eats halal.",
        "address": address,
    }
    fields.update(resident)
    person = factories.make_resident(hub, **fields)
    now = clock.now()
    request = HelpRequest.objects.create(
        organisation=hub,
        resident=person,
        opened_at=now,
        first_contact_due=now + dt.timedelta(hours=24),
    )
    return Need.objects.create(help_request=request, code=code)


@pytest.fixture
def mo_food(hub: Organisation, frozen_clock: dt.datetime) -> Need:
    return a_need(hub)


@pytest.fixture
def kitchen(hub: Organisation) -> Helper:
    helper = make_helper(
        hub,
        kind="community_group",
        name="Old Trafford Community Kitchen",
        languages=["en", "fr", "ar"],
        diets=["halal", "vegetarian"],
        radius_km=6.0,
    )
    make_offer(helper, need_codes=["food"], capacity_per_week=25, current_load=6)
    return helper


@pytest.fixture
def others(hub: Organisation) -> list[Helper]:
    """Food helpers who each miss something Mo needs, and services in lower tiers."""
    mosque = make_helper(
        hub, kind="faith_group", name="Mosque Kitchen", languages=["en", "ar"], diets=["halal"]
    )
    veggie = make_helper(hub, name="Veggie Volunteer", languages=["en", "fr"], diets=["vegetarian"])
    bank = make_helper(
        hub, kind="vcse", tier="vcse", name="Food Bank", diets=["halal"], languages=["fr"]
    )
    council = make_helper(
        hub, kind="statutory", tier="statutory", name="Council Welfare", languages=["fr"],
        diets=["halal"],
    )  # fmt: skip
    for helper in (mosque, veggie, bank, council):
        make_offer(helper, need_codes=["food"])
    return [mosque, veggie, bank, council]
