"""Inbound callbacks. GOV.UK Notify's inbound SMS callback, authenticated with a bearer token."""

from __future__ import annotations

import datetime as dt
import hmac

from django.conf import settings
from django.http import HttpRequest
from ninja import Field, Router, Schema, Status
from ninja.security import HttpBearer

from doorstep.accounts.models import NoHub, hub_for_number
from doorstep.conversations.actions import do_receive_message
from doorstep.conversations.identify import SenderDetails
from doorstep.lib.phone import InvalidPhoneNumber, normalise_phone
from doorstep.lib.text import UnreadableText


class InboundToken(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> bool | None:
        expected = settings.DOORSTEP_INBOUND_SMS_TOKEN
        return True if hmac.compare_digest(token.encode(), expected.encode()) else None


router = Router(auth=InboundToken(), tags=["inbound"])


class NotifyInboundSms(Schema):
    """The body GOV.UK Notify posts for each text message a resident sends the hub."""

    id: str = Field(min_length=1, max_length=100)
    source_number: str = Field(min_length=1, max_length=30)
    destination_number: str = Field(max_length=30)
    message: str = Field(min_length=1, max_length=100_000)
    date_received: dt.datetime


class Accepted(Schema):
    message_id: int
    duplicate: bool


class Problem(Schema):
    detail: str


@router.post(
    "/sms/notify",
    response={200: Accepted, 201: Accepted, 400: Problem, 401: Problem, 422: Problem, 503: Problem},
    summary="Receive a text message from GOV.UK Notify",
)
def notify_inbound_sms(
    request: HttpRequest, payload: NotifyInboundSms
) -> Status[Accepted | Problem]:
    try:
        phone = normalise_phone(payload.source_number)
        hub = hub_for_number(_e164_or_blank(payload.destination_number))
        received = do_receive_message(
            hub.pk,
            channel="sms",
            body=payload.message,
            sender=SenderDetails(phone=phone),
            provider_id=f"notify:{payload.id}",
            received_at=_aware(payload.date_received),
        )
    except (InvalidPhoneNumber, UnreadableText) as exc:
        return Status(422, Problem(detail=str(exc)))
    except NoHub as exc:
        return Status(503, Problem(detail=str(exc)))
    accepted = Accepted(message_id=received.message.pk, duplicate=not received.created)
    return Status(201 if received.created else 200, accepted)


def _e164_or_blank(number: str) -> str:
    try:
        return normalise_phone(number)
    except InvalidPhoneNumber:
        return ""


def _aware(moment: dt.datetime) -> dt.datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)
