"""Access helpers for the directory's staff pages: an organisation sees only what it keeps.

Other organisations' entries are 404, never 403, so their existence is not revealed.
"""

from __future__ import annotations

import uuid
from typing import TypeVar

from django.db.models import Model, QuerySet
from django.shortcuts import get_object_or_404

from doorstep.accounts.models import User
from doorstep.directory.models import Contact, Organisation, Schedule, Service

Part = TypeVar("Part", bound=Model)


def services_for(user: User) -> QuerySet[Service]:
    """The services this person's organisation keeps; other organisations' are not there."""
    return Service.objects.filter(organisation__owner_id=user.organisation_id)


def get_service(user: User, pk: uuid.UUID) -> Service:
    return get_object_or_404(services_for(user).select_related("organisation"), pk=pk)


def get_organisation(user: User, pk: uuid.UUID) -> Organisation:
    return get_object_or_404(Organisation.objects.filter(owner_id=user.organisation_id), pk=pk)


def get_part_of_service(parts: QuerySet[Part], service: Service, pk: uuid.UUID) -> Part:
    """A schedule, contact or location link of a service the user may already edit."""
    return get_object_or_404(parts.filter(service=service), pk=pk)


def get_schedule(service: Service, pk: uuid.UUID) -> Schedule:
    return get_part_of_service(Schedule.objects.all(), service, pk)


def get_contact(service: Service, pk: uuid.UUID) -> Contact:
    return get_part_of_service(Contact.objects.all(), service, pk)
