"""Data sharing agreements, consent, share events and break-glass grants.

Written only through `doorstep.sharing.actions`; read through `visible_to(user)`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.db.models import Q

from doorstep.sharing import catalogue as cat

if TYPE_CHECKING:
    from doorstep.accounts.models import User

OVERSIGHT_ROLES = frozenset({"data_protection_lead", "admin"})


def _choices(labels: Mapping[str, str]) -> list[tuple[str, str]]:
    return list(labels.items())


class AgreementQuerySet(models.QuerySet["Agreement"]):
    def visible_to(self, user: User) -> AgreementQuerySet:
        """Agreements the user's organisation is a party to."""
        if user.organisation_id is None:
            return self.none()
        return self.filter(parties__organisation_id=user.organisation_id).distinct()

    def between(self, first_org_id: int, second_org_id: int) -> AgreementQuerySet:
        both = self.filter(parties__organisation_id=first_org_id)
        return both.filter(parties__organisation_id=second_org_id).distinct()

    def in_force_on(self, day: dt.date) -> AgreementQuerySet:
        return self.filter(status=Agreement.Status.ACTIVE, starts__lte=day).filter(
            Q(ends__isnull=True) | Q(ends__gte=day)
        )


class Agreement(models.Model):
    """A data sharing agreement: who shares what with whom, why, on what basis, how long."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        ACTIVE = "active", "Active"
        SUSPENDED = "suspended", "Suspended"
        EXPIRED = "expired", "Expired"

    title = models.CharField(max_length=200)
    purposes = models.JSONField(default=list, help_text="purpose codes")
    field_allow_list = models.JSONField(default=dict, help_text="{record type: [fields]}")
    lawful_basis = models.CharField(max_length=30, choices=_choices(cat.LAWFUL_BASES))
    special_category_condition = models.CharField(
        max_length=60, choices=_choices(cat.SPECIAL_CATEGORY_CONDITIONS), blank=True
    )
    retention_days = models.JSONField(default=dict, blank=True, help_text="{record type: days}")
    starts = models.DateField()
    review_date = models.DateField(db_index=True)
    ends = models.DateField(null=True, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    status_note = models.TextField(blank=True, help_text="Why it was last suspended or ended")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    last_reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    last_reviewed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField()
    updated_at = models.DateTimeField()

    objects = AgreementQuerySet.as_manager()

    class Meta:
        ordering = ("title", "id")

    def __str__(self) -> str:
        return self.title

    @property
    def requires_consent(self) -> bool:
        return self.lawful_basis == cat.CONSENT


class AgreementParty(models.Model):
    class Role(models.TextChoices):
        CONTROLLER = "controller", "Controller"
        JOINT_CONTROLLER = "joint_controller", "Joint controller"
        PROCESSOR = "processor", "Processor"
        RECIPIENT = "recipient", "Recipient"

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="parties")
    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, related_name="agreement_parties"
    )
    role = models.CharField(max_length=20, choices=Role.choices)

    class Meta:
        constraints = (
            models.UniqueConstraint(fields=("agreement", "organisation"), name="party_once"),
        )

    def __str__(self) -> str:
        return f"{self.organisation} ({self.get_role_display()})"


class ConsentQuerySet(models.QuerySet["Consent"]):
    def visible_to(self, user: User) -> ConsentQuerySet:
        if user.organisation_id is None:
            return self.none()
        return self.filter(resident__organisation_id=user.organisation_id)

    def current(self) -> ConsentQuerySet:
        return self.filter(withdrawn_at__isnull=True)


class Consent(models.Model):
    """A resident's consent: to what purposes, how and when given, and when withdrawn."""

    class Method(models.TextChoices):
        VERBAL = "verbal", "Said so (phone or in person)"
        WRITTEN = "written", "In writing"
        WEB = "web", "On the web form"
        SMS = "sms", "By text message"

    resident = models.ForeignKey(
        "people.Resident", on_delete=models.CASCADE, related_name="consents"
    )
    purposes = models.JSONField(default=list, help_text="purpose codes the consent covers")
    method = models.CharField(max_length=10, choices=Method.choices)
    wording = models.TextField(blank=True, help_text="What the resident was told and agreed to")
    given_at = models.DateTimeField()
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    objects = ConsentQuerySet.as_manager()

    class Meta:
        ordering = ("-given_at", "-id")

    def __str__(self) -> str:
        state = "withdrawn" if self.withdrawn_at else "given"
        return f"Consent {state} by {self.resident} for {', '.join(self.purposes)}"


