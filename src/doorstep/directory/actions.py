"""Every change staff make to the directory. The views only parse input and call these.

Any change to a service sends it back to draft: it leaves the public directory until
someone other than its editor publishes it again (see `review`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction

from doorstep.accounts.models import User
from doorstep.directory.models import (
    Attribute,
    Contact,
    Location,
    LocationAddress,
    Organisation,
    Phone,
    ReviewEvent,
    ReviewState,
    Schedule,
    Service,
    ServiceAtLocation,
    TaxonomyTerm,
)
from doorstep.directory.search import refresh_organisation_services, refresh_search_text
from doorstep.lib import clock
from doorstep.places.models import Postcode


@transaction.atomic
def do_create_organisation(actor: User, **fields: Any) -> Organisation:
    if actor.organisation is None:
        raise PermissionDenied("Only staff of a Doorstep organisation can keep a directory")
    return Organisation.objects.create(owner=actor.organisation, **fields)


@transaction.atomic
def do_update_organisation(actor: User, organisation: Organisation, **fields: Any) -> None:
    for name, value in fields.items():
        setattr(organisation, name, value)
    organisation.save()
    refresh_organisation_services(organisation)


@transaction.atomic
def do_create_service(
    actor: User, terms: Iterable[TaxonomyTerm] | None = None, **fields: Any
) -> Service:
    service = Service.objects.create(last_edited_by=actor, review_state=ReviewState.DRAFT, **fields)
    _set_terms(service, terms)
    ReviewEvent.objects.create(service=service, actor=actor, action=ReviewEvent.Action.CREATED)
    refresh_search_text(service)
    return service


@transaction.atomic
def do_update_service(
    actor: User, service: Service, terms: Iterable[TaxonomyTerm] | None = None, **fields: Any
) -> None:
    """Changes the given fields, and the categories if `terms` is given (None: unchanged)."""
    for name, value in fields.items():
        setattr(service, name, value)
    service.save()
    _set_terms(service, terms)
    _changed(actor, service, "Details changed")


def _set_terms(service: Service, terms: Iterable[TaxonomyTerm] | None) -> None:
    if terms is None:
        return
    wanted = {term.pk: term for term in terms}
    service.attributes.exclude(taxonomy_term_id__in=wanted).delete()
    have = set(service.attributes.values_list("taxonomy_term_id", flat=True))
    Attribute.objects.bulk_create(
        Attribute(service=service, taxonomy_term=term, link_type="category")
        for pk, term in wanted.items()
        if pk not in have
    )


def _changed(actor: User, service: Service, note: str) -> None:
    """Back to draft, with who changed it and when, and the search text brought up to date."""
    service.review_state = ReviewState.DRAFT
    service.submitted_by = None
    service.last_edited_by = actor
    service.last_modified = clock.now()
    service.save(update_fields=["review_state", "submitted_by", "last_edited_by", "last_modified"])
    ReviewEvent.objects.create(
        service=service, actor=actor, action=ReviewEvent.Action.EDITED, note=note
    )
    refresh_search_text(service)


@transaction.atomic
def do_add_location(
    actor: User,
    service: Service,
    *,
    name: str,
    address_1: str,
    city: str,
    postcode: str,
    description: str = "",
) -> ServiceAtLocation:
    point = Postcode.objects.filter(postcode=postcode).values_list("latitude", "longitude").first()
    location = Location.objects.create(
        name=name,
        description=description,
        latitude=point[0] if point else None,
        longitude=point[1] if point else None,
    )
    LocationAddress.objects.create(
        location=location,
        address_1=address_1,
        city=city,
        state_province="Greater Manchester",
        postal_code=postcode,
    )
    link = ServiceAtLocation.objects.create(service=service, location=location)
    _changed(actor, service, f"Location added: {name}")
    return link


@transaction.atomic
def do_remove_location(actor: User, service: Service, link: ServiceAtLocation) -> None:
    location = link.location
    link.delete()
    if not location.services_here.exists():
        location.delete()
    _changed(actor, service, f"Location removed: {location}")


@transaction.atomic
def do_add_schedule(
    actor: User,
    service: Service,
    *,
    days: list[str],
    opens_at: dt.time,
    closes_at: dt.time,
    description: str = "",
) -> Schedule:
    schedule = Schedule.objects.create(
        service=service,
        freq=Schedule.Frequency.WEEKLY,
        interval=1,
        byday=",".join(days),
        opens_at=opens_at,
        closes_at=closes_at,
        description=description,
    )
    _changed(actor, service, "Opening times added")
    return schedule


@transaction.atomic
def do_remove_schedule(actor: User, service: Service, schedule: Schedule) -> None:
    schedule.delete()
    _changed(actor, service, "Opening times removed")


@transaction.atomic
def do_add_contact(
    actor: User, service: Service, *, name: str, title: str = "", email: str = "", phone: str = ""
) -> Contact:
    contact = Contact.objects.create(service=service, name=name, title=title, email=email)
    if phone:
        Phone.objects.create(contact=contact, number=phone)
    _changed(actor, service, f"Contact added: {name}")
    return contact


@transaction.atomic
def do_remove_contact(actor: User, service: Service, contact: Contact) -> None:
    contact.delete()
    _changed(actor, service, f"Contact removed: {contact.name}")
