"""Organisations and the staff who work for them, each with one role."""

from __future__ import annotations

from typing import ClassVar

from django.contrib.auth.models import AbstractUser
from django.db import models


class Organisation(models.Model):
    class Kind(models.TextChoices):
        COUNCIL = "council", "Council"
        NHS = "nhs", "NHS"
        VCSE = "vcse", "Voluntary, community or faith group"
        COMMUNITY_GROUP = "community_group", "Community group"
        OTHER = "other", "Other"

    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=30, choices=Kind.choices, default=Kind.COUNCIL)
    is_hub = models.BooleanField(
        default=False, help_text="Runs a Doorstep hub: receives residents' messages"
    )
    inbound_sms_number = models.CharField(max_length=20, blank=True, help_text="E.164")
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return self.name


class NoHub(LookupError):
    """No organisation runs a hub yet."""


def hub_for_number(number: str = "") -> Organisation:
    """The hub that owns an inbound number, else the first hub."""
    hubs = Organisation.objects.filter(is_hub=True).order_by("pk")
    owner = hubs.filter(inbound_sms_number=number).first() if number else None
    hub = owner or hubs.first()
    if hub is None:
        raise NoHub("No organisation runs a hub: run `manage.py load_demo` or add one in admin")
    return hub


class Role(models.TextChoices):
    COORDINATOR = "coordinator", "Hub coordinator"
    LOCAL_GUIDE = "local_guide", "Local Guide"
    CALL_HANDLER = "call_handler", "Call handler"
    COMMUNITY_LEADER = "community_leader", "Community leader"
    VOLUNTEER = "volunteer", "Volunteer"
    PARTNER_CASEWORKER = "partner_caseworker", "Partner caseworker"
    DATA_OFFICER = "data_officer", "Data officer"
    SAFEGUARDING_LEAD = "safeguarding_lead", "Safeguarding lead"
    DATA_PROTECTION_LEAD = "data_protection_lead", "Data protection lead"
    ADMIN = "admin", "Administrator"


# Roles that hold residents' requests and may read whole threads in their organisation.
CASEWORK_ROLES = frozenset(
    {Role.COORDINATOR, Role.LOCAL_GUIDE, Role.CALL_HANDLER, Role.SAFEGUARDING_LEAD, Role.ADMIN}
)
COORDINATING_ROLES = frozenset({Role.COORDINATOR, Role.ADMIN})
INTAKE_ROLES = CASEWORK_ROLES | {Role.PARTNER_CASEWORKER}


class User(AbstractUser):
    """A member of staff or a volunteer who signs in. Residents never sign in."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="staff", null=True
    )
    role = models.CharField(max_length=30, choices=Role.choices, default=Role.LOCAL_GUIDE)
    # ISO 639-1 codes of the languages this person can hold a conversation in.
    languages = models.JSONField(default=list, blank=True)
    neighbourhoods = models.ManyToManyField(
        "places.Neighbourhood", related_name="guides", blank=True
    )
    caseload_cap = models.PositiveIntegerField(default=25)
    phone = models.CharField(max_length=20, blank=True)

    REQUIRED_FIELDS: ClassVar[list[str]] = ["email"]

    @property
    def org_id(self) -> int:
        """The organisation's id, or 0 (which matches nothing) for an account without one."""
        return self.organisation_id or 0

    @property
    def display_name(self) -> str:
        return self.get_full_name() or self.username

    @property
    def is_guide(self) -> bool:
        return self.role == Role.LOCAL_GUIDE

    @property
    def does_casework(self) -> bool:
        return self.role in CASEWORK_ROLES

    @property
    def takes_requests(self) -> bool:
        """Can write down a request heard by phone, at a hub or from a partner."""
        return self.role in INTAKE_ROLES

    @property
    def coordinates(self) -> bool:
        return self.role in COORDINATING_ROLES