class ShareEventQuerySet(models.QuerySet["ShareEvent"]):
    def visible_to(self, user: User) -> ShareEventQuerySet:
        org = user.organisation_id
        return self.filter(Q(from_org_id=org) | Q(to_org_id=org))

    def of_record(self, record_type: str, record_id: int) -> ShareEventQuerySet:
        return self.filter(record_type=record_type, record_id=record_id)


class ShareEvent(models.Model):
    """One record passed from one organisation to another, or a correction passed on."""

    class Kind(models.TextChoices):
        SHARE = "share", "Shared"
        CORRECTION = "correction", "Correction passed on"
        ERASURE = "erasure", "Erasure passed on"

    at = models.DateTimeField(db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
        help_text="Who shared it; empty for the system (the retention purge's erasure notices)",
    )
    from_org = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, related_name="shares_sent"
    )
    to_org = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, related_name="shares_received"
    )
    agreement = models.ForeignKey(Agreement, on_delete=models.PROTECT, related_name="shares")
    purpose = models.CharField(max_length=30)
    basis = models.CharField(max_length=30)
    condition = models.CharField(max_length=60, blank=True, help_text="Art. 9 condition used")
    record_type = models.CharField(max_length=30)
    record_id = models.PositiveBigIntegerField()
    resident = models.ForeignKey(
        "people.Resident",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="share_events",
        help_text="Whose data it is, for subject access",
    )
    fields = models.JSONField(default=list)
    kind = models.CharField(max_length=12, choices=Kind.choices, default=Kind.SHARE)
    follows = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="follow_ups"
    )

    objects = ShareEventQuerySet.as_manager()

    class Meta:
        ordering = ("at", "id")
        indexes = (models.Index(fields=("record_type", "record_id")),)

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.record_type} {self.record_id} to {self.to_org}"


class BreakGlassQuerySet(models.QuerySet["BreakGlass"]):
    def visible_to(self, user: User) -> BreakGlassQuerySet:
        """Oversight roles see their organisation's grants; everyone else their own."""
        if user.role not in OVERSIGHT_ROLES:
            return self.filter(actor_id=user.pk)
        org = user.organisation_id
        return self.filter(Q(actor__organisation_id=org) | Q(resident__organisation_id=org))

    def unexpired_at(self, moment: dt.datetime) -> BreakGlassQuerySet:
        return self.filter(started_at__lte=moment, expires_at__gt=moment)

    def awaiting_review(self) -> BreakGlassQuerySet:
        return self.filter(review_status=BreakGlass.ReviewStatus.PENDING)


