"""The guide's "Ask" button, the leader's portal in the minimal view, the volunteer's task."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from doorstep.accounts.models import Organisation, Role, User
from doorstep.assignments import actions
from doorstep.assignments.models import Assignment
from doorstep.cases.models import Need
from doorstep.offers.models import Helper
from tests import factories
from tests.assignments.conftest import offer_of
from tests.helpers import signed_in

pytestmark = pytest.mark.django_db


def ask(client: Client, need: Need, helper: Helper) -> object:
    url = reverse("assign_help", kwargs={"pk": need.pk})
    return client.post(url, {"offer": str(offer_of(helper).pk)}, follow=True)


def test_the_proposals_page_has_an_ask_button_that_sends_it(
    client: Client, alice: User, mo_food: Need, kitchen: Helper, agreement: object
) -> None:
    signed_in(client, alice)
    page = client.get(reverse("need_proposals", kwargs={"pk": mo_food.pk})).content.decode()
    assert f'name="offer" value="{offer_of(kitchen).pk}"' in page
    response = ask(client, mo_food, kitchen)
    body = response.content.decode()  # type: ignore[attr-defined]
    assert "Sent to Old Trafford Community Kitchen for food: waiting for them to accept" in body
    assert "Waiting for the group to accept" in body  # shown on the request page
    assert Assignment.objects.get().status == Assignment.Status.WAITING


def test_a_refusal_is_shown_on_the_proposals_page(
    client: Client, alice: User, mo_food: Need, kitchen: Helper
) -> None:
    """No agreement with the group: the guide is told, nothing is sent."""
    response = ask(signed_in(client, alice), mo_food, kitchen)
    body = response.content.decode()  # type: ignore[attr-defined]
    assert "Not done" in body
    assert "cannot be sent this" in body
    assert not Assignment.objects.exists()


@pytest.fixture
def waiting(alice: User, mo_food: Need, kitchen: Helper, agreement: object) -> Assignment:
    return actions.do_assign_help(alice, mo_food, str(offer_of(kitchen).pk))


def test_the_leader_sees_a_first_name_and_the_task_but_no_address_yet(
    client: Client, leader: User, waiting: Assignment
) -> None:
    signed_in(client, leader)
    home = client.get("/").url  # type: ignore[attr-defined]
    assert home == reverse("community")
    listing = client.get(reverse("community")).content.decode()
    assert "Mo" in listing
    assert "Example" not in listing  # no last name
    page = client.get(reverse("community_assignment", kwargs={"pk": waiting.pk})).content.decode()
    assert "Food" in page
    assert "1 Example Road" not in page
    assert "Shielding" not in page  # accessibility notes are special category: never sent


def test_accepting_shows_the_leader_the_address_until_a_volunteer_has_it(
    client: Client, leader: User, volunteer: User, waiting: Assignment
) -> None:
    signed_in(client, leader)
    url = reverse("community_assignment", kwargs={"pk": waiting.pk})
    client.post(reverse("accept_assignment", kwargs={"pk": waiting.pk}))
    assert "1 Example Road" in client.get(url).content.decode()
    client.post(
        reverse("give_to_volunteer", kwargs={"pk": waiting.pk}), {"volunteer": volunteer.pk}
    )
    assert "1 Example Road" not in client.get(url).content.decode()
    mine = signed_in(Client(), volunteer)
    assert "1 Example Road" in mine.get(url).content.decode()
    mine.post(reverse("report_outcome", kwargs={"pk": waiting.pk}), {"outcome": "met", "note": ""})
    assert "1 Example Road" not in mine.get(url).content.decode()  # only while the task is live


def test_a_decline_without_a_reason_is_refused_and_with_one_reaches_the_guide(
    client: Client, leader: User, alice: User, waiting: Assignment, mo_food: Need
) -> None:
    signed_in(client, leader)
    url = reverse("decline_assignment", kwargs={"pk": waiting.pk})
    refused = client.post(url, {"reason": ""})
    assert refused.status_code == 400
    assert "Say why you cannot take this on" in refused.content.decode()
    client.post(url, {"reason": "No driver this week"})
    guide = signed_in(Client(), alice)
    request_page = guide.get(reverse("request_detail", kwargs={"pk": mo_food.help_request_id}))
    assert "No driver this week" in request_page.content.decode()
    proposals = guide.get(reverse("need_proposals", kwargs={"pk": mo_food.pk})).content.decode()
    assert "declined: No driver this week" in proposals
    assert 'name="offer"' in proposals  # the guide can choose again


def test_another_group_s_leader_gets_404(client: Client, waiting: Assignment) -> None:
    stranger = factories.make_user(factories.make_organisation("Elsewhere"), Role.COMMUNITY_LEADER)
    signed_in(client, stranger)
    url = reverse("community_assignment", kwargs={"pk": waiting.pk})
    assert client.get(url).status_code == 404
    assert client.post(reverse("accept_assignment", kwargs={"pk": waiting.pk})).status_code == 404
    assert "Mo" not in client.get(reverse("community")).content.decode()


def test_a_volunteer_sees_only_their_own_tasks(
    client: Client, volunteer: User, group: Organisation, waiting: Assignment
) -> None:
    signed_in(client, volunteer)
    assert "Mo" not in client.get(reverse("community")).content.decode()
    url = reverse("community_assignment", kwargs={"pk": waiting.pk})
    assert client.get(url).status_code == 404


def test_guides_cannot_open_the_portal(client: Client, alice: User) -> None:
    assert signed_in(client, alice).get(reverse("community")).status_code == 403


def test_the_guide_takes_it_back(
    client: Client, alice: User, waiting: Assignment, kitchen: Helper, hub: Organisation
) -> None:
    signed_in(client, alice)
    client.post(reverse("cancel_assignment", kwargs={"pk": waiting.pk}))
    waiting.refresh_from_db()
    assert waiting.status == Assignment.Status.CANCELLED
    assert offer_of(kitchen).current_load == 0
