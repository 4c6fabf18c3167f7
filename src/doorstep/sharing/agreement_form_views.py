"""Drafting a new agreement, and changing a draft's terms. Active agreements are never edited."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from doorstep.accounts.access import staff
from doorstep.accounts.models import Organisation
from doorstep.sharing.access import get_agreement_for_user
from doorstep.sharing.adapters import local_now
from doorstep.sharing.agreement_actions import do_draft_agreement, do_revise_agreement
from doorstep.sharing.agreement_forms import (
    AgreementForm,
    agreement_initial,
    new_agreement_initial,
)
from doorstep.sharing.errors import AgreementInvalid
from doorstep.sharing.models import Agreement
from doorstep.sharing.roles import dpo_required


def _organisations() -> list[Organisation]:
    return list(Organisation.objects.order_by("name", "pk"))


def _page(
    request: HttpRequest, form: AgreementForm, agreement: Agreement | None = None
) -> HttpResponse:
    context = {"form": form, "agreement": agreement}
    status = 400 if form.errors else 200
    return render(request, "sharing/agreement_form.html", context, status=status)


@require_GET
@dpo_required
def new(request: HttpRequest) -> HttpResponse:
    initial = new_agreement_initial(staff(request).organisation_id, local_now().date())
    return _page(request, AgreementForm(initial=initial, organisations=_organisations()))


@require_POST
@dpo_required
def create(request: HttpRequest) -> HttpResponse:
    form = AgreementForm(request.POST, organisations=_organisations())
    if not form.is_valid():
        return _page(request, form)
    try:
        agreement = do_draft_agreement(staff(request), form.draft())
    except AgreementInvalid as invalid:
        return _refused(request, form, invalid)
    messages.success(request, "Draft saved: check it, then activate it to start sharing")
    return redirect("sharing:agreement", pk=agreement.pk)


@require_GET
@dpo_required
def edit(request: HttpRequest, pk: int) -> HttpResponse:
    agreement = get_agreement_for_user(staff(request), pk)
    initial = agreement_initial(agreement)
    form = AgreementForm(initial=initial, organisations=_organisations())
    return _page(request, form, agreement)


@require_POST
@dpo_required
def update(request: HttpRequest, pk: int) -> HttpResponse:
    agreement = get_agreement_for_user(staff(request), pk)
    form = AgreementForm(request.POST, organisations=_organisations())
    if not form.is_valid():
        return _page(request, form, agreement)
    try:
        do_revise_agreement(staff(request), agreement, form.draft())
    except AgreementInvalid as invalid:
        return _refused(request, form, invalid, agreement)
    messages.success(request, "Draft changed")
    return redirect("sharing:agreement", pk=agreement.pk)


def _refused(
    request: HttpRequest,
    form: AgreementForm,
    invalid: AgreementInvalid,
    agreement: Agreement | None = None,
) -> HttpResponse:
    for problem in invalid.problems:
        form.add_error(None, problem)
    return _page(request, form, agreement)
