from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.utils.html import escape

from doorstep.accounts.models import Organisation, User
from doorstep.audit.models import AuditEvent
from doorstep.cases.models import CaseNote, HelpRequest, TriageCorrection
from doorstep.conversations.actions import do_receive_message
from doorstep.conversations.identify import SenderDetails
from doorstep.conversations.models import Message
from doorstep.lib import clock
from tests.helpers import signed_in


@pytest.fixture
def help_request(hub: Organisation, alice: User, frozen_clock: dt.datetime) -> HelpRequest:
    do_receive_message(
        hub.pk,
        channel="sms",
        body="need food parcel pls, nothing in the cupboards",
        sender=SenderDetails(phone="+447700900333", first_name="Mo"),
        provider_id="notify:1",
    )
    return HelpRequest.objects.get()


def test_the_queue_shows_my_residents_with_their_clocks(
    client: Client, alice: User, help_request: HelpRequest
) -> None:
    page = signed_in(client, alice).get("/guide/").content.decode()
    assert "Mo" in page
    assert "Running" in page
    assert "need food parcel" in page


def test_the_queue_needs_a_sign_in(client: Client) -> None:
    response = client.get("/guide/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_the_request_page_shows_the_thread_and_reasons(
    client: Client, alice: User, help_request: HelpRequest
) -> None:
    page = signed_in(client, alice).get(f"/requests/{help_request.pk}/").content.decode()
    assert "nothing in the cupboards" in page
    assert escape(help_request.triage_reasons[0]) in page


def test_another_organisation_gets_404(
    client: Client, charlie: User, help_request: HelpRequest
) -> None:
    assert signed_in(client, charlie).get(f"/requests/{help_request.pk}/").status_code == 404
    response = client.post(
        f"/requests/{help_request.pk}/contact/", {"method": "phone", "reached": "yes"}
    )
    assert response.status_code == 404
    help_request.refresh_from_db()
    assert help_request.first_contact_at is None


def test_recording_contact_stops_the_clock(
    client: Client, alice: User, help_request: HelpRequest
) -> None:
    clock.advance(dt.timedelta(hours=2))
    signed_in(client, alice).post(
        f"/requests/{help_request.pk}/contact/",
        {"method": "phone", "reached": "yes", "note": "spoke with Mo"},
    )
    help_request.refresh_from_db()
    assert help_request.first_contact_at == clock.now()
    assert help_request.clock_state(clock.now() + dt.timedelta(days=30)) == "met"


def test_a_voicemail_does_not_stop_the_clock(
    client: Client, alice: User, help_request: HelpRequest
) -> None:
    signed_in(client, alice).post(
        f"/requests/{help_request.pk}/contact/", {"method": "phone", "reached": "no"}
    )
    help_request.refresh_from_db()
    assert help_request.first_contact_at is None
    assert help_request.contact_attempts.count() == 1


