"""The outbox: every message Doorstep has sent or queued, for demos and checking."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from doorstep.accounts.access import casework_required, staff
from doorstep.conversations.models import Message
from doorstep.sharing import catalogue as cat
from doorstep.sharing.access import Listed, listed, project_rows, shown_name

# The resident's field that the address a message went to is: seen only by who may see it.
CONTACT_FIELD = {"sms": "phone", "email": "email"}
PERSON_FIELDS = ("first_name", "last_name", "phone", "email")


@require_GET
@casework_required
def outbox(request: HttpRequest) -> HttpResponse:
    user = staff(request)
    sent = list(
        Message.objects.filter(organisation_id=user.org_id, direction=Message.Direction.OUT)
        .select_related("conversation__resident", "author")
        .order_by("-received_at", "-id")[:200]
    )
    people = project_rows(user, "casework", [_person(m) for m in sent], PERSON_FIELDS)
    bodies = project_rows(user, "casework", [_body(m) for m in sent], ("thread",), page="outbox")
    rows = [
        {
            "at": m.received_at,
            "channel": m.channel,
            "by": m.author.display_name if m.author else "Doorstep",
            "delivery": m.get_delivery_display(),
            "transport": m.transport,
            "name": shown_name(person),
            "to": m.to if CONTACT_FIELD.get(m.channel, "phone") in person else None,
            "body": body.get("thread"),
        }
        for m, person, body in zip(sent, people, bodies, strict=True)
    ]
    return render(request, "messaging/outbox.html", {"rows": rows})


def _person(message: Message) -> Listed:
    """The resident the message went to: their name, and the phone or email it went to."""
    conversation = message.conversation
    if conversation is None:  # not sent to anyone Doorstep knows: nothing to show
        return Listed(cat.RESIDENT, 0, message.organisation_id, None, lambda _fields: {})
    return listed(conversation.resident)


def _body(message: Message) -> Listed:
    """The message as part of the resident's thread (the help request's `thread` field)."""
    resident = message.conversation.resident if message.conversation is not None else None
    return Listed(
        cat.HELP_REQUEST,
        message.pk,
        message.organisation_id,
        resident,
        lambda fields: {"thread": message.body} if "thread" in fields else {},
        subject="conversations.Message",
    )
