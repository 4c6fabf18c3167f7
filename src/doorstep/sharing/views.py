"""The data protection lead's pages: agreements at a glance, and changing their status."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from django.contrib import messages
from django.db.models import Count, Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from doorstep.accounts.access import staff
from doorstep.accounts.models import User
from doorstep.sharing import catalogue
from doorstep.sharing.access import get_agreement_for_user
from doorstep.sharing.adapters import local_now
from doorstep.sharing.agreement_actions import (
    do_activate_agreement,
    do_end_agreement,
    do_review_agreement,
    do_suspend_agreement,
)
from doorstep.sharing.errors import SharingError
from doorstep.sharing.forms import ReasonForm, ReviewForm
from doorstep.sharing.models import Agreement, AgreementParty, BreakGlass, ShareEvent
from doorstep.sharing.roles import dpo_required

ReasonedAction = Callable[[User, Agreement, str], Agreement]
DUE_SOON = dt.timedelta(days=30)


@require_GET
@dpo_required
def dashboard(request: HttpRequest) -> HttpResponse:
    user = staff(request)
    today = local_now().date()
    agreements = _agreements(user)
    context = {
        "rows": [_row(a, today) for a in agreements],
        "overdue": sum(1 for a in agreements if a.review_date < today and _live(a)),
        "due_soon": sum(1 for a in agreements if today <= a.review_date <= today + DUE_SOON),
        "shared_30_days": ShareEvent.objects.visible_to(user)
        .filter(at__gte=local_now() - dt.timedelta(days=30))
        .count(),
        "break_glass": BreakGlass.objects.visible_to(user)
        .awaiting_review()
        .select_related("actor", "resident")
        .order_by("started_at")[:50],
    }
    return render(request, "sharing/dashboard.html", context)


def _agreements(user: User) -> list[Agreement]:
    parties = AgreementParty.objects.select_related("organisation").order_by("organisation__name")
    return list(
        Agreement.objects.visible_to(user)
        .annotate(share_count=Count("shares"))
        .prefetch_related(Prefetch("parties", queryset=parties))
        .order_by("review_date", "pk")
    )


def _live(agreement: Agreement) -> bool:
    return agreement.status in (Agreement.Status.ACTIVE, Agreement.Status.SUSPENDED)


def _row(agreement: Agreement, today: dt.date) -> dict[str, object]:
    return {
        "agreement": agreement,
        "overdue": _live(agreement) and agreement.review_date < today,
        "due_soon": today <= agreement.review_date <= today + DUE_SOON,
    }


@require_GET
@dpo_required
def agreement_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return render(request, "sharing/agreement.html", _detail_context(staff(request), pk))


def _detail_context(user: User, pk: int, **forms: object) -> dict[str, object]:
    agreement = get_agreement_for_user(user, pk)
    return {
        "agreement": agreement,
        "parties": agreement.parties.select_related("organisation"),
        "purposes": [catalogue.PURPOSES.get(p, p) for p in agreement.purposes],
        "basis": catalogue.LAWFUL_BASES.get(agreement.lawful_basis, agreement.lawful_basis),
        "condition": catalogue.SPECIAL_CATEGORY_CONDITIONS.get(
            agreement.special_category_condition, ""
        ),
        "fields": _field_rows(agreement),
        "shares": agreement.shares.select_related("to_org", "actor").order_by("-at")[:50],
        "reason_form": forms.get("reason_form") or ReasonForm(),
        "review_form": forms.get("review_form") or ReviewForm(),
    }


def _field_rows(agreement: Agreement) -> list[tuple[str, str, str]]:
    rows = []
    for record_type, names in sorted(agreement.field_allow_list.items()):
        specs = catalogue.FIELD_CATALOGUE.get(record_type, {})
        for name in sorted(names):
            spec = specs.get(name)
            label, kind = (spec.label, spec.sensitivity.value) if spec else (name, "unknown")
            rows.append((catalogue.RECORD_LABELS.get(record_type, record_type), label, kind))
    return rows


def _done(request: HttpRequest, agreement: Agreement, text: str) -> HttpResponse:
    messages.success(request, text)
    return redirect("sharing:agreement", pk=agreement.pk)


def _refused(request: HttpRequest, pk: int, error: SharingError, **forms: object) -> HttpResponse:
    context = _detail_context(staff(request), pk, **forms)
    context["problems"] = getattr(error, "problems", None) or [str(error)]
    return render(request, "sharing/agreement.html", context, status=400)


@require_POST
@dpo_required
def activate(request: HttpRequest, pk: int) -> HttpResponse:
    agreement = get_agreement_for_user(staff(request), pk)
    try:
        do_activate_agreement(staff(request), agreement)
    except SharingError as error:
        return _refused(request, pk, error)
    return _done(request, agreement, "Agreement active: sharing under it can start")


@require_POST
@dpo_required
def suspend(request: HttpRequest, pk: int) -> HttpResponse:
    return _with_reason(request, pk, do_suspend_agreement, "Agreement suspended: sharing stopped")


@require_POST
@dpo_required
def end(request: HttpRequest, pk: int) -> HttpResponse:
    return _with_reason(request, pk, do_end_agreement, "Agreement ended: sharing stopped")


def _with_reason(request: HttpRequest, pk: int, action: ReasonedAction, done: str) -> HttpResponse:
    agreement = get_agreement_for_user(staff(request), pk)
    form = ReasonForm(request.POST)
    if not form.is_valid():
        return render(
            request,
            "sharing/agreement.html",
            _detail_context(staff(request), pk, reason_form=form),
            status=400,
        )
    try:
        action(staff(request), agreement, form.cleaned_data["reason"])
    except SharingError as error:
        return _refused(request, pk, error, reason_form=form)
    return _done(request, agreement, done)


@require_POST
@dpo_required
def review(request: HttpRequest, pk: int) -> HttpResponse:
    agreement = get_agreement_for_user(staff(request), pk)
    form = ReviewForm(request.POST)
    if not form.is_valid():
        return render(
            request,
            "sharing/agreement.html",
            _detail_context(staff(request), pk, review_form=form),
            status=400,
        )
    try:
        do_review_agreement(
            staff(request), agreement, form.cleaned_data["review_date"], form.cleaned_data["note"]
        )
    except SharingError as error:
        return _refused(request, pk, error, review_form=form)
    return _done(request, agreement, "Review recorded")
