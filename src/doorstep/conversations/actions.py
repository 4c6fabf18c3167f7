"""Receiving messages on every channel: store first, once; then work out who and what.

`do_receive_message` stores the message in its own transaction (a repeated delivery of
the same provider id changes nothing), then processes it. If processing fails the message
is still stored, marked with the error, and `manage.py process_inbox` tries again.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import IntegrityError, transaction

from doorstep.cases import clocks
from doorstep.cases.actions import do_open_or_update_request
from doorstep.cases.models import HelpRequest
from doorstep.cases.triage_service import triage_message
from doorstep.conversations.identify import Identification, SenderDetails, identify
from doorstep.conversations.locks import lock_sender
from doorstep.conversations.models import Conversation, InboundChannel, Message, PossibleMatch
from doorstep.lib import clock
from doorstep.lib.phone import is_mobile
from doorstep.lib.text import clean_message_text
from doorstep.messaging.actions import CannotReach, do_send_message, ensure_conversation
from doorstep.people.models import Resident
from doorstep.places.services import find_or_create_address

if TYPE_CHECKING:
    from doorstep.accounts.models import User
    from doorstep.triage import TriageResult

log = logging.getLogger(__name__)


class UnknownChannel(ValueError):
    """The channel is not one Doorstep receives on."""


@dataclass(frozen=True)
class Received:
    message: Message
    created: bool  # False when this was a repeated delivery

    @property
    def help_request(self) -> HelpRequest | None:
        conversation = self.message.conversation
        if conversation is None:
            return None
        return HelpRequest.objects.open().filter(resident_id=conversation.resident_id).first()


def do_receive_message(
    organisation_id: int,
    *,
    channel: str,
    body: str,
    sender: SenderDetails,
    provider_id: str | None = None,
    received_at: dt.datetime | None = None,
    author: User | None = None,
    referrer: dict[str, str] | None = None,
) -> Received:
    """Store an inbound message (once per provider id), then process it."""
    if channel not in InboundChannel.values:
        raise UnknownChannel(
            f"Unknown channel {channel!r}: use one of {', '.join(InboundChannel.values)}"
        )
    text = clean_message_text(body, settings.DOORSTEP_MAX_MESSAGE_CHARS)
    message, created = _store(
        organisation_id,
        channel,
        text,
        sender,
        provider_id,
        received_at or clock.now(),
        author,
        referrer or {},
    )
    if created:
        process_message(message)
        message.refresh_from_db()
    return Received(message, created)


def _store(
    organisation_id: int,
    channel: str,
    text: str,
    sender: SenderDetails,
    provider_id: str | None,
    received_at: dt.datetime,
    author: User | None,
    referrer: dict[str, str],
) -> tuple[Message, bool]:
    if provider_id:
        existing = Message.objects.filter(channel=channel, provider_id=provider_id).first()
        if existing is not None:
            return existing, False
    try:
        with transaction.atomic():
            message = Message.objects.create(
                organisation_id=organisation_id,
                direction=Message.Direction.IN,
                channel=channel,
                provider_id=provider_id or None,
                body=text,
                sender=asdict(sender),
                referrer=referrer,
                author=author,
                received_at=received_at,
            )
    except IntegrityError:  # the same delivery raced us and won: absorb it
        return Message.objects.get(channel=channel, provider_id=provider_id), False
    return message, True


def process_message(message: Message) -> None:
    """Who sent it, which thread, which request, which guide. Failures are kept, not lost."""
    try:
        result = triage_message(message)  # pure and slow-ish: before taking any write lock
        with transaction.atomic():
            _process(message, result)
    except Exception as exc:
        log.exception("Could not process message %s", message.pk)
        Message.objects.filter(pk=message.pk).update(processing_error=repr(exc)[:2000])


def _process(message: Message, result: TriageResult) -> None:
    sender = SenderDetails(**message.sender)
    lock_sender(message.organisation_id, sender)
    resident = _resident_for(message.organisation_id, sender)
    conversation = ensure_conversation(resident, message.received_at)
    message.conversation = conversation
    message.language = result.language
    message.processed_at, message.processing_error = clock.now(), ""
    message.save(update_fields=["conversation", "language", "processed_at", "processing_error"])
    Conversation.objects.filter(pk=conversation.pk).update(last_message_at=message.received_at)
    if not sender.language:
        _learn_language(resident, result.language)
    is_new_request = not HelpRequest.objects.filter(resident=resident).open().exists()
    request = do_open_or_update_request(message, result)
    if is_new_request and message.channel == InboundChannel.SMS:
        _acknowledge(resident, request)


def _learn_language(resident: Resident, language: str) -> None:
    """A resident we only knew as English who writes in another language prefers it."""
    if language not in ("", "und", "en") and resident.language == "en":
        Resident.objects.filter(pk=resident.pk).update(language=language)
        resident.language = language


def _resident_for(organisation_id: int, sender: SenderDetails) -> Resident:
    found = identify(organisation_id, sender)
    if found.resident is not None:
        _fill_missing_details(found.resident, sender)
        return found.resident
    resident = _create_resident(organisation_id, sender)
    _record_possible_matches(resident, found)
    return resident


def _create_resident(organisation_id: int, sender: SenderDetails) -> Resident:
    resident = Resident(organisation_id=organisation_id)
    _fill_missing_details(resident, sender)
    return resident


def _fill_missing_details(resident: Resident, sender: SenderDetails) -> None:
    """Add what the resident told us this time; never overwrite what we already hold."""
    for field in ("first_name", "last_name", "phone", "email", "year_of_birth"):
        if not getattr(resident, field) and getattr(sender, field):
            setattr(resident, field, getattr(sender, field))
    if sender.language and (resident.pk is None or resident.language == "en"):
        resident.language = sender.language
    if sender.safe_to_text is not None:
        resident.safe_to_text = sender.safe_to_text
    if resident.phone and not resident.email:
        textable = resident.safe_to_text and is_mobile(resident.phone)
        resident.preferred_channel = "sms" if textable else "phone"
    elif resident.email and not resident.phone:
        resident.preferred_channel = "email"
    if resident.address_id is None and sender.postcode and sender.address_line1:
        resident.address = find_or_create_address(sender.address_line1, sender.postcode)
    resident.save()


def _record_possible_matches(resident: Resident, found: Identification) -> None:
    for known, score, reasons in found.possible:
        PossibleMatch.objects.get_or_create(
            new_resident=resident,
            known_resident=known,
            defaults={"score": score, "reasons": reasons, "created_at": clock.now()},
        )


def _acknowledge(resident: Resident, request: HelpRequest) -> None:
    try:
        do_send_message(None, resident, acknowledgement_text(request))
    except CannotReach:
        return


def acknowledgement_text(request: HelpRequest) -> str:
    who = (
        request.guide.first_name if request.guide and request.guide.first_name else "A Local Guide"
    )
    return (
        f"Thank you, we have your message. {who} from {settings.DOORSTEP_HUB_NAME} "
        f"will contact you by {clocks.format_due(request.first_contact_due)}."
    )


@transaction.atomic
def do_decide_possible_match(actor: User, match: PossibleMatch, *, same_person: bool) -> None:
    """Staff decide: the same person (threads and requests joined) or different people."""
    match.status = (
        PossibleMatch.Status.SAME_PERSON if same_person else PossibleMatch.Status.DIFFERENT
    )
    match.decided_by, match.decided_at = actor, clock.now()
    match.save()
    if same_person:
        _join_residents(keep=match.known_resident, merge=match.new_resident)


def _join_residents(keep: Resident, merge: Resident) -> None:
    conversation = ensure_conversation(keep, clock.now())
    Message.objects.filter(conversation__resident=merge).update(conversation=conversation)
    HelpRequest.objects.filter(resident=merge).update(resident=keep)
    _fill_missing_details(
        keep,
        SenderDetails(
            first_name=merge.first_name,
            last_name=merge.last_name,
            phone=merge.phone,
            email=merge.email,
            year_of_birth=merge.year_of_birth,
        ),
    )
    merge.merged_into = keep
    merge.save(update_fields=["merged_into"])
