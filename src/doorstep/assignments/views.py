"""A guide confirms a proposal, or takes an assignment back."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from doorstep.accounts.access import casework_required, staff
from doorstep.assignments.access import get_assignment_for_user
from doorstep.assignments.actions import AssignmentRefused, do_assign_help, do_cancel
from doorstep.assignments.models import Assignment
from doorstep.cases.access import get_need_for_user


@require_POST
@casework_required
def assign_help(request: HttpRequest, pk: int) -> HttpResponse:
    need = get_need_for_user(staff(request), pk)
    try:
        assignment = do_assign_help(staff(request), need, request.POST.get("offer", ""))
    except AssignmentRefused as exc:
        messages.error(request, str(exc))
        return redirect("need_proposals", pk=need.pk)
    messages.success(request, confirmation(assignment))
    return redirect("request_detail", pk=need.help_request_id)


def confirmation(assignment: Assignment) -> str:
    need = assignment.need.get_code_display().lower()
    if assignment.status == Assignment.Status.WAITING:
        return f"Sent to {assignment.helper_name} for {need}: waiting for them to accept"
    return f"{assignment.helper_name} will help with {need}: let them and the resident know"


@require_POST
@casework_required
def cancel(request: HttpRequest, pk: int) -> HttpResponse:
    assignment = get_assignment_for_user(staff(request), pk)
    try:
        do_cancel(staff(request), assignment)
    except AssignmentRefused as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, f"{assignment.helper_name} is no longer asked to help")
    return redirect("request_detail", pk=assignment.need.help_request_id)
