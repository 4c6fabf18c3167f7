"""Writing to the audit log. The only way entries are made.

    record_event(request.user, "share", subject=resident, purpose="...", basis="...",
                 fields=["first_name", "phone"], detail={"recipient": "NHS Trafford"})
    record_read(request.user, resident, "safeguarding review", ["health_notes"])

Each call appends one entry in the caller's transaction (so it rolls back with it), chained
to the latest entry. Keep transactions that record events short: on PostgreSQL appending
takes a transaction-level advisory lock, held until the outermost transaction ends.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping

from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser
from django.db import connection, models, transaction

from doorstep.accounts.models import Organisation, User
from doorstep.audit.chain import GENESIS_HASH, format_time, normalise
from doorstep.audit.models import AuditEvent
from doorstep.lib import clock

Actor = AbstractBaseUser | AnonymousUser | None
# A saved model instance, or (label, id) such as ("people.Resident", 42).
Subject = models.Model | tuple[str, str | int] | None

Action = AuditEvent.Action
# Chosen once, never to change: the key of the advisory lock that serialises appends.
CHAIN_LOCK_KEY = 0x0D00_5733_A0D1_7001
# These carry personal data somewhere; governance item 3 wants a purpose on every one.
NEEDS_PURPOSE = frozenset({Action.READ, Action.EXPORT, Action.SHARE, Action.BREAK_GLASS})


class AuditDetailError(ValueError):
    """The arguments cannot make a valid audit entry."""


def record_event(
    actor: Actor,
    action: str,
    *,
    subject: Subject = None,
    purpose: str = "",
    basis: str = "",
    fields: Iterable[str] = (),
    detail: Mapping[str, object] | None = None,
    flagged: bool = False,
    organisation: Organisation | None = None,
) -> AuditEvent:
    """Append one entry. `organisation` defaults to the actor's; actor None is the system."""
    event = AuditEvent(
        action=_known_action(action, purpose),
        purpose=purpose,
        basis=basis,
        fields=_field_names(fields),
        detail=_detail(detail),
        flagged=flagged,
    )
    _set_actor(event, actor, organisation)
    _set_subject(event, subject)
    with transaction.atomic():
        _lock_chain()
        _chain(event)
        event.save(force_insert=True)
    return event


def record_read(
    actor: Actor,
    subject: Subject,
    purpose: str,
    fields: Iterable[str],
    *,
    basis: str = "",
    detail: Mapping[str, object] | None = None,
) -> AuditEvent:
    """Log a read of special-category or safeguarding data: who, what, which fields, why."""
    return record_event(
        actor,
        Action.READ,
        subject=subject,
        purpose=purpose,
        basis=basis,
        fields=fields,
        detail=detail,
    )


def record_break_glass(
    actor: Actor,
    subject: Subject,
    reason: str,
    *,
    fields: Iterable[str] = (),
    expires_at: dt.datetime | None = None,
    detail: Mapping[str, object] | None = None,
) -> AuditEvent:
    """Log emergency access beyond the policy, flagged for the data protection lead."""
    extra = {**(detail or {})}
    if expires_at is not None:
        extra["expires_at"] = format_time(expires_at)
    return record_event(
        actor,
        Action.BREAK_GLASS,
        subject=subject,
        purpose=reason,
        fields=fields,
        detail=extra,
        flagged=True,
    )


def _known_action(action: str, purpose: str) -> str:
    if action not in Action.values:
        raise AuditDetailError(f"unknown audit action {action!r}: add it to AuditEvent.Action")
    if action in NEEDS_PURPOSE and not purpose.strip():
        raise AuditDetailError(f"a {action} needs a purpose (governance item 3)")
    return str(Action(action).value)


def _field_names(fields: Iterable[str]) -> list[str]:
    if isinstance(fields, str):
        raise AuditDetailError("fields is a list of field names, not one string")
    return [str(name) for name in fields]


def _detail(detail: Mapping[str, object] | None) -> dict[str, object]:
    value = normalise(dict(detail or {}))
    if not isinstance(value, dict):  # pragma: no cover - a dict always normalises to a dict
        raise AuditDetailError("detail must be a mapping")
    return dict(value)


def _set_actor(event: AuditEvent, actor: Actor, organisation: Organisation | None) -> None:
    user = actor if isinstance(actor, User) else None
    if organisation is None and user is not None:
        organisation = user.organisation
    event.actor_id = user.pk if user is not None else None
    event.actor_name = user.get_username() if user is not None else ""
    event.organisation_id = organisation.pk if organisation is not None else None
    event.organisation_name = organisation.name if organisation is not None else ""


def _set_subject(event: AuditEvent, subject: Subject) -> None:
    if subject is None:
        return
    if isinstance(subject, models.Model):
        if subject.pk is None:
            raise AuditDetailError("the subject must be saved before it can be audited")
        subject = (subject._meta.label, subject.pk)
    event.subject_type, event.subject_id = subject[0], str(subject[1])


def _lock_chain() -> None:
    """Serialise appends. SQLite needs nothing: Doorstep opens its transactions IMMEDIATE."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [CHAIN_LOCK_KEY])


def _chain(event: AuditEvent) -> None:
    last = AuditEvent.objects.order_by("-sequence").values("sequence", "hash").first()
    event.sequence = last["sequence"] + 1 if last else 1
    event.prev_hash = last["hash"] if last else GENESIS_HASH
    event.at = clock.now()
    event.hash = event.compute_hash()
