"""The coordinator's view: every open request by clock, unassigned work, caseloads."""

from __future__ import annotations

from django.contrib import messages
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from doorstep.accounts.access import coordinator_required, staff
from doorstep.accounts.models import Role, User
from doorstep.cases import actions
from doorstep.cases.actions import open_case_count
from doorstep.cases.forms import AssignForm
from doorstep.cases.models import ClockAlert, HelpRequest, HelpRequestQuerySet, Need
from doorstep.cases.outcomes import met_by_tier
from doorstep.cases.views import QUEUE_RESIDENT_FIELDS, queue_rows, with_queue_data
from doorstep.lib import clock
from doorstep.offers.models import Helper
from doorstep.sharing.access import project_rows, shown_name

PAGE_SIZE = 200


@require_GET
@coordinator_required
def coordinator(request: HttpRequest) -> HttpResponse:
    return render(request, "cases/coordinator.html", coordinator_context(staff(request)))


def coordinator_context(user: User, form: AssignForm | None = None) -> dict[str, object]:
    open_requests = HelpRequest.objects.visible_to(user).open()
    shown = with_queue_data(open_requests.by_clock())
    return {
        "rows": queue_rows(user, list(shown[:PAGE_SIZE]), page="coordinator"),
        "open_count": open_requests.count(),
        "unassigned_count": open_requests.filter(guide__isnull=True).count(),
        "caseloads": _caseloads(user),
        "alerts": _alerts(user, open_requests),
        "breach_count": HelpRequest.objects.visible_to(user)
        .filter(breached_at__isnull=False)
        .count(),
        "form": form or AssignForm(organisation_id=user.org_id, requests=open_requests),
        "outcomes": met_by_tier(Need.objects.filter(help_request__organisation_id=user.org_id)),
        "dbs_due": Helper.objects.dbs_due(user.org_id, clock.now().date()),
        "today": clock.now().date(),
    }


def _alerts(user: User, open_requests: HelpRequestQuerySet) -> list[dict[str, object]]:
    """The newest clock alerts, each with only the resident's name the user may see."""
    alerts = list(
        ClockAlert.objects.filter(help_request__in=open_requests.clock_running())
        .select_related("help_request__resident")
        .order_by("-created_at")[:50]
    )
    residents = [alert.help_request.resident for alert in alerts]
    people = project_rows(user, "casework", residents, QUEUE_RESIDENT_FIELDS)
    return [
        {
            "help_request_id": alert.help_request_id,
            "name": shown_name(person),
            "kind": alert.get_kind_display(),
            "created_at": alert.created_at,
        }
        for alert, person in zip(alerts, people, strict=True)
    ]


def _caseloads(user: User) -> QuerySet[User]:
    return (
        User.objects.filter(organisation_id=user.org_id, role=Role.LOCAL_GUIDE)
        .annotate(open_cases=open_case_count())
        .order_by("-open_cases", "first_name")
    )


@require_POST
@coordinator_required
def assign(request: HttpRequest) -> HttpResponse:
    user = staff(request)
    open_requests = HelpRequest.objects.visible_to(user).open()
    form = AssignForm(request.POST, organisation_id=user.org_id, requests=open_requests)
    if not form.is_valid():
        return render(
            request, "cases/coordinator.html", coordinator_context(user, form), status=400
        )
    count = actions.do_assign_guide(user, form.cleaned_data["requests"], form.cleaned_data["guide"])
    guide = form.cleaned_data["guide"]
    messages.success(
        request, f"{count} request{'s' if count != 1 else ''} assigned to {guide.display_name}"
    )
    return redirect("coordinator")
