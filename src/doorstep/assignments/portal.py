"""The community-leader portal: requests sent to a group, in the minimal view.

Leaders accept or decline (with a reason the guide reads), hand a task to one of their
own volunteers and report the outcome. Volunteers see their own tasks. Everything about
the resident is read through the sharing policy: a first name and the task, plus the
address or phone number only for whoever is doing a live task that needs it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from doorstep.accounts.access import roles_required, staff
from doorstep.accounts.models import Role, User
from doorstep.assignments import actions, tasks
from doorstep.assignments.access import get_assignment_for_user
from doorstep.assignments.forms import DeclineForm, ReportForm, VolunteerForm
from doorstep.assignments.models import Assignment
from doorstep.sharing.access import project_need, project_resident, project_rows

# Administrators too, to see what their organisation's groups see.
portal_required = roles_required({Role.COMMUNITY_LEADER, Role.VOLUNTEER, Role.ADMIN})
RECENT = 20


@require_GET
@portal_required
def community(request: HttpRequest) -> HttpResponse:
    user = staff(request)
    mine = Assignment.objects.visible_to(user).select_related(
        "need__help_request__resident", "volunteer"
    )
    context = {
        "waiting": _rows(user, mine.filter(status=Assignment.Status.WAITING)),
        "accepted": _rows(user, mine.filter(status=Assignment.Status.ACCEPTED)),
        "finished": _rows(user, mine.exclude(status__in=Assignment.LIVE)[:RECENT]),
    }
    return render(request, "assignments/community.html", context)


def _rows(user: User, assignments: QuerySet[Assignment]) -> list[dict[str, Any]]:
    """A list in the minimal view: first names and tasks, one policy decision per kind."""
    listed = list(assignments)
    needs = [a.need for a in listed]
    residents = [n.help_request.resident for n in needs]
    first_names = project_rows(user, "task", residents, ("first_name",), page="community")
    tasks = project_rows(user, "task", needs, ("code", "description"), page="community")
    return [
        {"assignment": a, "resident": r, "need": n}
        for a, r, n in zip(listed, first_names, tasks, strict=True)
    ]


@require_GET
@portal_required
def assignment_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return render(request, "assignments/assignment.html", _context(request, pk))


@require_POST
@portal_required
def accept(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(request, pk, actions.do_accept, "Accepted: thank you")


@require_POST
@portal_required
def decline(request: HttpRequest, pk: int) -> HttpResponse:
    form = DeclineForm(request.POST)
    if not form.is_valid():
        return _again(request, pk, decline_form=form)
    reason = form.cleaned_data["reason"]
    return _act(
        request,
        pk,
        lambda user, a: actions.do_decline(user, a, reason),
        "Declined: the Local Guide has your reason and will find someone else",
    )


@require_POST
@portal_required
def give_to_volunteer(request: HttpRequest, pk: int) -> HttpResponse:
    form = VolunteerForm(request.POST, organisation_id=staff(request).org_id)
    if not form.is_valid():
        return _again(request, pk, volunteer_form=form)
    volunteer = form.cleaned_data["volunteer"]
    return _act(
        request,
        pk,
        lambda user, a: actions.do_give_to_volunteer(user, a, volunteer),
        f"{volunteer.display_name} will do it",
    )


@require_POST
@portal_required
def report(request: HttpRequest, pk: int) -> HttpResponse:
    form = ReportForm(request.POST)
    if not form.is_valid():
        return _again(request, pk, report_form=form)
    data = form.cleaned_data
    return _act(
        request,
        pk,
        lambda user, a: actions.do_report_outcome(user, a, data["outcome"], data["note"]),
        "Thank you: the outcome is recorded",
    )


def _act(
    request: HttpRequest, pk: int, action: Callable[[User, Assignment], Assignment], done: str
) -> HttpResponse:
    assignment = get_assignment_for_user(staff(request), pk)
    try:
        action(staff(request), assignment)
    except actions.AssignmentRefused as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, done)
    return redirect("community_assignment", pk=pk)


def _again(request: HttpRequest, pk: int, **forms: object) -> HttpResponse:
    return render(
        request, "assignments/assignment.html", _context(request, pk, **forms), status=400
    )


def _context(request: HttpRequest, pk: int, **forms: object) -> dict[str, Any]:
    user = staff(request)
    assignment = get_assignment_for_user(user, pk)
    is_leader = user.role == Role.COMMUNITY_LEADER
    return {
        **_row(user, assignment),
        "is_leader": is_leader,
        "may_report": actions.may_report(user, assignment)
        and assignment.status == Assignment.Status.ACCEPTED,
        "decline_form": forms.get("decline_form") or DeclineForm(),
        "volunteer_form": forms.get("volunteer_form") or VolunteerForm(organisation_id=user.org_id),
        "report_form": forms.get("report_form") or ReportForm(),
    }


def _row(user: User, assignment: Assignment) -> dict[str, Any]:
    """The assignment with only what this reader may see of the resident and the need."""
    need = assignment.need
    fields = tasks.task_fields(
        need.code, live=assignment.is_live, doing_it=_doing_it(user, assignment)
    )
    return {
        "assignment": assignment,
        "resident": project_resident(user, "task", need.help_request.resident, task_fields=fields),
        "need": project_need(user, "task", need),
    }


def _doing_it(user: User, assignment: Assignment) -> bool:
    """The volunteer it was given to; the leader while no volunteer has it."""
    if assignment.volunteer_id is not None:
        return assignment.volunteer_id == user.pk
    return user.role == Role.COMMUNITY_LEADER and assignment.status == Assignment.Status.ACCEPTED
