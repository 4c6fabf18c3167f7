"""Break-glass: asking for emergency access to a resident, and the review that follows.

Staff ask with a reason; the grant lasts 30 minutes, during which its page shows them the
resident's whole record. A data protection lead (never the person who used it) reviews it.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from doorstep.accounts.access import staff
from doorstep.accounts.models import User
from doorstep.people.models import Resident
from doorstep.sharing import catalogue as cat
from doorstep.sharing.access import (
    get_break_glass_for_user,
    get_resident_for_break_glass,
    live_grant,
    project_resident,
)
from doorstep.sharing.actions import (
    BREAK_GLASS_MINUTES,
    BREAK_GLASS_REVIEWERS,
    do_break_glass,
    do_review_break_glass,
)
from doorstep.sharing.adapters import local_now
from doorstep.sharing.errors import SharingError
from doorstep.sharing.forms import BreakGlassForm, BreakGlassReviewForm
from doorstep.sharing.models import BreakGlass
from doorstep.sharing.roles import dpo_required, staff_required

# Emergency access is to protect someone: its reads are logged with this purpose.
EMERGENCY_PURPOSE = "safeguarding"


@require_GET
@staff_required
def new(request: HttpRequest, pk: int) -> HttpResponse:
    resident = get_resident_for_break_glass(staff(request), pk)
    return _ask_page(request, resident, BreakGlassForm())


def _ask_page(
    request: HttpRequest, resident: Resident, form: BreakGlassForm, problem: str = ""
) -> HttpResponse:
    user = staff(request)
    context = {
        "resident": resident,
        "own_resident": resident.organisation_id == user.organisation_id,
        "form": form,
        "problem": problem,
        "minutes": BREAK_GLASS_MINUTES,
        "live": live_grant(user, resident),
    }
    status = 400 if problem or form.errors else 200
    return render(request, "sharing/break_glass_new.html", context, status=status)


@require_POST
@staff_required
def start(request: HttpRequest, pk: int) -> HttpResponse:
    user = staff(request)
    resident = get_resident_for_break_glass(user, pk)
    form = BreakGlassForm(request.POST)
    if not form.is_valid():
        return _ask_page(request, resident, form)
    try:
        grant = do_break_glass(user, resident, form.cleaned_data["reason"])
    except SharingError as refused:
        return _ask_page(request, resident, form, str(refused))
    expires = timezone.localtime(grant.expires_at)
    messages.success(request, f"Emergency access until {expires:%H:%M}: it will be reviewed")
    return redirect("sharing:break_glass", pk=grant.pk)


@require_GET
@staff_required
def grant_page(request: HttpRequest, pk: int) -> HttpResponse:
    grant = get_break_glass_for_user(staff(request), pk)
    return _grant_page(request, grant, BreakGlassReviewForm())


def _grant_page(
    request: HttpRequest, grant: BreakGlass, form: BreakGlassReviewForm, problem: str = ""
) -> HttpResponse:
    user = staff(request)
    context: dict[str, Any] = {
        "grant": grant,
        "live": grant.is_live_at(local_now()),
        "form": form,
        "problem": problem,
        "may_review": _may_review(user, grant),
        "own_grant": grant.actor_id == user.pk,
        "record": _record_rows(user, grant),
    }
    status = 400 if problem or form.errors else 200
    return render(request, "sharing/break_glass.html", context, status=status)


def _may_review(user: User, grant: BreakGlass) -> bool:
    pending = grant.review_status == BreakGlass.ReviewStatus.PENDING
    return pending and user.role in BREAK_GLASS_REVIEWERS and grant.actor_id != user.pk


def _record_rows(user: User, grant: BreakGlass) -> list[tuple[str, object]]:
    """While the grant lasts, the person who asked sees the whole record (and it is logged)."""
    resident = grant.resident
    if resident is None or grant.actor_id != user.pk or not grant.is_live_at(local_now()):
        return []
    values = project_resident(user, EMERGENCY_PURPOSE, resident)
    labels = cat.FIELD_CATALOGUE[cat.RESIDENT]
    return [(labels[name].label, _shown(value)) for name, value in values.items()]


def _shown(value: object) -> object:
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, list):
        return "; ".join(_person(item) for item in value) or "None recorded"
    return value if value not in ("", None) else "Not recorded"


def _person(item: object) -> str:
    if not isinstance(item, dict):
        return str(item)
    phone = f", {item['phone']}" if item.get("phone") else ""
    return f"{item.get('name', '')} ({item.get('relationship', '')}){phone}"


@require_POST
@dpo_required
def review(request: HttpRequest, pk: int) -> HttpResponse:
    user = staff(request)
    grant = get_break_glass_for_user(user, pk)
    form = BreakGlassReviewForm(request.POST)
    if not form.is_valid():
        return _grant_page(request, grant, form)
    data = form.cleaned_data
    try:
        do_review_break_glass(user, grant, data["outcome"], data["note"])
    except SharingError as refused:
        return _grant_page(request, grant, form, str(refused))
    messages.success(request, f"Emergency access reviewed: {grant.get_outcome_display()}")
    return redirect("sharing:dashboard")