class BreakGlass(models.Model):
    """Emergency access to one resident's records beyond the policy: short, then reviewed."""

    class ReviewStatus(models.TextChoices):
        PENDING = "pending", "Waiting for review"
        REVIEWED = "reviewed", "Reviewed"

    class Outcome(models.TextChoices):
        JUSTIFIED = "justified", "Justified"
        NOT_JUSTIFIED = "not_justified", "Not justified: follow up"

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="break_glass_grants"
    )
    resident = models.ForeignKey(
        "people.Resident",
        on_delete=models.SET_NULL,
        null=True,
        related_name="break_glass_grants",
    )
    reason = models.TextField()
    started_at = models.DateTimeField(db_index=True)
    expires_at = models.DateTimeField()
    review_status = models.CharField(
        max_length=10, choices=ReviewStatus.choices, default=ReviewStatus.PENDING
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    outcome = models.CharField(max_length=15, choices=Outcome.choices, blank=True)
    review_note = models.TextField(blank=True)

    objects = BreakGlassQuerySet.as_manager()

    class Meta:
        ordering = ("-started_at", "-id")
        constraints = (
            models.CheckConstraint(
                condition=Q(expires_at__gt=models.F("started_at")), name="break_glass_expires"
            ),
        )

    def __str__(self) -> str:
        return f"Break-glass by {self.actor} at {self.started_at:%Y-%m-%d %H:%M}"

    def is_live_at(self, moment: dt.datetime) -> bool:
        return self.started_at <= moment < self.expires_at


class RightsRequestQuerySet(models.QuerySet["RightsRequest"]):
    def visible_to(self, user: User) -> RightsRequestQuerySet:
        if user.organisation_id is None:
            return self.none()
        return self.filter(resident__organisation_id=user.organisation_id)

    def unresolved(self) -> RightsRequestQuerySet:
        return self.filter(resolved_at__isnull=True)


class RightsRequest(models.Model):
    """A flag on a resident's record: they asked for rectification, restriction or objection."""

    class Kind(models.TextChoices):
        RECTIFICATION = "rectification", "Rectification: something is wrong"
        RESTRICTION = "restriction", "Restriction: use only to store, for now"
        OBJECTION = "objection", "Objection to how their data is used"

    resident = models.ForeignKey(
        "people.Resident", on_delete=models.CASCADE, related_name="rights_requests"
    )
    kind = models.CharField(max_length=15, choices=Kind.choices)
    purposes = models.JSONField(
        default=list, blank=True, help_text="For an objection: the purposes; none means all"
    )
    raised_at = models.DateTimeField()
    raised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    note = models.TextField(blank=True)
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    resolution = models.TextField(blank=True)

    objects = RightsRequestQuerySet.as_manager()

    class Meta:
        ordering = ("raised_at", "id")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} for resident {self.resident_id}"


class HoldQuerySet(models.QuerySet["Hold"]):
    def visible_to(self, user: User) -> HoldQuerySet:
        if user.organisation_id is None:
            return self.none()
        return self.filter(resident__organisation_id=user.organisation_id)

    def active_at(self, moment: dt.datetime) -> HoldQuerySet:
        return self.filter(placed_at__lte=moment).filter(
            Q(lifted_at__isnull=True) | Q(lifted_at__gt=moment)
        )


class Hold(models.Model):
    """A legal or safeguarding hold: while active, the resident's record is never purged."""

    class Kind(models.TextChoices):
        LEGAL = "legal", "Legal hold"
        SAFEGUARDING = "safeguarding", "Safeguarding hold"

    resident = models.ForeignKey("people.Resident", on_delete=models.CASCADE, related_name="holds")
    kind = models.CharField(max_length=15, choices=Kind.choices)
    reason = models.TextField()
    placed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    placed_at = models.DateTimeField()
    lifted_at = models.DateTimeField(null=True, blank=True)
    lifted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    objects = HoldQuerySet.as_manager()

    class Meta:
        ordering = ("placed_at", "id")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} on resident {self.resident_id}"

    def is_active_at(self, moment: dt.datetime) -> bool:
        return self.placed_at <= moment and (self.lifted_at is None or self.lifted_at > moment)


class Purge(models.Model):
    """The retention purge anonymised a resident: when, and what it counted. No personal data."""

    resident = models.ForeignKey("people.Resident", on_delete=models.CASCADE, related_name="purges")
    purged_at = models.DateTimeField(db_index=True)
    last_activity_at = models.DateTimeField(help_text="The activity the retention ran from")
    retention_days = models.PositiveIntegerField()
    counts = models.JSONField(default=dict)

    class Meta:
        ordering = ("purged_at", "id")

    def __str__(self) -> str:
        return f"Purge of resident {self.resident_id} at {self.purged_at:%Y-%m-%d}"
