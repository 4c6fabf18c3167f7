"""Resident-facing pages: ask for help in one box, and see who will contact you and when."""

from __future__ import annotations

import uuid

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from doorstep.accounts.access import staff
from doorstep.accounts.models import Role, User, hub_for_number
from doorstep.cases import clocks
from doorstep.cases.models import HelpRequest
from doorstep.conversations.actions import do_receive_message
from doorstep.conversations.identify import SenderDetails
from doorstep.conversations.models import Message
from doorstep.lib.text import UnreadableText
from doorstep.web.forms import AskForm

SESSION_KEY = "asked_message_id"


def home(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        landing = landing_page(staff(request))
        return redirect(landing) if landing else render(request, "web/staff_home.html")
    return render(request, "web/home.html")


LANDING_PAGES = {
    Role.PARTNER_CASEWORKER: "new_note",
    Role.DATA_PROTECTION_LEAD: "sharing:dashboard",
    Role.DATA_OFFICER: "directory:home",
    Role.COMMUNITY_LEADER: "community",
    Role.VOLUNTEER: "community",
}


def landing_page(user: User) -> str | None:
    """Where each role starts after signing in (None: the staff home page)."""
    if user.coordinates:
        return "coordinator"
    return "guide_queue" if user.does_casework else LANDING_PAGES.get(Role(user.role))


@require_http_methods(["GET", "POST"])
def ask(request: HttpRequest) -> HttpResponse:
    form = AskForm(request.POST or None, initial={"token": uuid.uuid4()})
    if request.method == "POST" and form.is_valid():
        try:
            received = do_receive_message(
                hub_for_number().pk,
                channel="web",
                body=form.cleaned_data["message"],
                sender=sender_from_ask(form.cleaned_data),
                provider_id=f"web:{form.cleaned_data['token']}",
            )
        except UnreadableText as exc:
            form.add_error("message", str(exc))
        else:
            request.session[SESSION_KEY] = received.message.pk
            return redirect("ask_sent")
    return render(request, "web/ask.html", {"form": form})


def sender_from_ask(data: dict[str, object]) -> SenderDetails:
    first, _, last = str(data.get("name") or "").strip().partition(" ")
    language = str(data.get("language") or "")
    return SenderDetails(
        first_name=first,
        last_name=last.strip(),
        phone=str(data.get("phone") or ""),
        email=str(data.get("email") or ""),
        postcode=str(data.get("postcode") or ""),
        language="" if language in ("", "other") else language,
        safe_to_text=data.get("safe_to_text") != "no",
    )


def ask_sent(request: HttpRequest) -> HttpResponse:
    message = Message.objects.filter(pk=request.session.get(SESSION_KEY, 0)).first()
    if message is None:
        return redirect("ask")
    help_request = (
        HelpRequest.objects.filter(resident__conversation=message.conversation_id)
        .select_related("guide")
        .order_by("-opened_at")
        .first()
    )
    context = {
        "guide_name": help_request.guide.first_name if help_request and help_request.guide else "",
        "due": clocks.format_due(help_request.first_contact_due) if help_request else "",
    }
    return render(request, "web/ask_sent.html", context)
