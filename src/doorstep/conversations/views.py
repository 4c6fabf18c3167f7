"""Staff intake (phone notes, walk-ins, referrals) and deciding uncertain matches."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from doorstep.accounts.access import casework_required, intake_required, staff
from doorstep.conversations.access import get_pending_match_for_user
from doorstep.conversations.actions import do_decide_possible_match, do_receive_message
from doorstep.conversations.forms import NoteForm
from doorstep.conversations.identify import SenderDetails
from doorstep.conversations.models import PossibleMatch
from doorstep.lib.text import UnreadableText
from doorstep.sharing.access import project_rows, shown_name


@require_http_methods(["GET", "POST"])
@intake_required
def new_note(request: HttpRequest) -> HttpResponse:
    user = staff(request)
    initial_channel = "referral" if user.role == "partner_caseworker" else "phone_note"
    form = NoteForm(
        request.POST or None, initial={"token": uuid.uuid4(), "channel": initial_channel}
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            received = do_receive_message(
                user.org_id or 0,
                channel=data["channel"],
                body=data["message"],
                sender=_sender(data),
                provider_id=f"note:{data['token']}",
                author=user,
                referrer=_referrer(data),
            )
        except UnreadableText as exc:
            form.add_error("message", str(exc))
        else:
            help_request = received.help_request
            messages.success(request, "Request received: a Local Guide has it")
            if help_request is not None and user.does_casework:
                return redirect("request_detail", pk=help_request.pk)
            return redirect("new_note")
    return render(request, "conversations/new_note.html", {"form": form})


def _sender(data: dict[str, object]) -> SenderDetails:
    language = str(data.get("language") or "")
    return SenderDetails(
        first_name=str(data["first_name"]),
        last_name=str(data["last_name"]),
        phone=str(data["phone"]),
        email=str(data["email"]),
        address_line1=str(data["address_line1"]),
        postcode=str(data["postcode"]),
        language="" if language == "other" else language,
        safe_to_text=bool(data["safe_to_text"]),
    )


def _referrer(data: dict[str, object]) -> dict[str, str]:
    if data.get("channel") != "referral":
        return {}
    return {
        "name": str(data["referrer_name"]),
        "organisation": str(data["referrer_organisation"]),
        "contact": str(data["referrer_contact"]),
    }


# What "Who is this?" shows of each of the two residents, side by side. The purpose is
# casework: the staff who open the page are caseworkers, and data_quality gives them nothing.
MATCH_FIELDS = ("first_name", "last_name", "phone", "address")


@require_GET
@casework_required
def possible_matches(request: HttpRequest) -> HttpResponse:
    user = staff(request)
    pending = list(
        PossibleMatch.objects.filter(
            status=PossibleMatch.Status.PENDING, new_resident__organisation_id=user.org_id
        ).select_related("new_resident__address", "known_resident__address")
    )
    residents = [r for m in pending for r in (m.new_resident, m.known_resident)]
    seen = project_rows(user, "casework", residents, MATCH_FIELDS, page="possible_matches")
    matches = [
        {
            "pk": match.pk,
            "reasons": match.reasons,
            "new": _side(seen[2 * i]),
            "known": _side(seen[2 * i + 1]),
        }
        for i, match in enumerate(pending)
    ]
    return render(request, "conversations/possible_matches.html", {"matches": matches})


def _side(values: dict[str, object]) -> dict[str, object]:
    """One resident as the page shows them: None for a detail the user may not see."""
    return {
        "name": shown_name(values),
        "phone": values.get("phone"),
        "address": values.get("address"),
    }


@require_POST
@casework_required
def decide_match(request: HttpRequest, pk: int) -> HttpResponse:
    match = get_pending_match_for_user(staff(request), pk)
    same = request.POST.get("decision") == "same"
    do_decide_possible_match(staff(request), match, same_person=same)
    messages.success(request, "Threads joined" if same else "Kept as different people")
    return redirect("possible_matches")
