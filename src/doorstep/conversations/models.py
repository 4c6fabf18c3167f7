"""Every message with one resident, on every channel, in time order."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models

if TYPE_CHECKING:
    from doorstep.accounts.models import User


class InboundChannel(models.TextChoices):
    SMS = "sms", "Text message"
    WEB = "web", "Web page"
    PHONE_NOTE = "phone_note", "Phone call (note)"
    WALK_IN = "walk_in", "Walk-in (note)"
    REFERRAL = "referral", "Referral"


class ConversationQuerySet(models.QuerySet["Conversation"]):
    def visible_to(self, user: User) -> ConversationQuerySet:
        return self.filter(resident__organisation_id=user.org_id)


class Conversation(models.Model):
    """One thread per resident."""

    resident = models.OneToOneField(
        "people.Resident", on_delete=models.CASCADE, related_name="conversation"
    )
    created_at = models.DateTimeField()
    last_message_at = models.DateTimeField(db_index=True)

    objects = ConversationQuerySet.as_manager()

    def __str__(self) -> str:
        return f"Conversation with {self.resident}"


class Message(models.Model):
    """One thing said, in or out, with its channel and the provider's id.

    Inbound messages are stored first (conversation still empty), then processed.
    """

    class Direction(models.TextChoices):
        IN = "in", "From the resident"
        OUT = "out", "To the resident"

    class Delivery(models.TextChoices):
        QUEUED = "queued", "Queued"
        SENT = "sent", "Sent"
        FAILED = "failed", "Failed"
        NOT_APPLICABLE = "", "Not applicable"

    organisation = models.ForeignKey("accounts.Organisation", on_delete=models.PROTECT)
    conversation = models.ForeignKey(
        Conversation, on_delete=models.CASCADE, null=True, related_name="messages"
    )
    direction = models.CharField(max_length=3, choices=Direction.choices)
    channel = models.CharField(max_length=12)
    provider_id = models.CharField(max_length=100, null=True, blank=True)  # noqa: DJ001 - NULL is "no id", unique otherwise
    body = models.TextField()
    # What the sender told us about themselves with this message, before matching.
    sender = models.JSONField(default=dict, blank=True)
    referrer = models.JSONField(default=dict, blank=True)
    language = models.CharField(max_length=8, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    received_at = models.DateTimeField(db_index=True)
    processed_at = models.DateTimeField(null=True, blank=True)
    processing_error = models.TextField(blank=True)
    delivery = models.CharField(max_length=8, choices=Delivery.choices, blank=True, default="")
    transport = models.CharField(max_length=20, blank=True)
    transport_ref = models.CharField(max_length=100, blank=True)
    to = models.CharField(max_length=200, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ("received_at", "id")
        constraints = (
            models.UniqueConstraint(
                fields=("channel", "provider_id"),
                name="message_unique_provider_id",
                condition=models.Q(provider_id__isnull=False),
            ),
        )

    def __str__(self) -> str:
        return (
            f"{self.get_direction_display()} by {self.channel} at {self.received_at:%Y-%m-%d %H:%M}"
        )

    @property
    def is_inbound(self) -> bool:
        return self.direction == self.Direction.IN


class PossibleMatch(models.Model):
    """A new message's sender may be a resident we already know: staff decide."""

    class Status(models.TextChoices):
        PENDING = "pending", "Waiting for a decision"
        SAME_PERSON = "same", "Same person (threads joined)"
        DIFFERENT = "different", "Different people"

    new_resident = models.ForeignKey(
        "people.Resident", on_delete=models.CASCADE, related_name="possible_matches"
    )
    known_resident = models.ForeignKey(
        "people.Resident", on_delete=models.CASCADE, related_name="+"
    )
    score = models.FloatField()
    reasons = models.JSONField(default=list)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField()

    class Meta:
        constraints = (
            models.UniqueConstraint(
                fields=("new_resident", "known_resident"), name="possible_match_once"
            ),
        )

    def __str__(self) -> str:
        return f"{self.new_resident} may be {self.known_resident}"
