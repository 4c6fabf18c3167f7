"""Pages for Local Guides: their queue, and one help request with everything on it."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from doorstep.accounts.access import casework_required, staff
from doorstep.accounts.models import User
from doorstep.cases import actions, clocks
from doorstep.cases.access import get_help_request_for_user, get_need_for_user
from doorstep.cases.forms import (
    ContactForm,
    CorrectTriageForm,
    DietForm,
    NoteForm,
    OutcomeForm,
    ReplyForm,
)
from doorstep.cases.models import HelpRequest, HelpRequestQuerySet, Need
from doorstep.conversations.models import Message
from doorstep.lib import clock
from doorstep.messaging.actions import CannotReach, do_send_message
from doorstep.sharing import catalogue as cat
from doorstep.sharing.access import (
    Listed,
    help_request_fields,
    project_resident,
    project_rows,
    shown_name,
)

# What a row of the queue (and of the coordinator's list) shows, each through the policy.
QUEUE_RESIDENT_FIELDS = ("first_name", "last_name")
QUEUE_REQUEST_FIELDS = ("urgency", "needs", "safeguarding", "risk_to_life", "guide", "thread")


def queue_rows(user: User, requests: list[HelpRequest], page: str) -> list[dict[str, object]]:
    """Each request's row: its clock, and only what `user` may see of the resident and request.

    `case` holds the projected request fields (`thread` is the newest message from the
    resident); a field missing from it may not be seen.
    """
    now = clock.now()
    people = project_rows(user, "casework", [r.resident for r in requests], QUEUE_RESIDENT_FIELDS)
    cases = project_rows(
        user, "casework", [_queue_record(r) for r in requests], QUEUE_REQUEST_FIELDS, page=page
    )
    return [
        {
            "pk": r.pk,
            "name": shown_name(person),
            "case": case,
            "clock_state": r.clock_state(now).value,
            "clock_text": clocks.describe_remaining(r.clock_times(), now),
        }
        for r, person, case in zip(requests, people, cases, strict=True)
    ]


_QUEUE_VALUES: dict[str, Callable[[HelpRequest], object]] = {
    "urgency": lambda r: r.get_urgency_display(),
    "needs": lambda r: [n.get_code_display() for n in r.needs.all()],
    "safeguarding": lambda r: r.safeguarding,
    "risk_to_life": lambda r: r.risk_to_life,
    "guide": lambda r: r.guide.display_name if r.guide else "",
    "thread": lambda r: _newest_body(r),
}


def _queue_record(help_request: HelpRequest) -> Listed:
    def build(fields: frozenset[str]) -> dict[str, object]:
        return {f: _QUEUE_VALUES[f](help_request) for f in sorted(fields) if f in _QUEUE_VALUES}

    resident = help_request.resident
    return Listed(cat.HELP_REQUEST, help_request.pk, help_request.organisation_id, resident, build)


def _newest_body(help_request: HelpRequest) -> str:
    conversation = getattr(help_request.resident, "conversation", None)
    if conversation is None:
        return ""
    thread = conversation.messages.all()  # prefetched: inbound only, newest first
    return thread[0].body if thread else ""


def with_queue_data(requests: HelpRequestQuerySet) -> HelpRequestQuerySet:
    newest = Message.objects.filter(direction=Message.Direction.IN).order_by("-received_at", "-id")
    return requests.select_related("resident", "resident__conversation", "guide").prefetch_related(
        "needs", Prefetch("resident__conversation__messages", queryset=newest)
    )


@require_GET
@casework_required
def guide_queue(request: HttpRequest) -> HttpResponse:
    user = staff(request)
    mine = HelpRequest.objects.visible_to(user).open().filter(guide=user).by_clock()
    rows = queue_rows(user, list(with_queue_data(mine)), page="guide_queue")
    return render(request, "cases/queue.html", {"rows": rows})


@require_GET
@casework_required
def request_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = staff(request)
    help_request = get_help_request_for_user(user, pk)
    return render(request, "cases/request.html", request_context(user, help_request))


def request_context(user: User, help_request: HelpRequest, **forms: object) -> dict[str, object]:
    """Everything on the request page; the resident and the record only as the policy allows.

    `contact` is the resident's projection and `shown` the request fields the policy allows
    (both empty for a restricted resident); the template shows the thread, notes, triage
    reasons and name only as they allow.
    """
    contact = project_resident(user, "casework", help_request.resident)
    return {
        "contact": contact,
        "name": shown_name(contact),
        "shown": help_request_fields(user, "casework", help_request),
        **_page(help_request, **forms),
    }


def _page(help_request: HelpRequest, **forms: object) -> dict[str, object]:
    now = clock.now()
    resident = help_request.resident
    thread = (
        resident.conversation.messages.select_related("author")
        if hasattr(resident, "conversation")
        else []
    )
    needs = list(help_request.needs.prefetch_related("assignments"))
    return {
        "help_request": help_request,
        "resident": resident,
        "thread": thread,
        "needs": needs,
        "notes": help_request.notes.select_related("author"),
        "attempts": help_request.contact_attempts.select_related("guide").order_by("-at"),
        "clock_state": help_request.clock_state(now).value,
        "clock_text": clocks.describe_remaining(help_request.clock_times(), now),
        "due": clocks.format_due(help_request.first_contact_due),
        "correct_form": forms.get("correct_form")
        or CorrectTriageForm(
            initial={
                "needs": [n.code for n in needs],
                "urgency": help_request.urgency,
                "safeguarding": help_request.safeguarding,
                "language": help_request.language,
            }
        ),
        "reply_form": forms.get("reply_form") or ReplyForm(),
        "note_form": forms.get("note_form") or NoteForm(),
        "diet_form": forms.get("diet_form") or DietForm(initial={"diets": resident.diets}),
        "contact_form": forms.get("contact_form") or ContactForm(),
        "outcome_forms": [(n, _outcome_form(n, forms.get("outcome_form"))) for n in needs],
    }


def _outcome_form(need: Need, submitted: object) -> OutcomeForm:
    """The form as submitted for the need it was about (with its errors), else a fresh one."""
    if isinstance(submitted, OutcomeForm) and submitted.prefix == f"need{need.pk}":
        return submitted
    return OutcomeForm(prefix=f"need{need.pk}", initial={"status": need.status})


def _back(help_request: HelpRequest, note: str, request: HttpRequest) -> HttpResponse:
    messages.success(request, note)
    return redirect("request_detail", pk=help_request.pk)


def _again(request: HttpRequest, help_request: HelpRequest, **forms: object) -> HttpResponse:
    context = request_context(staff(request), help_request, **forms)
    return render(request, "cases/request.html", context, status=400)


@require_POST
@casework_required
def confirm_triage(request: HttpRequest, pk: int) -> HttpResponse:
    help_request = get_help_request_for_user(staff(request), pk)
    actions.do_confirm_triage(staff(request), help_request)
    return _back(help_request, "Triage confirmed", request)


@require_POST
@casework_required
def correct_triage(request: HttpRequest, pk: int) -> HttpResponse:
    help_request = get_help_request_for_user(staff(request), pk)
    form = CorrectTriageForm(request.POST)
    if not form.is_valid():
        return _again(request, help_request, correct_form=form)
    actions.do_correct_triage(staff(request), help_request, **form.cleaned_data)
    return _back(help_request, "Triage corrected: thank you, this helps it learn", request)


@require_POST
@casework_required
def reply(request: HttpRequest, pk: int) -> HttpResponse:
    help_request = get_help_request_for_user(staff(request), pk)
    form = ReplyForm(request.POST)
    if form.is_valid():
        try:
            do_send_message(staff(request), help_request.resident, form.cleaned_data["body"])
        except CannotReach as exc:
            form.add_error("body", str(exc))
        else:
            return _back(help_request, "Message sent", request)
    return _again(request, help_request, reply_form=form)


@require_POST
@casework_required
def add_note(request: HttpRequest, pk: int) -> HttpResponse:
    help_request = get_help_request_for_user(staff(request), pk)
    form = NoteForm(request.POST)
    if not form.is_valid():
        return _again(request, help_request, note_form=form)
    actions.do_add_note(staff(request), help_request, **form.cleaned_data)
    return _back(help_request, "Note added", request)


@require_POST
@casework_required
def record_contact(request: HttpRequest, pk: int) -> HttpResponse:
    help_request = get_help_request_for_user(staff(request), pk)
    form = ContactForm(request.POST)
    if not form.is_valid():
        return _again(request, help_request, contact_form=form)
    data = form.cleaned_data
    actions.do_record_contact(
        staff(request),
        help_request,
        method=data["method"],
        reached=data["reached"] == "yes",
        note=data["note"],
    )
    done = (
        "First contact recorded: the clock has stopped"
        if data["reached"] == "yes"
        else ("Attempt recorded: the clock is still running")
    )
    return _back(help_request, done, request)


@require_POST
@casework_required
def record_diet(request: HttpRequest, pk: int) -> HttpResponse:
    help_request = get_help_request_for_user(staff(request), pk)
    form = DietForm(request.POST)
    if not form.is_valid():
        return _again(request, help_request, diet_form=form)
    actions.do_set_diets(staff(request), help_request.resident, form.cleaned_data["diets"])
    return _back(help_request, "Diet saved", request)


@require_POST
@casework_required
def record_outcome(request: HttpRequest, pk: int) -> HttpResponse:
    need: Need = get_need_for_user(staff(request), pk)
    form = OutcomeForm(request.POST, prefix=f"need{need.pk}")
    if not form.is_valid():
        return _again(request, need.help_request, outcome_form=form)
    actions.do_record_need_outcome(staff(request), need, **form.cleaned_data)
    return _back(need.help_request, f"Outcome recorded for {need.get_code_display()}", request)
