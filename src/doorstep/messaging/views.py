"""The outbox: every message Doorstep has sent or queued, for demos and checking."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from doorstep.accounts.access import casework_required, staff
from doorstep.conversations.models import Message


@require_GET
@casework_required
def outbox(request: HttpRequest) -> HttpResponse:
    sent = (
        Message.objects.filter(
            organisation_id=staff(request).org_id, direction=Message.Direction.OUT
        )
        .select_related("conversation__resident", "author")
        .order_by("-received_at", "-id")[:200]
    )
    return render(request, "messaging/outbox.html", {"sent": sent})
