"""A coordinator assigns many needs at once: review the optimal plan, then confirm."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse

from doorstep.accounts.models import Organisation, User
from doorstep.assignments.models import Assignment
from doorstep.cases.models import Need
from doorstep.offers.models import Helper
from tests.assignments.conftest import offer_of
from tests.helpers import signed_in
from tests.matching_service.conftest import a_need
from tests.offers.factories import make_helper, make_offer

pytestmark = pytest.mark.django_db


@pytest.fixture
def needs(hub: Organisation, frozen_clock: object) -> list[Need]:
    return [a_need(hub, first_name=f"Resident{i}", language="en") for i in range(6)]


@pytest.fixture
def pantry(hub: Organisation) -> Helper:
    helper = make_helper(hub, kind="space", name="Pantry", diets=["halal"])
    make_offer(helper, need_codes=["food"], capacity_per_week=4)
    return helper


@pytest.fixture
def food_bank(hub: Organisation) -> Helper:
    helper = make_helper(hub, kind="vcse", tier="vcse", name="Food Bank", diets=["halal"])
    make_offer(helper, need_codes=["food"], capacity_per_week=10)
    return helper


def plan(client: Client, needs: list[Need]) -> str:
    response = client.post(reverse("batch_plan"), {"needs": [n.pk for n in needs]})
    assert response.status_code == 200
    return response.content.decode()


def test_the_batch_page_lists_unassigned_needs_chosen_by_default(
    client: Client, bob: User, needs: list[Need]
) -> None:
    page = signed_in(client, bob).get(reverse("batch")).content.decode()
    assert "6 open needs nobody has been asked to help with yet" in page
    assert page.count('name="needs"') == 6
    assert page.count(" checked") == 6


def test_the_plan_fills_the_community_first_within_capacity_and_compares_with_greedy(
    client: Client, bob: User, needs: list[Need], pantry: Helper, food_bank: Helper
) -> None:
    page = plan(signed_in(client, bob), needs)
    assert "6 of the 6 needs you chose can be assigned" in page
    assert page.count('<td class="govuk-table__cell">Pantry</td>') == 4
    assert page.count('<td class="govuk-table__cell">Food Bank</td>') == 2
    assert "first come, first served would give" in page
    assert len(re.findall(r'name="pair"', page)) == 6


def test_confirming_creates_the_assignments_and_holds_capacity(
    client: Client, bob: User, needs: list[Need], pantry: Helper, food_bank: Helper
) -> None:
    signed_in(client, bob)
    pairs = re.findall(r'name="pair" value="([^"]+)"', plan(client, needs))
    response = client.post(reverse("batch_confirm"), {"pair": pairs}, follow=True)
    assert "6 needs assigned" in response.content.decode()
    assert Assignment.objects.filter(source="batch").count() == 6
    assert offer_of(pantry).current_load == 4
    assert offer_of(food_bank).current_load == 2
    again = client.get(reverse("batch")).content.decode()
    assert "There is nothing to assign" in again


def test_pairs_that_no_longer_fit_are_reported_not_dropped(
    client: Client, bob: User, needs: list[Need], pantry: Helper, food_bank: Helper
) -> None:
    signed_in(client, bob)
    pairs = re.findall(r'name="pair" value="([^"]+)"', plan(client, needs))
    offer = offer_of(pantry)
    offer.current_load = 3  # someone took three places meanwhile
    offer.save()
    body = client.post(reverse("batch_confirm"), {"pair": pairs}, follow=True).content.decode()
    assert "3 needs assigned" in body
    assert body.count("was not assigned") == 3
    assert offer_of(pantry).current_load == 4  # never beyond capacity


def test_needs_nobody_can_help_are_listed_with_the_reason(
    client: Client, bob: User, needs: list[Need]
) -> None:
    page = plan(signed_in(client, bob), needs[:2])
    assert "Nobody can take these on" in page
    assert "no offer helps with food" in page


def test_choosing_nothing_says_what_to_do(client: Client, bob: User, needs: list[Need]) -> None:
    response = signed_in(client, bob).post(reverse("batch_plan"), {})
    assert response.status_code == 400
    assert "Choose at least one need" in response.content.decode()


def test_guides_cannot_batch_assign(client: Client, alice: User) -> None:
    assert signed_in(client, alice).get(reverse("batch")).status_code == 403


def test_another_hub_s_needs_cannot_be_planned_or_confirmed(
    client: Client, bob: User, needs: list[Need], pantry: Helper
) -> None:
    from tests import factories

    elsewhere = factories.make_hub("Elsewhere", "+447700900111")
    theirs = a_need(elsewhere)
    signed_in(client, bob)
    response = client.post(reverse("batch_plan"), {"needs": [theirs.pk]})
    assert response.status_code == 400
    offer = offer_of(pantry)
    client.post(reverse("batch_confirm"), {"pair": [f"{theirs.pk}:{offer.pk}"]})
    assert not Assignment.objects.exists()
