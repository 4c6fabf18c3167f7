"""Pages for Local Guides: their queue, and one help request with everything on it."""

from __future__ import annotations

from django.contrib import messages
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from doorstep.accounts.access import casework_required, staff
from doorstep.cases import actions, clocks
from doorstep.cases.access import get_help_request_for_user, get_need_for_user
from doorstep.cases.forms import ContactForm, CorrectTriageForm, NoteForm, OutcomeForm, ReplyForm
from doorstep.cases.models import HelpRequest, HelpRequestQuerySet, Need
from doorstep.conversations.models import Message
from doorstep.lib import clock
from doorstep.messaging.actions import CannotReach, do_send_message
from doorstep.sharing.access import project_help_request, project_resident


def queue_rows(requests: list[HelpRequest]) -> list[dict[str, object]]:
    now = clock.now()
    return [
        {
            "request": r,
            "clock_state": r.clock_state(now).value,
            "clock_text": clocks.describe_remaining(r.clock_times(), now),
            "newest": _newest_message(r),
        }
        for r in requests
    ]


def _newest_message(help_request: HelpRequest) -> object:
    conversation = getattr(help_request.resident, "conversation", None)
    if conversation is None:
        return None
    thread = conversation.messages.all()  # prefetched: inbound only, newest first
    return thread[0] if thread else None


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
    rows = queue_rows(list(with_queue_data(mine)))
    return render(request, "cases/queue.html", {"rows": rows})


@require_GET
@casework_required
def request_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = staff(request)
    help_request = get_help_request_for_user(user, pk)
    context = request_context(help_request)
    context["contact"] = project_resident(user, "casework", help_request.resident)
    project_help_request(user, "casework", help_request)  # decides and logs the sensitive read
    return render(request, "cases/request.html", context)


def request_context(help_request: HelpRequest, **forms: object) -> dict[str, object]:
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
    return render(request, "cases/request.html", request_context(help_request, **forms), status=400)


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
def record_outcome(request: HttpRequest, pk: int) -> HttpResponse:
    need: Need = get_need_for_user(staff(request), pk)
    form = OutcomeForm(request.POST, prefix=f"need{need.pk}")
    if not form.is_valid():
        return _again(request, need.help_request, outcome_form=form)
    actions.do_record_need_outcome(staff(request), need, **form.cleaned_data)
    return _back(need.help_request, f"Outcome recorded for {need.get_code_display()}", request)
