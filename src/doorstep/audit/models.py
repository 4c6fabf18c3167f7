"""The audit log: append-only, each entry chained to the one before by its hash.

No foreign keys: actor and organisation are kept as an id and a name snapshot, so deleting
a user or an organisation never has to touch (and can never be blocked by) an audit row.
Write entries with ``doorstep.audit.actions.record_event``; nothing here updates or deletes.
"""

from __future__ import annotations

from typing import Any, NoReturn

from django.db import models

from doorstep.audit.chain import FORMAT_VERSION, JSONValue, chain_hash, format_time


class AuditLogIsAppendOnly(Exception):
    """Audit entries are never changed or deleted once written."""


def _refuse(what: str) -> NoReturn:
    raise AuditLogIsAppendOnly(f"the audit log is append-only: {what} refused")


class AuditEventQuerySet(models.QuerySet["AuditEvent"]):
    def update(self, **kwargs: Any) -> NoReturn:
        _refuse("update()")

    def delete(self) -> NoReturn:
        _refuse("delete()")

    def bulk_update(self, *args: Any, **kwargs: Any) -> NoReturn:
        _refuse("bulk_update()")

    def bulk_create(self, *args: Any, **kwargs: Any) -> NoReturn:
        _refuse("bulk_create() (it would bypass the chain: use record_event)")

    def for_subject(self, subject_type: str, subject_id: str | int) -> AuditEventQuerySet:
        """Every entry about one record, e.g. ("people.Resident", 42)."""
        return self.filter(subject_type=subject_type, subject_id=str(subject_id))

    def by_actor(self, actor_id: int) -> AuditEventQuerySet:
        return self.filter(actor_id=actor_id)

    def flagged(self) -> AuditEventQuerySet:
        return self.filter(flagged=True)


class AuditEvent(models.Model):
    class Action(models.TextChoices):
        CREATE = "create", "Create"
        READ = "read", "Read"
        UPDATE = "update", "Update"
        DELETE = "delete", "Delete"
        EXPORT = "export", "Export"
        SHARE = "share", "Share"
        BREAK_GLASS = "break_glass", "Break-glass access"
        LOGIN = "login", "Sign in"
        LOGIN_FAILED = "login_failed", "Failed sign-in"
        LOCKOUT = "lockout", "Account locked out"
        PURGE = "purge", "Retention purge"

    sequence = models.PositiveBigIntegerField(unique=True, editable=False)
    at = models.DateTimeField(editable=False)
    actor_id = models.BigIntegerField(null=True, editable=False)
    actor_name = models.CharField(max_length=150, blank=True, editable=False)
    organisation_id = models.BigIntegerField(null=True, editable=False)
    organisation_name = models.CharField(max_length=200, blank=True, editable=False)
    action = models.CharField(max_length=30, choices=Action.choices, editable=False)
    subject_type = models.CharField(max_length=100, blank=True, editable=False)
    subject_id = models.CharField(max_length=100, blank=True, editable=False)
    purpose = models.TextField(blank=True, editable=False)
    basis = models.TextField(blank=True, editable=False)
    fields = models.JSONField(default=list, editable=False)
    detail = models.JSONField(default=dict, editable=False)
    flagged = models.BooleanField(default=False, editable=False)
    version = models.PositiveSmallIntegerField(default=FORMAT_VERSION, editable=False)
    prev_hash = models.CharField(max_length=64, editable=False)
    hash = models.CharField(max_length=64, editable=False)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        ordering = ("sequence",)
        indexes = (
            models.Index(fields=("subject_type", "subject_id"), name="audit_subject_idx"),
            models.Index(fields=("actor_id", "at"), name="audit_actor_at_idx"),
            models.Index(fields=("action", "at"), name="audit_action_at_idx"),
        )

    def __str__(self) -> str:
        return f"#{self.sequence} {self.action} {self.subject_type}:{self.subject_id}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding or self.pk is not None:
            _refuse("changing a saved entry")
        if self.at is None or not self.hash or self.hash != self.compute_hash():
            raise ValueError("an entry's hash must match its content: use record_event")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> NoReturn:
        _refuse("delete()")

    def content(self) -> dict[str, JSONValue]:
        """What the hash covers: every column but the id and the hash itself."""
        return {
            "version": self.version,
            "sequence": self.sequence,
            "at": format_time(self.at),
            "actor_id": self.actor_id,
            "actor_name": self.actor_name,
            "organisation_id": self.organisation_id,
            "organisation_name": self.organisation_name,
            "action": str(self.action),
            "subject_type": self.subject_type,
            "subject_id": self.subject_id,
            "purpose": self.purpose,
            "basis": self.basis,
            "fields": self.fields,
            "detail": self.detail,
            "flagged": self.flagged,
            "prev_hash": self.prev_hash,
        }

    def compute_hash(self) -> str:
        return chain_hash(self.content())
