"""One service's staff page: its details, where and when it runs, whom to contact, and the
review step (send for review, publish, send back, unpublish). Every change is a POST.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from doorstep.accounts.access import staff
from doorstep.directory import actions, review
from doorstep.directory.access import get_contact, get_part_of_service, get_schedule, get_service
from doorstep.directory.forms import ContactForm, LocationForm, ReasonForm, ScheduleForm
from doorstep.directory.models import Service, ServiceAtLocation
from doorstep.directory.views import editor_required

FORM_NAMES = ("location_form", "schedule_form", "contact_form", "reason_form")


def service_context(request: HttpRequest, service: Service, **given: Any) -> dict[str, Any]:
    user = staff(request)
    forms = {
        "location_form": LocationForm(),
        "schedule_form": ScheduleForm(),
        "contact_form": ContactForm(),
        "reason_form": ReasonForm(),
    }
    forms.update({k: v for k, v in given.items() if k in FORM_NAMES})
    return {
        "service": service,
        "links": service.at_locations.select_related("location").prefetch_related(
            "location__addresses"
        ),
        "schedules": service.schedules.all(),
        "contacts": service.contacts.prefetch_related("phones"),
        "terms": [a.taxonomy_term for a in service.attributes.select_related("taxonomy_term")],
        "events": service.review_events.select_related("actor")[:20],
        "may_publish": review.may_publish(user),
        "can_publish": review.can_publish(user, service),
        "problem": given.get("problem", ""),
        **forms,
    }


def _again(request: HttpRequest, service: Service, **given: Any) -> HttpResponse:
    context = service_context(request, service, **given)
    return render(request, "directory/service.html", context, status=400)


def _done(request: HttpRequest, service: Service, note: str) -> HttpResponse:
    messages.success(request, note)
    return redirect("directory:service", pk=service.pk)


@require_GET
@editor_required
def service_detail(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    service = get_service(staff(request), pk)
    return render(request, "directory/service.html", service_context(request, service))


def _review_step(
    request: HttpRequest, pk: uuid.UUID, step: Callable[[Service], Service], note: str
) -> HttpResponse:
    service = get_service(staff(request), pk)
    try:
        step(service)
    except review.ReviewError as exc:
        return _again(request, service, problem=str(exc))
    return _done(request, service, note.format(name=service.name))


@require_POST
@editor_required
def service_submit(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    user = staff(request)
    return _review_step(
        request,
        pk,
        lambda s: review.do_submit_service(user, s),
        "{name} sent for review: a coordinator will publish it",
    )


@require_POST
@editor_required
def service_publish(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    user = staff(request)
    return _review_step(
        request,
        pk,
        lambda s: review.do_publish_service(user, s),
        "{name} published: it is in the public directory now",
    )


def _with_reason(
    request: HttpRequest, pk: uuid.UUID, step: Callable[[Any, Service, str], Service], note: str
) -> HttpResponse:
    service = get_service(staff(request), pk)
    form = ReasonForm(request.POST)
    if not form.is_valid():
        return _again(request, service, reason_form=form)
    reason = form.cleaned_data["reason"]
    return _review_step(request, pk, lambda s: step(staff(request), s, reason), note)


@require_POST
@editor_required
def service_return(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    return _with_reason(request, pk, review.do_return_service, "{name} sent back to draft")


@require_POST
@editor_required
def service_unpublish(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    note = "{name} taken out of the public directory"
    return _with_reason(request, pk, review.do_unpublish_service, note)


def _add(
    request: HttpRequest,
    pk: uuid.UUID,
    form_class: type[Form],
    name: str,
    add: Callable[..., object],
) -> HttpResponse:
    service = get_service(staff(request), pk)
    form = form_class(request.POST)
    if not form.is_valid():
        return _again(request, service, **{name: form})
    add(staff(request), service, **form.cleaned_data)
    return _done(request, service, "Saved: the service is a draft until it is published again")


@require_POST
@editor_required
def location_add(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    return _add(request, pk, LocationForm, "location_form", actions.do_add_location)


@require_POST
@editor_required
def schedule_add(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    return _add(request, pk, ScheduleForm, "schedule_form", actions.do_add_schedule)


@require_POST
@editor_required
def contact_add(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    return _add(request, pk, ContactForm, "contact_form", actions.do_add_contact)


@require_POST
@editor_required
def location_remove(request: HttpRequest, pk: uuid.UUID, item: uuid.UUID) -> HttpResponse:
    service = get_service(staff(request), pk)
    links = ServiceAtLocation.objects.select_related("location")
    link = get_part_of_service(links, service, item)
    actions.do_remove_location(staff(request), service, link)
    return _done(request, service, "Location removed")


@require_POST
@editor_required
def schedule_remove(request: HttpRequest, pk: uuid.UUID, item: uuid.UUID) -> HttpResponse:
    service = get_service(staff(request), pk)
    schedule = get_schedule(service, item)
    actions.do_remove_schedule(staff(request), service, schedule)
    return _done(request, service, "Opening times removed")


@require_POST
@editor_required
def contact_remove(request: HttpRequest, pk: uuid.UUID, item: uuid.UUID) -> HttpResponse:
    service = get_service(staff(request), pk)
    contact = get_contact(service, item)
    actions.do_remove_contact(staff(request), service, contact)
    return _done(request, service, "Contact removed")
