"""The Done-when of issue 6, on the real demo: Mo's food need gets the kitchen first."""

from __future__ import annotations

from collections.abc import Iterator
from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from django.db import transaction

from doorstep.accounts.models import Organisation
from doorstep.cases.models import Need
from doorstep.matching.service import proposal_rows
from doorstep.offers.demo import load_demo_offers
from doorstep.people.models import Resident


@pytest.fixture(scope="module")
def demo_with_offers(django_db_setup: None, django_db_blocker: Any) -> Iterator[None]:
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("load_demo", stdout=StringIO())
        mo = Resident.objects.get(first_name="Mohamed", last_name="Diallo")
        load_demo_offers(Organisation.objects.get(pk=mo.organisation_id))
        yield
        transaction.set_rollback(True)


@pytest.mark.django_db
def test_mos_food_need_shows_the_kitchen_first_with_french_and_halal(
    demo_with_offers: None,
) -> None:
    mo = Resident.objects.get(first_name="Mohamed", last_name="Diallo")
    need = Need.objects.get(help_request__resident=mo, code="food")
    rows = proposal_rows(need)
    assert rows, "nobody proposed for Mo's food need"
    first = rows[0]
    assert first.helper_name == "Old Trafford Community Kitchen"
    assert first.tier_label == "Community" and first.helper_kind == "Community group"
    assert "speaks French" in first.reasons and "can provide halal food" in first.reasons
    assert first.distance.endswith("km away")
