from __future__ import annotations

import uuid

import pytest
from django.test import Client

from doorstep.accounts.models import Organisation, User
from doorstep.cases.models import HelpRequest
from doorstep.conversations.models import Message
from tests import factories
from tests.helpers import signed_in


def ask(client: Client, token: uuid.UUID | None = None, **fields: str) -> object:
    data = {
        "message": "I need help with shopping, I can't get out",
        "phone": "07700 900222",
        "safe_to_text": "yes",
        "language": "en",
        "token": str(token or uuid.uuid4()),
    }
    data.update(fields)
    return client.post("/ask/", data)


def test_the_page_has_one_box_and_an_exit_button(client: Client, hub: Organisation) -> None:
    page = client.get("/ask/").content.decode()
    assert "How can we help?" in page
    assert "Exit this page" in page
    assert page.count("<textarea") == 1


def test_asking_opens_a_request_and_names_the_guide(
    client: Client, hub: Organisation, alice: User
) -> None:
    response = ask(client)
    assert response.status_code == 302  # type: ignore[attr-defined]
    page = client.get("/ask/sent/").content.decode()
    assert "Alice, your Local Guide, will contact you by" in page
    assert HelpRequest.objects.get().guide == alice


def test_posting_twice_stores_once(client: Client, hub: Organisation, alice: User) -> None:
    token = uuid.uuid4()
    ask(client, token)
    ask(client, token)
    assert Message.objects.filter(direction="in").count() == 1


def test_nothing_else_is_required_but_a_way_to_reach_you(client: Client, hub: Organisation) -> None:
    response = ask(client, phone="", email="")
    assert response.status_code == 200  # type: ignore[attr-defined]
    assert "Enter a phone number or an email address" in response.content.decode()  # type: ignore[attr-defined]
    assert Message.objects.count() == 0


def test_an_empty_message_gets_a_clear_error(client: Client, hub: Organisation) -> None:
    response = ask(client, message="")
    assert "Tell us how we can help" in response.content.decode()  # type: ignore[attr-defined]


def test_a_huge_message_gets_a_clear_error_and_keeps_the_text(
    client: Client, hub: Organisation
) -> None:
    response = ask(client, message="a" * 10_001)
    page = response.content.decode()  # type: ignore[attr-defined]
    assert "keep it under 10,000 characters" in page
    assert Message.objects.count() == 0


def test_a_malformed_phone_number_gets_a_clear_error(client: Client, hub: Organisation) -> None:
    response = ask(client, phone="12")
    assert "phone number" in response.content.decode()  # type: ignore[attr-defined]


def test_a_malformed_postcode_gets_a_clear_error(client: Client, hub: Organisation) -> None:
    response = ask(client, postcode="nowhere")
    assert "Enter a real postcode, like M32 0TA" in response.content.decode()  # type: ignore[attr-defined]


def test_the_confirmation_without_asking_goes_back_to_the_form(client: Client, db: None) -> None:
    response = client.get("/ask/sent/")
    assert response.status_code == 302
    assert response["Location"] == "/ask/"


@pytest.mark.parametrize(
    ("role", "landing"),
    [
        ("coordinator", "/coordinator/"),
        ("local_guide", "/guide/"),
        ("data_protection_lead", "/sharing/"),
        ("partner_caseworker", "/intake/new/"),
        ("community_leader", "/community/"),
        ("volunteer", "/community/"),
    ],
)
def test_each_role_lands_on_its_own_page(
    client: Client, hub: Organisation, role: str, landing: str
) -> None:
    user = factories.make_user(hub, role)
    response = signed_in(client, user).get("/")
    assert response.status_code == 302
    assert response["Location"] == landing


def test_a_volunteer_lands_on_their_tasks(client: Client, hub: Organisation) -> None:
    volunteer = factories.make_user(hub, "volunteer", first_name="Vic")
    page = signed_in(client, volunteer).get("/", follow=True).content.decode()
    assert "Your tasks" in page
    assert "New request" not in page
