"""Staff pages: the directory's services and organisations, and the forms to add and edit them.

GET pages only show; every change is a POST to its own view, which parses the form and calls
an action. The directory is the hub's shared list, so every editor sees every entry.
"""

from __future__ import annotations

import uuid
from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from doorstep.accounts.access import roles_required, staff
from doorstep.accounts.models import Role
from doorstep.directory import actions
from doorstep.directory.access import get_organisation, get_service, services_for
from doorstep.directory.forms import OrganisationForm, ServiceForm
from doorstep.directory.models import Organisation, ReviewState, Service

EDITOR_ROLES = frozenset({Role.COORDINATOR, Role.ADMIN, Role.LOCAL_GUIDE, Role.DATA_OFFICER})
editor_required = roles_required(EDITOR_ROLES)
SERVICES_PER_PAGE = 50
ORGANISATION_FIELDS = ("name", "description", "email", "website", "doorstep_organisation")


@require_GET
@editor_required
def directory_home(request: HttpRequest) -> HttpResponse:
    mine = services_for(staff(request))
    counts = dict(mine.values_list("review_state").annotate(n=Count("id")).order_by())
    state = request.GET.get("state", "")
    if state not in ReviewState.values:
        state = ReviewState.IN_REVIEW if counts.get(ReviewState.IN_REVIEW) else ReviewState.DRAFT
    services = mine.filter(review_state=state).select_related("organisation")
    page = Paginator(services.order_by("-last_modified", "id"), SERVICES_PER_PAGE).get_page(
        request.GET.get("page")
    )
    tabs = [(value, label, counts.get(value, 0)) for value, label in ReviewState.choices]
    context = {"tabs": tabs, "state": state, "page": page}
    return render(request, "directory/home.html", context)


@require_GET
@editor_required
def organisation_list(request: HttpRequest) -> HttpResponse:
    mine = Organisation.objects.filter(owner_id=staff(request).organisation_id)
    organisations = mine.annotate(service_count=Count("services"))
    return render(request, "directory/organisations.html", {"organisations": organisations})


def _organisation_form(
    request: HttpRequest, form: OrganisationForm, organisation: Organisation | None, status: int
) -> HttpResponse:
    context = {"form": form, "organisation": organisation}
    return render(request, "directory/organisation_form.html", context, status=status)


@require_GET
@editor_required
def organisation_new(request: HttpRequest) -> HttpResponse:
    return _organisation_form(request, OrganisationForm(), None, 200)


@require_POST
@editor_required
def organisation_create(request: HttpRequest) -> HttpResponse:
    form = OrganisationForm(request.POST)
    if not form.is_valid():
        return _organisation_form(request, form, None, 400)
    organisation = actions.do_create_organisation(staff(request), **form.cleaned_data)
    messages.success(request, f"{organisation.name} added")
    return redirect("directory:organisations")


@require_GET
@editor_required
def organisation_edit(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    organisation = get_organisation(staff(request), pk)
    initial = {name: getattr(organisation, name) for name in ORGANISATION_FIELDS}
    return _organisation_form(request, OrganisationForm(initial=initial), organisation, 200)


@require_POST
@editor_required
def organisation_update(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    organisation = get_organisation(staff(request), pk)
    form = OrganisationForm(request.POST)
    if not form.is_valid():
        return _organisation_form(request, form, organisation, 400)
    actions.do_update_organisation(staff(request), organisation, **form.cleaned_data)
    messages.success(request, f"{organisation.name} saved")
    return redirect("directory:organisations")


def _service_form(
    request: HttpRequest, form: ServiceForm, service: Service | None, status: int
) -> HttpResponse:
    context = {"form": form, "service": service}
    return render(request, "directory/service_form.html", context, status=status)


def _service_fields(data: dict[str, Any]) -> tuple[list[Any], dict[str, Any]]:
    fields = dict(data)
    terms = list(fields.pop("terms", []))
    for name in ("url", "email", "fees", "eligibility_description", "alert"):
        fields[name] = fields.get(name) or ""
    return terms, fields


@require_GET
@editor_required
def service_new(request: HttpRequest) -> HttpResponse:
    initial = {"organisation": request.GET.get("organisation")}
    form = ServiceForm(staff(request), initial=initial)
    return _service_form(request, form, None, 200)


@require_POST
@editor_required
def service_create(request: HttpRequest) -> HttpResponse:
    form = ServiceForm(staff(request), request.POST)
    if not form.is_valid():
        return _service_form(request, form, None, 400)
    terms, fields = _service_fields(form.cleaned_data)
    service = actions.do_create_service(staff(request), terms, **fields)
    messages.success(request, f"{service.name} saved as a draft")
    return redirect("directory:service", pk=service.pk)


@require_GET
@editor_required
def service_edit(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    service = get_service(staff(request), pk)
    initial = {name: getattr(service, name) for name in ServiceForm.base_fields if name != "terms"}
    initial["terms"] = list(service.attributes.values_list("taxonomy_term_id", flat=True))
    return _service_form(request, ServiceForm(staff(request), initial=initial), service, 200)


@require_POST
@editor_required
def service_update(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    service = get_service(staff(request), pk)
    form = ServiceForm(staff(request), request.POST)
    if not form.is_valid():
        return _service_form(request, form, service, 400)
    terms, fields = _service_fields(form.cleaned_data)
    actions.do_update_service(staff(request), service, terms, **fields)
    messages.success(request, f"{service.name} saved as a draft: send it for review to publish it")
    return redirect("directory:service", pk=service.pk)
