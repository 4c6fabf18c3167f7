"""Help requests, their needs, clocks, guide assignment, notes and outcomes."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models

from doorstep.cases import clocks

if TYPE_CHECKING:
    from doorstep.accounts.models import User


class Urgency(models.TextChoices):
    EMERGENCY = "emergency", "Emergency"
    URGENT = "urgent", "Urgent"
    ROUTINE = "routine", "Routine"


class NeedCode(models.TextChoices):
    FOOD = "food", "Food"
    MEDICINE = "medicine", "Medicine"
    SHOPPING = "shopping", "Shopping"
    BEFRIENDING = "befriending", "Someone to talk to"
    MONEY = "money", "Money"
    HOUSING = "housing", "Housing"
    MENTAL_HEALTH = "mental_health", "Mental health"
    PHYSICAL_CARE = "physical_care", "Personal care"
    DIGITAL = "digital", "Getting online"
    TRANSPORT = "transport", "Transport"
    SAFETY = "safety", "Safety"
    FAMILY = "family", "Family"
    WORK_SKILLS = "work_skills", "Work and skills"
    LEGAL_IMMIGRATION = "legal_immigration", "Legal and immigration"
    OTHER = "other", "Something else"


class Tier(models.TextChoices):
    """The order in which help is sought: the resident's own people first."""

    OWN_NETWORK = "own_network", "Their own people"
    COMMUNITY = "community", "Community"
    VCSE = "vcse", "Voluntary organisation"
    STATUTORY = "statutory", "Public service"


class HelpRequestQuerySet(models.QuerySet["HelpRequest"]):
    def visible_to(self, user: User) -> HelpRequestQuerySet:
        return self.filter(organisation_id=user.org_id)

    def open(self) -> HelpRequestQuerySet:
        return self.exclude(status=HelpRequest.Status.CLOSED)

    def by_clock(self) -> HelpRequestQuerySet:
        """Running clocks first, soonest due first; then those already in contact."""
        return self.order_by(
            models.F("first_contact_at").asc(nulls_first=True), "first_contact_due", "pk"
        )

    def clock_running(self) -> HelpRequestQuerySet:
        return self.filter(first_contact_at__isnull=True).exclude(status=HelpRequest.Status.CLOSED)


class HelpRequest(models.Model):
    """What a resident asked for at one time: one or more needs, an urgency, a clock."""

    class Status(models.TextChoices):
        OPEN = "open", "Waiting for first contact"
        IN_CONTACT = "in_contact", "In contact"
        CLOSED = "closed", "Closed"

    organisation = models.ForeignKey("accounts.Organisation", on_delete=models.PROTECT)
    resident = models.ForeignKey(
        "people.Resident", on_delete=models.CASCADE, related_name="help_requests"
    )
    guide = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="help_requests",
    )
    guide_reason = models.CharField(max_length=300, blank=True)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.OPEN)
    urgency = models.CharField(max_length=10, choices=Urgency.choices, default=Urgency.ROUTINE)
    safeguarding = models.BooleanField(default=False)
    risk_to_life = models.BooleanField(default=False)
    language = models.CharField(max_length=8, default="en")
    triage_reasons = models.JSONField(default=list, blank=True)
    triage_model_version = models.CharField(max_length=60, blank=True)
    triage_confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    triage_confirmed_at = models.DateTimeField(null=True, blank=True)
    # The clock: counted from the first message
    opened_at = models.DateTimeField(db_index=True)
    first_contact_due = models.DateTimeField(db_index=True)
    first_contact_at = models.DateTimeField(null=True, blank=True)
    nearing_alerted_at = models.DateTimeField(null=True, blank=True)
    breached_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    objects = HelpRequestQuerySet.as_manager()

    class Meta:
        indexes = (
            models.Index(fields=("organisation", "status", "first_contact_due")),
            models.Index(fields=("guide", "status")),
        )

    def __str__(self) -> str:
        return f"Help request {self.pk} from {self.resident}"

    def clock_state(self, at: dt.datetime) -> clocks.ClockState:
        return clocks.state(self.clock_times(), at, settings.DOORSTEP_NEARING_FRACTION)

    def clock_times(self) -> clocks.ClockTimes:
        return clocks.ClockTimes(self.opened_at, self.first_contact_due, self.first_contact_at)


class Need(models.Model):
    """One thing to help with, with its outcome."""

    class Status(models.TextChoices):
        OPEN = "open", "Open"
        MET = "met", "Met"
        NOT_MET = "not_met", "Not met"
        NO_LONGER_NEEDED = "no_longer_needed", "No longer needed"

    help_request = models.ForeignKey(HelpRequest, on_delete=models.CASCADE, related_name="needs")
    code = models.CharField(max_length=20, choices=NeedCode.choices)
    confidence = models.FloatField(default=1.0)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.OPEN)
    outcome = models.TextField(blank=True)
    met_by = models.CharField(max_length=200, blank=True)
    met_tier = models.CharField(
        max_length=12,
        choices=Tier.choices,
        blank=True,
        help_text="Who met the need: own network, community, VCSE or statutory",
    )
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = (
            models.UniqueConstraint(fields=("help_request", "code"), name="need_once_per_request"),
        )

    def __str__(self) -> str:
        return self.get_code_display()


class TriageCorrection(models.Model):
    """A guide's correction of the triage engine, kept as training data."""

    help_request = models.ForeignKey(
        HelpRequest, on_delete=models.CASCADE, related_name="corrections"
    )
    message = models.ForeignKey(
        "conversations.Message", on_delete=models.SET_NULL, null=True, related_name="+"
    )
    corrected_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    before = models.JSONField()
    after = models.JSONField()
    created_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"Correction to help request {self.help_request_id}"


class CaseNote(models.Model):
    """A note on a request. Facts and opinions are kept apart."""

    class Kind(models.TextChoices):
        FACT = "fact", "Fact"
        OPINION = "opinion", "Opinion"

    help_request = models.ForeignKey(HelpRequest, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    kind = models.CharField(max_length=10, choices=Kind.choices)
    body = models.TextField()
    created_at = models.DateTimeField()

    class Meta:
        ordering = ("created_at", "id")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} note on request {self.help_request_id}"


class ContactAttempt(models.Model):
    """A try at reaching the resident. Only a conversation counts as first contact."""

    class Method(models.TextChoices):
        PHONE = "phone", "Phone call"
        SMS = "sms", "Text messages"
        EMAIL = "email", "Email"
        VISIT = "visit", "Visit"

    help_request = models.ForeignKey(
        HelpRequest, on_delete=models.CASCADE, related_name="contact_attempts"
    )
    guide = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    method = models.CharField(max_length=10, choices=Method.choices)
    reached = models.BooleanField(help_text="Spoke or exchanged messages with the resident")
    note = models.TextField(blank=True)
    at = models.DateTimeField()

    def __str__(self) -> str:
        return f"{self.get_method_display()} at {self.at:%Y-%m-%d %H:%M}"


class ClockAlert(models.Model):
    """A clock nearing its breach, or breached: seen by coordinators, counted."""

    class Kind(models.TextChoices):
        NEARING = "nearing", "Nearing breach"
        BREACHED = "breached", "Breached"

    help_request = models.ForeignKey(
        HelpRequest, on_delete=models.CASCADE, related_name="clock_alerts"
    )
    kind = models.CharField(max_length=10, choices=Kind.choices)
    created_at = models.DateTimeField()
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        constraints = (
            models.UniqueConstraint(fields=("help_request", "kind"), name="clock_alert_once"),
        )

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: request {self.help_request_id}"