def test_replying_sends_on_the_residents_own_channel(
    client: Client,
    alice: User,
    help_request: HelpRequest,
    django_capture_on_commit_callbacks: Callable[..., Any],
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        signed_in(client, alice).post(
            f"/requests/{help_request.pk}/reply/",
            {"body": "Hello Mo, I am Alice. Can I call you at 2pm?"},
        )
    sent = Message.objects.filter(direction="out", author=alice).get()
    assert sent.channel == "sms"
    assert sent.to == "+447700900333"
    assert sent.delivery == "sent"
    assert sent.transport == "outbox"


def test_a_resident_who_cannot_be_texted_is_not_texted(
    client: Client, alice: User, help_request: HelpRequest
) -> None:
    help_request.resident.safe_to_text = False
    help_request.resident.save()
    response = signed_in(client, alice).post(
        f"/requests/{help_request.pk}/reply/", {"body": "Hello"}
    )
    assert response.status_code == 400
    assert "not safe to text" in response.content.decode()
    assert not Message.objects.filter(direction="out", author=alice).exists()


def test_notes_are_kept_as_fact_or_opinion(
    client: Client, alice: User, help_request: HelpRequest
) -> None:
    signed_in(client, alice).post(
        f"/requests/{help_request.pk}/notes/", {"kind": "opinion", "body": "Seemed low in mood"}
    )
    note = CaseNote.objects.get()
    assert (note.kind, note.author) == ("opinion", alice)


def test_a_note_must_say_fact_or_opinion(
    client: Client, alice: User, help_request: HelpRequest
) -> None:
    response = signed_in(client, alice).post(
        f"/requests/{help_request.pk}/notes/", {"body": "Seemed low"}
    )
    assert "fact or an opinion" in response.content.decode()
    assert CaseNote.objects.count() == 0


def test_correcting_triage_is_kept_for_training(
    client: Client, alice: User, help_request: HelpRequest
) -> None:
    signed_in(client, alice).post(
        f"/requests/{help_request.pk}/triage/correct/",
        {"needs": ["food", "money"], "urgency": "urgent", "language": "en"},
    )
    help_request.refresh_from_db()
    correction = TriageCorrection.objects.get()
    assert sorted(help_request.needs.values_list("code", flat=True)) == ["food", "money"]
    assert help_request.urgency == "urgent"
    assert correction.after["needs"] == ["food", "money"]
    assert correction.message is not None
    assert help_request.first_contact_due == help_request.opened_at + dt.timedelta(hours=24)


def test_confirming_triage_records_who(
    client: Client, alice: User, help_request: HelpRequest
) -> None:
    signed_in(client, alice).post(f"/requests/{help_request.pk}/triage/confirm/")
    help_request.refresh_from_db()
    assert help_request.triage_confirmed_by == alice


def test_closing_every_need_closes_the_request(
    client: Client, alice: User, help_request: HelpRequest
) -> None:
    signed_in(client, alice)
    for need in help_request.needs.all():
        client.post(
            f"/needs/{need.pk}/outcome/",
            {
                f"need{need.pk}-status": "met",
                f"need{need.pk}-outcome": "Parcel delivered",
                f"need{need.pk}-met_by": "Neighbour",
            },
        )
    help_request.refresh_from_db()
    assert help_request.status == "closed"


def test_actions_reject_get(client: Client, alice: User, help_request: HelpRequest) -> None:
    signed_in(client, alice)
    for action in ("contact", "reply", "notes", "triage/confirm", "triage/correct"):
        assert client.get(f"/requests/{help_request.pk}/{action}/").status_code == 405


def test_opening_a_request_logs_the_read_with_its_purpose(
    client: Client, alice: User, help_request: HelpRequest
) -> None:
    reads = AuditEvent.objects.filter(action="read", actor_id=alice.pk)
    before = reads.count()
    signed_in(client, alice).get(f"/requests/{help_request.pk}/")
    logged = reads.order_by("sequence")[before:]
    assert {event.purpose for event in logged} == {"casework"}
    assert any("needs" in event.fields for event in logged)


def test_an_unknown_outcome_is_refused_with_a_message(
    client: Client, alice: User, help_request: HelpRequest
) -> None:
    need = help_request.needs.first()
    assert need is not None
    response = signed_in(client, alice).post(
        f"/needs/{need.pk}/outcome/", {f"need{need.pk}-status": "vanished"}
    )
    assert response.status_code == 400
    assert "Choose one of the outcomes in the list" in response.content.decode()
    need.refresh_from_db()
    assert need.status == "open"


def test_a_restricted_resident_s_request_page_holds_their_words_back(
    client: Client, alice: User, help_request: HelpRequest
) -> None:
    from doorstep.cases.actions import do_add_note
    from doorstep.sharing.holds import raise_rights_request

    do_add_note(alice, help_request, kind="fact", body="Lives on the 4th floor")
    url = f"/requests/{help_request.pk}/"
    signed_in(client, alice)
    before = client.get(url).content.decode()
    assert "nothing in the cupboards" in before
    assert "Lives on the 4th floor" in before
    raise_rights_request(alice, help_request.resident, "restriction", "Asked us to pause")
    after = client.get(url).content.decode()
    assert "nothing in the cupboards" not in after
    assert "Lives on the 4th floor" not in after
    assert "+447700900333" not in after
    assert "Not shown" in after
    assert "asked us to restrict the use of their data" in after


def test_a_guide_records_what_food_the_resident_can_eat(
    client: Client, alice: User, help_request: HelpRequest
) -> None:
    url = f"/requests/{help_request.pk}/diet/"
    signed_in(client, alice)
    refused = client.post(url, {"diets": ["chips"]})
    assert refused.status_code == 400
    assert "Choose from the diets in the list" in refused.content.decode()
    page = client.post(url, {"diets": ["halal", "vegetarian"]}, follow=True).content.decode()
    assert "Diet saved" in page
    help_request.resident.refresh_from_db()
    assert help_request.resident.diets == ["halal", "vegetarian"]
    assert AuditEvent.objects.filter(action="update", fields=["diets"]).exists()
