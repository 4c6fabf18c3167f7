from __future__ import annotations

from typing import Any

from django.test import Client

from doorstep.accounts.models import Organisation, User
from doorstep.cases.models import HelpRequest
from doorstep.conversations.models import Message

URL = "/api/inbound/sms/notify"
TOKEN = "dev-inbound-sms-token"


def notify_payload(**overrides: Any) -> dict[str, Any]:
    payload = {
        "id": "df10a23e-2c6d-4ea5-87fb-82e520cbf93a",
        "source_number": "447700900111",
        "destination_number": "07700900000",
        "message": "cn u get me shoppin im stuck in",
        "date_received": "2026-11-23T09:15:30.000000Z",
    }
    payload.update(overrides)
    return payload


def post(client: Client, payload: Any, token: str | None = TOKEN) -> Any:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    return client.post(URL, payload, content_type="application/json", headers=headers)


def test_it_accepts_a_text_from_notify(client: Client, hub: Organisation, alice: User) -> None:
    response = post(client, notify_payload())
    assert response.status_code == 201
    assert response.json()["duplicate"] is False
    message = Message.objects.get(direction="in")
    assert message.provider_id == "notify:df10a23e-2c6d-4ea5-87fb-82e520cbf93a"
    assert message.received_at.isoformat().startswith("2026-11-23T09:15:30")
    assert HelpRequest.objects.get().resident.phone == "+447700900111"


def test_a_repeated_callback_is_absorbed(client: Client, hub: Organisation, alice: User) -> None:
    post(client, notify_payload())
    response = post(client, notify_payload())
    assert response.status_code == 200
    assert response.json()["duplicate"] is True
    assert Message.objects.filter(direction="in").count() == 1


def test_it_refuses_a_callback_without_a_token(client: Client, hub: Organisation) -> None:
    assert post(client, notify_payload(), token=None).status_code == 401
    assert Message.objects.count() == 0


def test_it_refuses_a_wrong_token(client: Client, hub: Organisation) -> None:
    assert post(client, notify_payload(), token="guess").status_code == 401
    assert Message.objects.count() == 0


def test_a_malformed_number_gets_a_clear_message(client: Client, hub: Organisation) -> None:
    response = post(client, notify_payload(source_number="not-a-number"))
    assert response.status_code == 422
    assert "phone number" in response.json()["detail"]


def test_an_empty_text_gets_a_clear_message(client: Client, hub: Organisation) -> None:
    response = post(client, notify_payload(message="   "))
    assert response.status_code == 422
    assert "empty" in response.json()["detail"]


def test_a_huge_text_gets_a_clear_message_and_keeps_what_is_stored(
    client: Client, hub: Organisation, alice: User
) -> None:
    post(client, notify_payload())
    response = post(client, notify_payload(id="other", message="x" * 10_001))
    assert response.status_code == 422
    assert "too long" in response.json()["detail"]
    assert Message.objects.filter(direction="in").count() == 1


def test_a_body_that_is_not_json_is_refused(client: Client, hub: Organisation) -> None:
    response = client.post(
        URL,
        b"\xff\xfe\x00binary",
        content_type="application/json",
        headers={"Authorization": f"Bearer {TOKEN}"},
    )
    assert response.status_code in (400, 422)
    assert Message.objects.count() == 0


def test_a_missing_field_is_refused(client: Client, hub: Organisation) -> None:
    payload = notify_payload()
    del payload["message"]
    response = post(client, payload)
    assert response.status_code == 422
    assert "message: Field required" in response.json()["detail"]
