"""Helpers and their offers of help, as the matching engine needs them.

A helper is known to one hub (``organisation``). Their offers say which needs they help
with, how many a week, and when. ``doorstep.matching.service`` turns them into the pure
engine's ``OfferSpec``.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models

from doorstep.cases.models import NeedCode
from doorstep.people.models import DIETS

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_TIME = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")


DBS_REMINDER_DAYS = 30


class HelperQuerySet(models.QuerySet["Helper"]):
    def dbs_due(self, organisation_id: int, today: dt.date) -> HelperQuerySet:
        """Active helpers whose DBS check expires within the reminder window, or has."""
        return self.filter(
            organisation_id=organisation_id,
            active=True,
            dbs_expires__isnull=False,
            dbs_expires__lte=today + dt.timedelta(days=DBS_REMINDER_DAYS),
        ).order_by("dbs_expires", "name")


class Helper(models.Model):
    """Someone who can help: a volunteer, a group, a business, a space or a service."""

    class Kind(models.TextChoices):
        VOLUNTEER = "volunteer", "Volunteer"
        COMMUNITY_GROUP = "community_group", "Community group"
        FAITH_GROUP = "faith_group", "Faith group"
        BUSINESS = "business", "Local business"
        SPACE = "space", "Community space"
        VCSE = "vcse", "Voluntary organisation"
        STATUTORY = "statutory", "Public service"

    class Tier(models.TextChoices):
        COMMUNITY = "community", "Community"
        VCSE = "vcse", "Voluntary organisation"
        STATUTORY = "statutory", "Public service"

    class DbsLevel(models.TextChoices):
        NONE = "none", "No check"
        BASIC = "basic", "Basic"
        STANDARD = "standard", "Standard"
        ENHANCED = "enhanced", "Enhanced"

    organisation = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.PROTECT,
        related_name="helpers",
        help_text="The hub that knows this helper",
    )
    kind = models.CharField(max_length=20, choices=Kind.choices)
    name = models.CharField(max_length=200)
    tier = models.CharField(max_length=12, choices=Tier.choices, default=Tier.COMMUNITY)
    languages = models.JSONField(default=list, blank=True, help_text="ISO 639-1 codes")
    latitude = models.FloatField(null=True, blank=True)
    longitude = models.FloatField(null=True, blank=True)
    radius_km = models.FloatField(default=5.0, validators=[MinValueValidator(0.1)])
    diets = models.JSONField(default=list, blank=True, help_text="halal, kosher, vegetarian, vegan")
    dbs_level = models.CharField(max_length=10, choices=DbsLevel.choices, default=DbsLevel.NONE)
    dbs_expires = models.DateField(null=True, blank=True)
    vehicle = models.BooleanField(default=False)
    active = models.BooleanField(default=True)
    group = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="helper_groups",
        help_text="The group whose community leaders take the requests sent to this helper",
    )

    objects = HelperQuerySet.as_manager()

    class Meta:
        ordering = ("name", "pk")
        indexes = (models.Index(fields=("organisation", "active")),)

    def __str__(self) -> str:
        return self.name

    @property
    def location(self) -> tuple[float, float] | None:
        if self.latitude is None or self.longitude is None:
            return None
        return (self.latitude, self.longitude)

    def dbs_expired(self, today: dt.date) -> bool:
        """A check with an expiry date on or before today cannot be used for checked work."""
        return self.dbs_level != self.DbsLevel.NONE and (
            self.dbs_expires is None or self.dbs_expires <= today
        )

    def warnings(self, today: dt.date) -> list[str]:
        """Things to fix that do not stop the helper being saved (an expired DBS check)."""
        if not self.dbs_expired(today):
            return []
        when = f"expired on {self.dbs_expires:%-d %b %Y}" if self.dbs_expires else "has no date"
        return [
            f"The DBS check {when}: not eligible for personal care or work with children "
            "until it is renewed"
        ]

    def clean(self) -> None:
        errors: dict[str, list[str]] = {}
        if not _is_list_of_str(self.languages):
            errors["languages"] = ["Languages must be a list of language codes such as 'fr'."]
        if not _is_list_of_str(self.diets) or set(self.diets) - set(DIETS):
            errors["diets"] = [f"Diets must be a list drawn from {', '.join(DIETS)}."]
        if (self.latitude is None) != (self.longitude is None):
            errors["latitude"] = ["Give both latitude and longitude, or neither."]
        if self.dbs_level == self.DbsLevel.NONE and self.dbs_expires is not None:
            errors["dbs_expires"] = ["An expiry date needs a DBS check level."]
        if errors:
            raise ValidationError(errors)


class Offer(models.Model):
    """What one helper can give: which needs, how many a week, and when."""

    helper = models.ForeignKey(Helper, on_delete=models.CASCADE, related_name="offers")
    need_codes = models.JSONField(default=list, help_text="need codes, e.g. ['food']")
    preferred_codes = models.JSONField(
        default=list,
        blank=True,
        help_text="the needs among these the helper would most like to help with",
    )

    class Period(models.TextChoices):
        WEEK = "week", "A week"
        AT_ONCE = "at_once", "At once"

    capacity_per_week = models.IntegerField(
        "capacity",
        default=1,
        validators=[MinValueValidator(1, "Capacity must be 1 or more.")],
        help_text="how many tasks: a week, or at once (see capacity_period)",
    )
    capacity_period = models.CharField(max_length=8, choices=Period.choices, default=Period.WEEK)
    current_load = models.IntegerField(
        default=0,
        validators=[MinValueValidator(0, "Current load cannot be negative.")],
        help_text="tasks taken this week (a week) or in hand now (at once)",
    )
    load_week = models.DateField(
        null=True,
        blank=True,
        help_text="the Monday of the week current_load counts; empty: the load stands as it is",
    )
    availability = models.JSONField(
        default=list,
        blank=True,
        help_text="weekly slots: weekday 0-6, start and end HH:MM; none: any time",
    )
    notes = models.TextField(blank=True)

    class Meta:
        ordering = ("helper", "pk")
        constraints = (
            models.CheckConstraint(
                condition=models.Q(capacity_per_week__gte=1), name="offer_capacity_at_least_one"
            ),
            models.CheckConstraint(
                condition=models.Q(current_load__gte=0), name="offer_load_not_negative"
            ),
        )

    def __str__(self) -> str:
        return f"{self.helper}: {', '.join(self.need_codes)}"

    def load_on(self, today: dt.date) -> int:
        """The load that counts today: a weekly load from an earlier week counts as 0.

        A load with no week (entered by hand) counts as it stands.
        """
        earlier_week = self.load_week is not None and self.load_week != week_of(today)
        if self.capacity_period == self.Period.WEEK and earlier_week:
            return 0
        return self.current_load

    def capacity_left_on(self, today: dt.date) -> int:
        return self.capacity_per_week - self.load_on(today)

    def clean(self) -> None:
        errors: dict[str, list[str]] = {}
        codes = self.need_codes
        if not _is_list_of_str(codes) or not codes:
            errors["need_codes"] = ["Say which needs this offer helps with."]
        elif unknown := sorted(set(codes) - set(NeedCode.values)):
            errors["need_codes"] = [f"Unknown need codes: {', '.join(unknown)}."]
        elif not _is_list_of_str(self.preferred_codes) or set(self.preferred_codes) - set(codes):
            errors["preferred_codes"] = ["Preferred needs must be among the needs offered."]
        if problems := availability_problems(self.availability):
            errors["availability"] = problems
        if errors:
            raise ValidationError(errors)


def week_of(day: dt.date) -> dt.date:
    """The Monday of the day's week."""
    return day - dt.timedelta(days=day.weekday())


def availability_problems(slots: Any) -> list[str]:
    """What is wrong with a list of weekly slots, in plain words; empty when it is fine."""
    if not isinstance(slots, list):
        return ["Availability must be a list of weekly slots."]
    problems: list[str] = []
    for number, slot in enumerate(slots, start=1):
        problems += _slot_problems(number, slot)
    return problems


def _slot_problems(number: int, slot: Any) -> list[str]:
    if not isinstance(slot, dict):
        return [f"Slot {number} must have a weekday, a start and an end."]
    weekday, start, end = slot.get("weekday"), slot.get("start"), slot.get("end")
    if not isinstance(weekday, int) or isinstance(weekday, bool) or not 0 <= weekday <= 6:
        return [f"Slot {number}: the weekday must be 0 (Monday) to 6 (Sunday)."]
    day = WEEKDAYS[weekday]
    if not all(isinstance(t, str) and _TIME.match(t) for t in (start, end)):
        return [f"Slot {number} ({day}): times must be written HH:MM, e.g. 09:30."]
    if str(end) <= str(start):
        return [
            f"Slot {number} ({day}): it must end after it starts ({start} to {end}). "
            "Split an overnight slot in two."
        ]
    return []


def _is_list_of_str(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(item, str) for item in value)
