"""How to make one object for each directory URL that takes an id, for the security tests.

Merged into tests/object_factories.py. Each factory makes the object in the given
(hub) organisation and returns the URL kwargs.
"""

from __future__ import annotations

from collections.abc import Callable

from doorstep.accounts.models import Organisation, User
from doorstep.directory.models import Contact, ReviewState, Service
from tests.directory.factories import make_location, make_provider, make_schedule, make_service

Factory = Callable[[Organisation, User], dict[str, object]]


def a_service(hub: Organisation) -> Service:
    return make_service(organisation=make_provider(owner=hub), state=ReviewState.IN_REVIEW)


def service_kwargs(hub: Organisation, guide: User) -> dict[str, object]:
    return {"pk": a_service(hub).pk}


def organisation_kwargs(hub: Organisation, guide: User) -> dict[str, object]:
    return {"pk": make_provider(owner=hub).pk}


def location_kwargs(hub: Organisation, guide: User) -> dict[str, object]:
    link = make_location(a_service(hub))
    return {"pk": link.service_id, "item": link.pk}


def schedule_kwargs(hub: Organisation, guide: User) -> dict[str, object]:
    schedule = make_schedule(a_service(hub))
    return {"pk": schedule.service_id, "item": schedule.pk}


def contact_kwargs(hub: Organisation, guide: User) -> dict[str, object]:
    contact = Contact.objects.create(service=a_service(hub), name="Reception")
    return {"pk": contact.service_id, "item": contact.pk}


DIRECTORY_OBJECT_FACTORIES: dict[str, Factory] = {
    "directory:organisation_edit": organisation_kwargs,
    "directory:organisation_update": organisation_kwargs,
    "directory:service": service_kwargs,
    "directory:service_edit": service_kwargs,
    "directory:service_update": service_kwargs,
    "directory:service_submit": service_kwargs,
    "directory:service_publish": service_kwargs,
    "directory:service_return": service_kwargs,
    "directory:service_unpublish": service_kwargs,
    "directory:location_add": service_kwargs,
    "directory:schedule_add": service_kwargs,
    "directory:contact_add": service_kwargs,
    "directory:location_remove": location_kwargs,
    "directory:schedule_remove": schedule_kwargs,
    "directory:contact_remove": contact_kwargs,
}

DIRECTORY_STATE_CHANGING = [
    "directory:organisation_create",
    "directory:organisation_update",
    "directory:service_create",
    "directory:service_update",
    "directory:service_submit",
    "directory:service_publish",
    "directory:service_return",
    "directory:service_unpublish",
    "directory:location_add",
    "directory:location_remove",
    "directory:schedule_add",
    "directory:schedule_remove",
    "directory:contact_add",
    "directory:contact_remove",
]
