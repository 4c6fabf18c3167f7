"""Assignments: a proposal a guide or coordinator confirmed, and what became of it.

An assignment sent to a helper with a group (a community group with its own leaders)
waits until a leader accepts it; a leader may hand it to one of the group's own
volunteers. Everyone else (the resident's own people, a volunteer or service the guide
arranges directly) is accepted at once. A live assignment (waiting or accepted) holds
one place of the offer's capacity until it is done, declined or cancelled.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models

from doorstep.cases.models import Tier

if TYPE_CHECKING:
    from doorstep.accounts.models import User


class AssignmentQuerySet(models.QuerySet["Assignment"]):
    def visible_to(self, user: User) -> AssignmentQuerySet:
        """The hub's staff see their hub's; a group's leader and volunteers see their own."""
        if user.role == "community_leader":
            return self.filter(group_id=user.org_id)
        if user.role == "volunteer":
            return self.filter(volunteer=user)
        return self.filter(organisation_id=user.org_id)

    def live(self) -> AssignmentQuerySet:
        return self.filter(status__in=Assignment.LIVE)


class Assignment(models.Model):
    class Status(models.TextChoices):
        WAITING = "waiting", "Waiting for the group to accept"
        ACCEPTED = "accepted", "Accepted"
        DECLINED = "declined", "Declined"
        DONE = "done", "Done"
        CANCELLED = "cancelled", "Cancelled"

    class Source(models.TextChoices):
        GUIDE = "guide", "Chosen by a Local Guide"
        BATCH = "batch", "Batch assignment by a coordinator"

    class Outcome(models.TextChoices):
        MET = "met", "The need was met"
        NOT_MET = "not_met", "The need was not met"

    LIVE = (Status.WAITING, Status.ACCEPTED)

    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, related_name="assignments"
    )
    need = models.ForeignKey("cases.Need", on_delete=models.CASCADE, related_name="assignments")
    tier = models.CharField(max_length=12, choices=Tier.choices)
    offer = models.ForeignKey(
        "offers.Offer", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    helper = models.ForeignKey(
        "offers.Helper", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    network_member = models.ForeignKey(
        "people.NetworkMember", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    helper_name = models.CharField(max_length=200)
    group = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="assignments_received",
        help_text="The group whose leaders accept or decline it",
    )
    score = models.FloatField(default=0.0)
    reasons = models.JSONField(default=list, blank=True)
    source = models.CharField(max_length=8, choices=Source.choices, default=Source.GUIDE)
    status = models.CharField(max_length=10, choices=Status.choices)
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    assigned_at = models.DateTimeField()
    volunteer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="tasks",
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decline_reason = models.TextField(blank=True)
    decline_seen_at = models.DateTimeField(null=True, blank=True)
    outcome = models.CharField(max_length=8, choices=Outcome.choices, blank=True)
    outcome_note = models.TextField(blank=True)
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    reported_at = models.DateTimeField(null=True, blank=True)

    objects = AssignmentQuerySet.as_manager()

    class Meta:
        ordering = ("-assigned_at", "-pk")
        constraints = (
            models.UniqueConstraint(
                fields=("need",),
                condition=models.Q(status__in=("waiting", "accepted")),
                name="one_live_assignment_per_need",
            ),
        )
        indexes = (
            models.Index(fields=("group", "status")),
            models.Index(fields=("organisation", "status")),
        )

    def __str__(self) -> str:
        return f"{self.helper_name}: {self.need}"

    @property
    def is_live(self) -> bool:
        return self.status in self.LIVE

    @property
    def needs_leader(self) -> bool:
        return self.group_id is not None
