"""Sending messages to residents: stored first (outbox pattern), then handed to a transport."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import transaction

from doorstep.conversations.models import Conversation, Message
from doorstep.lib import clock
from doorstep.messaging.transports import TransportError, get_transport
from doorstep.people.models import Channel, Resident

if TYPE_CHECKING:
    from doorstep.accounts.models import User


class CannotReach(ValueError):
    """We have no safe way to send this resident a message; the text says what to do."""


def reply_channel(resident: Resident) -> tuple[str, str]:
    """(channel, address) to reach the resident on, respecting their preferences."""
    if resident.preferred_channel == Channel.EMAIL and resident.email:
        return ("email", resident.email)
    if resident.phone and resident.safe_to_text and resident.preferred_channel != Channel.PHONE:
        return ("sms", resident.phone)
    if resident.email:
        return ("email", resident.email)
    if resident.phone and not resident.safe_to_text:
        raise CannotReach("It is not safe to text this resident: phone them instead")
    raise CannotReach("This resident has no mobile number or email: phone or visit them")


def do_send_message(actor: User | None, resident: Resident, body: str) -> Message:
    """Store a message to the resident in their thread, then send it after commit."""
    channel, to = reply_channel(resident)
    now = clock.now()
    conversation = ensure_conversation(resident, now)
    message = Message.objects.create(
        organisation_id=resident.organisation_id,
        conversation=conversation,
        direction=Message.Direction.OUT,
        channel=channel,
        body=body.strip(),
        author=actor,
        received_at=now,
        delivery=Message.Delivery.QUEUED,
        to=to,
    )
    Conversation.objects.filter(pk=conversation.pk).update(last_message_at=now)
    transaction.on_commit(lambda: deliver(message.pk), robust=True)
    return message


def ensure_conversation(resident: Resident, at: object) -> Conversation:
    conversation, _ = Conversation.objects.get_or_create(
        resident=resident, defaults={"created_at": at, "last_message_at": at}
    )
    return conversation


def deliver(message_id: int) -> None:
    """Hand one queued message to its transport. Safe to call again: sent ones are skipped."""
    with transaction.atomic():
        message = Message.objects.select_for_update().get(pk=message_id)
        if message.delivery != Message.Delivery.QUEUED:
            return
        transport = get_transport()
        try:
            message.transport_ref = transport.send(message)
        except TransportError as exc:
            message.processing_error = str(exc)
            message.save(update_fields=["processing_error"])
            return
        message.transport = transport.name
        message.delivery = Message.Delivery.SENT
        message.sent_at = clock.now()
        message.save(update_fields=["transport", "transport_ref", "delivery", "sent_at"])
