from __future__ import annotations

from django.test import Client
from django.urls import reverse

from doorstep.accounts.models import Role, User
from doorstep.cases.models import Need
from doorstep.offers.models import Helper
from tests import factories
from tests.helpers import signed_in


def test_a_guide_sees_the_kitchen_first_with_reasons(
    client: Client, alice: User, mo_food: Need, kitchen: Helper, others: list[Helper]
) -> None:
    response = signed_in(client, alice).get(reverse("need_proposals", args=[mo_food.pk]))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Old Trafford Community Kitchen" in page
    assert "speaks French" in page and "can provide halal food" in page
    assert "Community group" in page
    assert "Food Bank" not in page
    assert "Show organisations and services too" in page


def test_asking_for_all_shows_voluntary_organisations_and_public_services(
    client: Client, alice: User, mo_food: Need, kitchen: Helper, others: list[Helper]
) -> None:
    url = reverse("need_proposals", args=[mo_food.pk]) + "?all=1"
    page = signed_in(client, alice).get(url).content.decode()
    assert page.index("Old Trafford Community Kitchen") < page.index("Food Bank")
    assert page.index("Food Bank") < page.index("Council Welfare")
    assert "Voluntary organisation" in page and "Public service" in page


def test_with_nobody_to_help_the_page_says_why(client: Client, alice: User, mo_food: Need) -> None:
    page = signed_in(client, alice).get(reverse("need_proposals", args=[mo_food.pk]))
    assert "Nobody can help with this yet" in page.content.decode()


def test_the_request_page_links_to_who_can_help(client: Client, alice: User, mo_food: Need) -> None:
    url = reverse("request_detail", args=[mo_food.help_request.pk])
    page = signed_in(client, alice).get(url).content.decode()
    assert reverse("need_proposals", args=[mo_food.pk]) in page
    assert "Who can help with food" in page


def test_another_organisation_gets_404(client: Client, mo_food: Need) -> None:
    outsider = factories.make_user(factories.make_organisation("Elsewhere"), Role.COORDINATOR)
    response = signed_in(client, outsider).get(reverse("need_proposals", args=[mo_food.pk]))
    assert response.status_code == 404


def test_an_anonymous_visitor_is_sent_to_sign_in(client: Client, mo_food: Need) -> None:
    response = client.get(reverse("need_proposals", args=[mo_food.pk]))
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_a_volunteer_cannot_open_the_page(client: Client, hub: object, mo_food: Need) -> None:
    volunteer = factories.make_user(mo_food.help_request.organisation, Role.VOLUNTEER)
    response = signed_in(client, volunteer).get(reverse("need_proposals", args=[mo_food.pk]))
    assert response.status_code == 403
