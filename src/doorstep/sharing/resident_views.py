"""Finding a resident, and their subject access export (readable, and as a JSON file)."""

from __future__ import annotations

import re

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET

from doorstep.accounts.access import staff
from doorstep.accounts.models import User
from doorstep.lib.phone import InvalidPhoneNumber, normalise_phone
from doorstep.people.models import Resident
from doorstep.sharing.access import get_resident_for_user
from doorstep.sharing.errors import NotAllowed
from doorstep.sharing.forms import ResidentSearchForm
from doorstep.sharing.rights import JSON, render_subject_access, subject_access_export
from doorstep.sharing.roles import dpo_required, search_required

MAX_RESULTS = 50
PHONE_LIKE = re.compile(r"[\d\s+()-]+")


@require_GET
@search_required
def residents(request: HttpRequest) -> HttpResponse:
    user = staff(request)
    form = ResidentSearchForm(request.GET or None)
    found = search_residents(user, form.cleaned_data["q"]) if form.is_valid() else None
    context = {"form": form, "found": found, "max_results": MAX_RESULTS}
    return render(request, "sharing/residents.html", context)


def search_residents(user: User, text: str) -> list[Resident]:
    """The user's organisation's residents whose name or phone number matches, by name."""
    matches: QuerySet[Resident] = Resident.objects.visible_to(user)
    if PHONE_LIKE.fullmatch(text):
        matches = _by_phone(matches, text)
    else:
        for word in text.split()[:4]:
            matches = matches.filter(Q(first_name__icontains=word) | Q(last_name__icontains=word))
    return list(matches.order_by("last_name", "first_name", "pk")[:MAX_RESULTS])


def _by_phone(residents: QuerySet[Resident], text: str) -> QuerySet[Resident]:
    try:
        return residents.filter(phone=normalise_phone(text))
    except InvalidPhoneNumber:
        digits = re.sub(r"\D", "", text).lstrip("0")
        return residents.filter(phone__contains=digits) if len(digits) >= 4 else residents.none()


@require_GET
@dpo_required
def subject_access(request: HttpRequest, pk: int) -> HttpResponse:
    """The export as the person would read it, with a link to download it as a file."""
    download = reverse("sharing:subject_access_json", kwargs={"pk": pk})
    html = render_subject_access(_export(request, pk), request=request, download_url=download)
    return HttpResponse(html)


@require_GET
@dpo_required
def subject_access_json(request: HttpRequest, pk: int) -> HttpResponse:
    response = JsonResponse(_export(request, pk), json_dumps_params={"indent": 2})
    response["Content-Disposition"] = f'attachment; filename="subject-access-{pk}.json"'
    return response


def _export(request: HttpRequest, pk: int) -> JSON:
    """Everything held about the resident; written to the audit log as an export."""
    user = staff(request)
    resident = get_resident_for_user(user, pk)
    try:
        return subject_access_export(user, resident)
    except NotAllowed as refused:
        raise PermissionDenied(str(refused)) from refused
