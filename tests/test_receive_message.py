from __future__ import annotations

import datetime as dt
import threading

import pytest
from django.db import connection

from doorstep.accounts.models import Organisation, User
from doorstep.cases.models import HelpRequest
from doorstep.conversations.actions import UnknownChannel, do_receive_message, process_message
from doorstep.conversations.identify import SenderDetails
from doorstep.conversations.models import Message, PossibleMatch
from doorstep.lib.text import UnreadableText
from doorstep.people.models import Resident
from tests import factories

SHOPPING = "can u get me shopping im stuck in, no food since tuesday"


def receive(
    hub: Organisation,
    body: str = SHOPPING,
    channel: str = "sms",
    provider_id: str | None = "sms-1",
    **sender: object,
) -> object:
    details = SenderDetails(**{"phone": "+447700900111", **sender})  # type: ignore[arg-type]
    return do_receive_message(
        hub.pk, channel=channel, body=body, sender=details, provider_id=provider_id
    )


def test_it_stores_the_message_and_opens_a_request(
    hub: Organisation, alice: User, frozen_clock: dt.datetime
) -> None:
    received = receive(hub)
    request = HelpRequest.objects.get()
    assert received.created  # type: ignore[attr-defined]
    assert request.resident.phone == "+447700900111"
    assert request.opened_at == frozen_clock
    assert request.guide == alice
    assert set(request.needs.values_list("code", flat=True)) & {"food", "shopping"}


def test_a_repeated_delivery_changes_nothing(hub: Organisation, alice: User) -> None:
    first = receive(hub)
    again = receive(hub)
    assert not again.created  # type: ignore[attr-defined]
    assert again.message.pk == first.message.pk  # type: ignore[attr-defined]
    assert Message.objects.filter(direction="in").count() == 1
    assert HelpRequest.objects.count() == 1
    assert Message.objects.filter(direction="out").count() == 1  # one acknowledgement


def test_a_returning_person_continues_their_thread(hub: Organisation, alice: User) -> None:
    receive(hub, provider_id="sms-1")
    receive(hub, body="also my prescription needs collecting", provider_id="sms-2")
    resident = Resident.objects.get()
    assert resident.conversation.messages.filter(direction="in").count() == 2
    assert HelpRequest.objects.count() == 1
    assert "medicine" in HelpRequest.objects.get().needs.values_list("code", flat=True)


def test_a_number_written_differently_is_the_same_person(hub: Organisation, alice: User) -> None:
    receive(hub, provider_id="a", phone="+447700900111")
    do_receive_message(
        hub.pk,
        channel="web",
        body="it's me again",
        provider_id="web:b",
        sender=SenderDetails(phone="+447700900111", first_name="Sam"),
    )
    assert Resident.objects.count() == 1


def test_an_uncertain_match_is_shown_to_staff_not_merged(hub: Organisation, alice: User) -> None:
    known = factories.make_resident(
        hub,
        first_name="Jim",
        last_name="Hargreaves",
        phone="+441614960123",
        address=factories.make_address("4 Elm Road", "M32 0TA"),
    )
    do_receive_message(
        hub.pk,
        channel="phone_note",
        body="Needs shopping, lives alone",
        provider_id="note:1",
        sender=SenderDetails(
            first_name="James",
            last_name="Hargreaves",
            postcode="M32 0TA",
            address_line1="4a Elm Road",
        ),
    )
    assert Resident.objects.count() == 2
    match = PossibleMatch.objects.get()
    assert match.known_resident == known
    assert match.status == PossibleMatch.Status.PENDING


def test_the_same_name_at_the_same_address_is_recognised(hub: Organisation, alice: User) -> None:
    known = factories.make_resident(
        hub,
        first_name="Jim",
        last_name="Hargreaves",
        phone="",
        address=factories.make_address("4 Elm Road", "M32 0TA"),
    )
    do_receive_message(
        hub.pk,
        channel="walk_in",
        body="Jim came in, needs a lift to hospital",
        provider_id="note:2",
        sender=SenderDetails(
            first_name="jim", last_name="HARGREAVES", postcode="M32 0TA", address_line1="4 elm road"
        ),
    )
    assert Resident.objects.count() == 1
    assert known.conversation.messages.count() == 1


def test_a_known_number_with_a_different_name_is_not_merged(hub: Organisation, alice: User) -> None:
    factories.make_resident(hub, first_name="Jim", phone="+447700900111")
    receive(hub, first_name="Sofia")
    assert Resident.objects.count() == 2
    assert PossibleMatch.objects.get().reasons[0] == "same phone number"


@pytest.mark.parametrize("body", ["", "   ", "\x00\x00"])
def test_empty_messages_are_refused_and_nothing_is_stored(hub: Organisation, body: str) -> None:
    with pytest.raises(UnreadableText):
        receive(hub, body=body)
    assert Message.objects.count() == 0


def test_an_unknown_channel_is_refused(hub: Organisation) -> None:
    with pytest.raises(UnknownChannel, match="use one of"):
        receive(hub, channel="pigeon")


def test_a_failure_after_storing_keeps_the_message_for_a_retry(
    hub: Organisation, alice: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(message: Message) -> None:
        raise RuntimeError("triage is down")

    monkeypatch.setattr("doorstep.conversations.actions.triage_message", broken)
    received = receive(hub)
    message = Message.objects.get(pk=received.message.pk)  # type: ignore[attr-defined]
    assert message.processed_at is None
    assert "triage is down" in message.processing_error
    monkeypatch.undo()
    process_message(message)
    message.refresh_from_db()
    assert message.processed_at is not None
    assert HelpRequest.objects.count() == 1


def test_an_emergency_gets_a_three_hour_clock(
    hub: Organisation, alice: User, frozen_clock: dt.datetime
) -> None:
    receive(hub, body="I want to kill myself tonight, I can't go on")
    request = HelpRequest.objects.get()
    assert request.urgency == "emergency"
    assert request.first_contact_due == frozen_clock + dt.timedelta(hours=3)
    assert request.safeguarding


def test_a_later_message_only_raises_urgency(hub: Organisation, alice: User) -> None:
    receive(hub, body="I want to end my life, I can't go on", provider_id="1")
    receive(hub, body="thanks", provider_id="2")
    assert HelpRequest.objects.get().urgency == "emergency"


@pytest.mark.django_db(transaction=True)
def test_first_messages_arriving_together_make_one_resident() -> None:
    hub = factories.make_hub()
    factories.make_user(hub, username="guide-x", first_name="Gita")
    errors: list[Exception] = []

    def send(n: int) -> None:
        try:
            do_receive_message(
                hub.pk,
                channel="sms",
                body=f"need food please ({n})",
                provider_id=f"together-{n}",
                sender=SenderDetails(phone="+447700900777"),
            )
        except Exception as error:  # a failure must fail the test, not vanish in a thread
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=send, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert Resident.objects.filter(phone="+447700900777").count() == 1
    assert HelpRequest.objects.count() == 1
    assert Message.objects.filter(direction="in").count() == 4
