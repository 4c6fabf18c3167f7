"""Residents, their households, how to reach them, and their own people."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models

if TYPE_CHECKING:
    from doorstep.accounts.models import User


LANGUAGE_NAMES = {
    "en": "English",
    "ar": "Arabic",
    "bn": "Bengali",
    "zh": "Chinese",
    "fr": "French",
    "pl": "Polish",
    "pt": "Portuguese",
    "pa": "Punjabi",
    "ro": "Romanian",
    "so": "Somali",
    "es": "Spanish",
    "ur": "Urdu",
}


class Channel(models.TextChoices):
    SMS = "sms", "Text message"
    PHONE = "phone", "Phone call"
    EMAIL = "email", "Email"
    VISIT = "visit", "A visit"
    LETTER = "letter", "Letter"


class Household(models.Model):
    """The people at one address who are helped together."""

    organisation = models.ForeignKey("accounts.Organisation", on_delete=models.PROTECT)
    address = models.ForeignKey(
        "places.Address", on_delete=models.PROTECT, related_name="households"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"Household at {self.address}"


class ResidentQuerySet(models.QuerySet["Resident"]):
    def visible_to(self, user: User) -> ResidentQuerySet:
        return self.filter(organisation_id=user.org_id, merged_into__isnull=True)


DIETS = ("halal", "kosher", "vegetarian", "vegan")


class Resident(models.Model):
    """A person who asks for or is offered help. Never a 'client' or a 'case'."""

    organisation = models.ForeignKey("accounts.Organisation", on_delete=models.PROTECT)
    household = models.ForeignKey(
        Household, on_delete=models.SET_NULL, null=True, blank=True, related_name="members"
    )
    address = models.ForeignKey(
        "places.Address", on_delete=models.SET_NULL, null=True, blank=True, related_name="residents"
    )
    first_name = models.CharField(max_length=100, blank=True)
    last_name = models.CharField(max_length=100, blank=True)
    year_of_birth = models.PositiveIntegerField(null=True, blank=True)
    # How to reach them
    preferred_channel = models.CharField(
        max_length=10, choices=Channel.choices, default=Channel.SMS
    )
    phone = models.CharField(max_length=20, blank=True, db_index=True, help_text="E.164")
    email = models.EmailField(blank=True, db_index=True)
    language = models.CharField(max_length=8, default="en", help_text="ISO 639-1")
    safe_to_text = models.BooleanField(default=True)
    accessibility_needs = models.TextField(blank=True)
    diets = models.JSONField(
        default=list,
        blank=True,
        help_text="what food they can eat: halal, kosher, vegetarian, vegan",
    )
    preferred_times = models.CharField(max_length=200, blank=True)
    # Their named Local Guide, kept for continuity across requests
    guide = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="residents",
    )
    merged_into = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="Staff confirmed this is the same person as another resident",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ResidentQuerySet.as_manager()

    class Meta:
        indexes = (models.Index(fields=("organisation", "last_name", "first_name")),)

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        name = f"{self.first_name} {self.last_name}".strip()
        return name or "Name not known yet"

    @property
    def language_name(self) -> str:
        return LANGUAGE_NAMES.get(self.language, self.language or "Not known")

    @property
    def needs_interpreter(self) -> bool:
        return self.language not in ("", "en")


class NetworkMember(models.Model):
    """One of the resident's own people: family, a neighbour, a friend who helps."""

    class Relationship(models.TextChoices):
        FAMILY = "family", "Family"
        NEIGHBOUR = "neighbour", "Neighbour"
        FRIEND = "friend", "Friend"
        OTHER = "other", "Other"

    resident = models.ForeignKey(Resident, on_delete=models.CASCADE, related_name="network")
    name = models.CharField(max_length=100)
    relationship = models.CharField(max_length=20, choices=Relationship.choices)
    phone = models.CharField(max_length=20, blank=True)
    helps_with = models.JSONField(default=list, blank=True, help_text="need codes")
    notes = models.CharField(max_length=300, blank=True)

    def __str__(self) -> str:
        return f"{self.name} ({self.get_relationship_display()})"
