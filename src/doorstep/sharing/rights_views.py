"""A resident's rights requests (rectification, restriction, objection) and holds.

Anyone on the staff of the resident's organisation may raise a rights request; the data
protection lead resolves it. Holds are placed and lifted by the roles `holds.HOLD_ROLES`
allows. The page shows each person only the forms they may use.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from doorstep.accounts.access import staff
from doorstep.accounts.models import User
from doorstep.people.models import Resident
from doorstep.sharing import policy
from doorstep.sharing.access import (
    get_hold_for_user,
    get_resident_for_user,
    get_rights_request_for_user,
)
from doorstep.sharing.catalogue import PURPOSES
from doorstep.sharing.errors import SharingError
from doorstep.sharing.forms import PlaceHoldForm, RaiseRightsRequestForm, ResolveRightsRequestForm
from doorstep.sharing.holds import (
    HOLD_ROLES,
    lift_hold,
    place_hold,
    raise_rights_request,
    resolve_rights_request,
)
from doorstep.sharing.models import OVERSIGHT_ROLES, Hold, RightsRequest
from doorstep.sharing.roles import staff_required


@require_GET
@staff_required
def rights(request: HttpRequest, pk: int) -> HttpResponse:
    resident = get_resident_for_user(staff(request), pk)
    return _page(request, resident)


def _page(
    request: HttpRequest,
    resident: Resident,
    status: int = 200,
    problems: list[str] | None = None,
    **forms: object,
) -> HttpResponse:
    user = staff(request)
    flags = list(resident.rights_requests.select_related("raised_by", "resolved_by"))
    open_flags = [f for f in flags if f.resolved_at is None]
    context = {
        "resident": resident,
        "flags": flags,
        "resolve_forms": [(f, _resolve_form(f, forms)) for f in open_flags],
        "holds": list(resident.holds.select_related("placed_by", "lifted_by")),
        "restricted": any(f.kind == RightsRequest.Kind.RESTRICTION for f in open_flags),
        "restricted_uses": [PURPOSES[p] for p in sorted(policy.USES_UNDER_RESTRICTION)],
        "may_resolve": user.role in OVERSIGHT_ROLES,
        "hold_kinds": _hold_kinds(user),
        "raise_form": forms.get("raise_form") or RaiseRightsRequestForm(),
        "hold_form": forms.get("hold_form") or PlaceHoldForm(kinds=_hold_kinds(user)),
        "problems": problems or [],
        "refused": status >= 400,
    }
    return render(request, "sharing/rights.html", context, status=status)


def _resolve_form(flag: RightsRequest, forms: dict[str, object]) -> object:
    bound = forms.get("resolve_form")
    if isinstance(bound, ResolveRightsRequestForm) and bound.prefix == _prefix(flag):
        return bound
    return ResolveRightsRequestForm(prefix=_prefix(flag))


def _prefix(flag: RightsRequest) -> str:
    return f"resolve-{flag.pk}"


def _hold_kinds(user: User) -> list[str]:
    return [kind for kind, roles in HOLD_ROLES.items() if user.role in roles]


def _back(request: HttpRequest, resident: Resident, text: str) -> HttpResponse:
    messages.success(request, text)
    return redirect("sharing:rights", pk=resident.pk)


@require_POST
@staff_required
def raise_request(request: HttpRequest, pk: int) -> HttpResponse:
    resident = get_resident_for_user(staff(request), pk)
    form = RaiseRightsRequestForm(request.POST)
    if not form.is_valid():
        return _page(request, resident, 400, raise_form=form)
    data = form.cleaned_data
    try:
        flag = raise_rights_request(
            staff(request), resident, data["kind"], data["note"], data["purposes"]
        )
    except SharingError as refused:
        return _page(request, resident, 400, [str(refused)], raise_form=form)
    return _back(request, resident, f"Recorded: {flag.get_kind_display()}")


@require_POST
@staff_required
def resolve_request(request: HttpRequest, pk: int) -> HttpResponse:
    flag = get_rights_request_for_user(staff(request), pk)
    form = ResolveRightsRequestForm(request.POST, prefix=_prefix(flag))
    if not form.is_valid():
        return _page(request, flag.resident, 400, resolve_form=form)
    try:
        resolve_rights_request(staff(request), flag, form.cleaned_data["resolution"])
    except SharingError as refused:
        return _page(request, flag.resident, 400, [str(refused)], resolve_form=form)
    return _back(request, flag.resident, f"Resolved: {flag.get_kind_display()}")


@require_POST
@staff_required
def place(request: HttpRequest, pk: int) -> HttpResponse:
    user = staff(request)
    resident = get_resident_for_user(user, pk)
    form = PlaceHoldForm(request.POST, kinds=_hold_kinds(user))
    if not form.is_valid():
        return _page(request, resident, 400, hold_form=form)
    data = form.cleaned_data
    try:
        hold = place_hold(user, resident, data["hold_kind"], data["hold_reason"])
    except SharingError as refused:
        return _page(request, resident, 400, [str(refused)], hold_form=form)
    return _back(request, resident, f"{hold.get_kind_display()} placed: the record is kept")


@require_POST
@staff_required
def lift(request: HttpRequest, pk: int) -> HttpResponse:
    hold: Hold = get_hold_for_user(staff(request), pk)
    try:
        lift_hold(staff(request), hold)
    except SharingError as refused:
        return _page(request, hold.resident, 400, [str(refused)])
    return _back(request, hold.resident, f"{hold.get_kind_display()} lifted")
