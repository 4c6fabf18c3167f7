"""Flags on a resident's record: holds, and rights requests (re-exported by `rights`).

A legal or safeguarding hold stops the retention purge from touching the resident while it
is active. A rights request flags rectification, restriction or objection until resolved.

    hold = place_hold(dora, resident, "legal", "Solicitor's letter: claim expected")
    lift_hold(dora, hold)
    has_active_hold(resident)
    raise_rights_request(alice, resident, "restriction", "Asked us to pause sharing")
    active_restrictions(resident)                    # {"restriction"}

Each change is written to the audit log in the same transaction.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db import transaction

from doorstep.accounts.models import User
from doorstep.lib import clock
from doorstep.people.models import Resident
from doorstep.sharing import audit_hook
from doorstep.sharing import catalogue as cat
from doorstep.sharing.errors import NotAllowed
from doorstep.sharing.models import OVERSIGHT_ROLES, Hold, RightsRequest

# Who may place or lift a hold: legal holds are the data protection lead's; safeguarding
# holds also the safeguarding lead's.
HOLD_ROLES = {
    Hold.Kind.LEGAL: frozenset({"data_protection_lead", "admin"}),
    Hold.Kind.SAFEGUARDING: frozenset({"data_protection_lead", "admin", "safeguarding_lead"}),
}
MIN_REASON_CHARS = 10
RESTRICTING_KINDS = frozenset({RightsRequest.Kind.RESTRICTION, RightsRequest.Kind.OBJECTION})
# Staff who may raise a rights flag: anyone who holds residents' records, not volunteers.
NOT_STAFF = frozenset({"volunteer", "community_leader"})


def place_hold(actor: User, resident: Resident, kind: str, reason: str) -> Hold:
    """Stop the purge from touching this resident until the hold is lifted."""
    _check_may_hold(actor, resident, kind)
    if len(reason.strip()) < MIN_REASON_CHARS:
        raise NotAllowed(f"Give the reason for the hold in at least {MIN_REASON_CHARS} characters.")
    with transaction.atomic():
        hold = Hold.objects.create(
            resident=resident,
            kind=kind,
            reason=reason.strip(),
            placed_by=actor,
            placed_at=clock.now(),
        )
        audit_hook.record(
            actor, audit_hook.CREATE, subject=resident, detail={"hold": hold.pk, "kind": kind}
        )
    return hold


def lift_hold(actor: User, hold: Hold) -> Hold:
    """End a hold. Lifting one already lifted changes nothing."""
    _check_may_hold(actor, hold.resident, hold.kind)
    if hold.lifted_at is not None:
        return hold
    with transaction.atomic():
        hold.lifted_at, hold.lifted_by = clock.now(), actor
        hold.save(update_fields=["lifted_at", "lifted_by"])
        audit_hook.record(
            actor,
            audit_hook.UPDATE,
            subject=hold.resident,
            detail={"hold": hold.pk, "kind": hold.kind, "lifted": True},
        )
    return hold


def active_holds(resident: Resident, at: dt.datetime | None = None) -> list[Hold]:
    return list(Hold.objects.filter(resident=resident).active_at(at or clock.now()))


def has_active_hold(resident: Resident, at: dt.datetime | None = None) -> bool:
    return Hold.objects.filter(resident=resident).active_at(at or clock.now()).exists()


def _check_may_hold(actor: User, resident: Resident, kind: str) -> None:
    if kind not in HOLD_ROLES:
        raise NotAllowed(f"There is no kind of hold called {kind!r}.")
    if actor.organisation_id != resident.organisation_id:
        raise NotAllowed("Only the organisation that holds the record can place or lift a hold.")
    if actor.role not in HOLD_ROLES[Hold.Kind(kind)]:
        raise NotAllowed("Your role cannot place or lift this kind of hold.")


def raise_rights_request(
    actor: User,
    resident: Resident,
    kind: str,
    note: str = "",
    purposes: Iterable[str] = (),
) -> RightsRequest:
    """Flag a resident's record with a rights request they made.

    An objection may name the purposes it is about; naming none objects to every purpose.
    """
    if kind not in RightsRequest.Kind.values:
        raise NotAllowed(f"There is no kind of rights request called {kind!r}.")
    if actor.organisation_id != resident.organisation_id or actor.role in NOT_STAFF:
        raise NotAllowed("Only staff of the organisation that holds the record can flag it.")
    scope = _objected_purposes(kind, purposes)
    with transaction.atomic():
        flag = RightsRequest.objects.create(
            resident=resident,
            kind=kind,
            purposes=scope,
            raised_at=clock.now(),
            raised_by=actor,
            note=note,
        )
        detail = {"rights_request": flag.pk, "kind": kind, "purposes": scope}
        audit_hook.record(actor, audit_hook.CREATE, subject=resident, detail=detail)
    return flag


def _objected_purposes(kind: str, purposes: Iterable[str]) -> list[str]:
    scope = sorted(set(purposes))
    if scope and kind != RightsRequest.Kind.OBJECTION:
        raise NotAllowed("Only an objection names purposes.")
    if unknown := set(scope) - set(cat.PURPOSES):
        raise NotAllowed(f"Doorstep does not know these purposes: {', '.join(sorted(unknown))}.")
    return scope


def resolve_rights_request(actor: User, flag: RightsRequest, resolution: str) -> RightsRequest:
    """Close a rights flag: a data protection lead records what was done."""
    if actor.organisation_id != flag.resident.organisation_id or actor.role not in OVERSIGHT_ROLES:
        raise NotAllowed("Only the data protection lead of the organisation can resolve this.")
    if flag.resolved_at is not None:
        return flag
    with transaction.atomic():
        flag.resolved_at, flag.resolved_by, flag.resolution = clock.now(), actor, resolution
        flag.save(update_fields=["resolved_at", "resolved_by", "resolution"])
        detail = {"rights_request": flag.pk, "kind": flag.kind, "resolved": True}
        audit_hook.record(actor, audit_hook.UPDATE, subject=flag.resident, detail=detail)
    return flag


def active_restrictions(resident: Resident) -> set[str]:
    """The unresolved restriction and objection flags on a resident: {"restriction", ...}."""
    kinds = RightsRequest.objects.filter(resident=resident, kind__in=RESTRICTING_KINDS)
    return set(kinds.unresolved().values_list("kind", flat=True))
