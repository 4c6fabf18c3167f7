"""Writes with side effects: shares, corrections passed on, consent, break-glass.

Each action checks the policy, writes its rows and its audit entry in one transaction.
Agreements' lifecycle lives in `agreement_actions` and is re-exported here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db import transaction

from doorstep.accounts.models import Organisation, User
from doorstep.lib import clock
from doorstep.people.models import Resident
from doorstep.sharing import audit_hook, policy
from doorstep.sharing import catalogue as cat
from doorstep.sharing.adapters import (
    actor_of,
    consent_state,
    local_now,
    restrictions_of,
    terms_between,
)
from doorstep.sharing.agreement_actions import (
    AgreementDraft,
    agreements_due_for_review,
    do_activate_agreement,
    do_draft_agreement,
    do_end_agreement,
    do_expire_ended_agreements,
    do_review_agreement,
    do_revise_agreement,
    do_suspend_agreement,
)
from doorstep.sharing.errors import BreakGlassRefused, NotAllowed, ShareRefused
from doorstep.sharing.models import Agreement, BreakGlass, Consent, ShareEvent
from doorstep.sharing.records import RECORD_MODELS

__all__ = [
    "AgreementDraft",
    "agreements_due_for_review",
    "do_activate_agreement",
    "do_break_glass",
    "do_draft_agreement",
    "do_end_agreement",
    "do_expire_ended_agreements",
    "do_record_consent",
    "do_record_correction",
    "do_record_read_share",
    "do_review_agreement",
    "do_review_break_glass",
    "do_revise_agreement",
    "do_share",
    "do_suspend_agreement",
    "do_withdraw_consent",
    "pass_on_erasure",
]

BREAK_GLASS_MINUTES = 30
MIN_REASON_CHARS = 20
BREAK_GLASS_REVIEWERS = frozenset({"data_protection_lead"})


def do_share(
    actor: User,
    *,
    to_org: Organisation,
    purpose: str,
    record_type: str,
    record_id: int,
    record_org_id: int,
    fields: Iterable[str],
    resident: Resident | None = None,
) -> ShareEvent:
    """Send fields of one of the actor's organisation's records to another organisation."""
    wanted = frozenset(fields)
    decision = _share_decision(actor, to_org, purpose, record_type, record_org_id, wanted, resident)
    record = (record_type, record_id, record_org_id)
    return _write_share(actor, to_org.pk, decision, purpose, record, resident)


def do_record_read_share(
    reader: User,
    decision: policy.Decision,
    purpose: str,
    record: tuple[str, int, int],
    resident: Resident | None,
) -> ShareEvent | None:
    """A read across organisations is a share: note it once per recipient, record and terms.

    `record` is (record type, record id, owning organisation id).
    """
    record_type, record_id, _owner = record
    if decision.agreement_id is None or reader.organisation_id is None:
        return None
    earlier = ShareEvent.objects.of_record(record_type, record_id).filter(
        kind=ShareEvent.Kind.SHARE,
        to_org_id=reader.organisation_id,
        agreement_id=decision.agreement_id,
        purpose=purpose,
    )
    if any(decision.fields <= set(event.fields) for event in earlier):
        return None
    return _write_share(reader, reader.organisation_id, decision, purpose, record, resident)


def do_record_correction(
    actor: User,
    record_type: str,
    record_id: int,
    changed_fields: Iterable[str],
    erasure: bool = False,
) -> list[ShareEvent]:
    """Pass a correction (or erasure) on to every organisation the record went to.

    Each recipient hears only about fields it received; an erasure with no fields named
    covers everything it received. Returns the follow-up events, one per recipient.
    """
    shares = list(
        ShareEvent.objects.of_record(record_type, record_id)
        .filter(kind=ShareEvent.Kind.SHARE)
        .order_by("at", "id")
    )
    if not shares:
        return []
    if shares[0].from_org_id != actor.organisation_id:
        raise NotAllowed("Only the organisation that holds the record can pass on corrections.")
    kind = ShareEvent.Kind.ERASURE if erasure else ShareEvent.Kind.CORRECTION
    changed = frozenset(changed_fields)
    with transaction.atomic():
        return [
            _follow_up(actor, share, kind, fields)
            for share, received in _latest_share_per_recipient(shares)
            if (fields := received if erasure and not changed else changed & received)
        ]


def do_record_consent(
    actor: User,
    resident: Resident,
    *,
    purposes: Iterable[str],
    method: str,
    wording: str = "",
    given_at: dt.datetime | None = None,
) -> Consent:
    """Record what a resident consented to, how, and when."""
    _check_may_record_consent(actor, resident)
    scope = sorted(set(purposes))
    unknown = set(scope) - set(cat.PURPOSES)
    if not scope or unknown:
        raise ShareRefused("Consent must name at least one of Doorstep's purposes, and no others.")
    if method not in Consent.Method.values:
        raise ShareRefused("Say how the resident gave consent.")
    with transaction.atomic():
        consent = Consent.objects.create(
            resident=resident,
            purposes=scope,
            method=method,
            wording=wording,
            given_at=given_at or clock.now(),
            recorded_by=actor,
        )
        _audit_consent(actor, consent, "given")
    return consent


def do_withdraw_consent(actor: User, consent: Consent, at: dt.datetime | None = None) -> Consent:
    """Withdraw consent: sharing on the basis of consent stops; other bases are unaffected."""
    _check_may_record_consent(actor, consent.resident)
    if consent.withdrawn_at is not None:
        return consent
    with transaction.atomic():
        consent.withdrawn_at, consent.withdrawn_by = at or clock.now(), actor
        consent.save(update_fields=("withdrawn_at", "withdrawn_by"))
        _audit_consent(actor, consent, "withdrawn")
    return consent


def do_break_glass(actor: User, resident: Resident, reason: str) -> BreakGlass:
    """Emergency access to a resident's records beyond the policy, for a short time.

    Flagged in the audit log; the grant waits for the data protection lead's review.
    """
    reason = reason.strip()
    _check_may_break_glass(actor, resident, reason)
    now = clock.now()
    expires = now + dt.timedelta(minutes=BREAK_GLASS_MINUTES)
    with transaction.atomic():
        grant = BreakGlass.objects.create(
            actor=actor, resident=resident, reason=reason, started_at=now, expires_at=expires
        )
        detail = {"grant": grant.pk, "expires_at": expires.isoformat(), "reason": reason}
        audit_hook.record(
            actor,
            audit_hook.BREAK_GLASS,
            subject=resident,
            purpose=reason,
            detail=detail,
            flagged=True,
        )
    return grant


def do_review_break_glass(dpo: User, grant: BreakGlass, outcome: str, note: str = "") -> BreakGlass:
    """The data protection lead's verdict on one use of break-glass."""
    _check_may_review(dpo, grant)
    if outcome not in BreakGlass.Outcome.values:
        raise NotAllowed("Choose whether the emergency access was justified.")
    with transaction.atomic():
        grant.review_status = BreakGlass.ReviewStatus.REVIEWED
        grant.reviewed_by, grant.reviewed_at = dpo, clock.now()
        grant.outcome, grant.review_note = outcome, note.strip()
        grant.save()
        detail = {"change": "break-glass reviewed", "grant": grant.pk, "outcome": outcome}
        audit_hook.record(dpo, audit_hook.UPDATE, subject=grant, detail=detail)
    return grant


def _share_decision(
    actor: User,
    to_org: Organisation,
    purpose: str,
    record_type: str,
    record_org_id: int,
    wanted: frozenset[str],
    resident: Resident | None,
) -> policy.Decision:
    if actor.organisation_id != record_org_id:
        raise ShareRefused("You can only share your own organisation's records.")
    if not wanted:
        raise ShareRefused("Choose at least one field to share.")
    now = local_now()
    _check_sharer_sees(actor, purpose, record_type, wanted, now)
    decision = policy.decide_share(
        record_org_id,
        to_org.pk,
        purpose,
        record_type,
        wanted,
        terms_between(record_org_id, to_org.pk),
        consent_state(resident),
        now,
        restrictions=restrictions_of(resident),
    )
    if not decision.allowed:
        raise ShareRefused(decision.reason)
    if decision.fields != wanted:
        left_out = ", ".join(sorted(wanted - decision.fields))
        raise ShareRefused(f"The agreement does not allow sharing: {left_out}.")
    return decision


def _check_sharer_sees(
    actor: User, purpose: str, record_type: str, wanted: frozenset[str], now: dt.datetime
) -> None:
    """You can only send what you may see yourself, for that purpose."""
    org = actor.organisation_id or 0
    own = policy.decide(actor_of(actor), purpose, record_type, org, [], None, now)
    if not own.allowed or not wanted <= own.fields:
        unseen = ", ".join(sorted(wanted - own.fields))
        raise ShareRefused(own.reason if not own.allowed else f"Your role cannot share: {unseen}.")


def _write_share(
    actor: User,
    to_org_id: int,
    decision: policy.Decision,
    purpose: str,
    record: tuple[str, int, int],
    resident: Resident | None,
) -> ShareEvent:
    record_type, record_id, owner_id = record
    if decision.agreement_id is None:  # shares happen only under an agreement
        raise ShareRefused(decision.reason)
    with transaction.atomic():
        event = ShareEvent.objects.create(
            at=clock.now(),
            actor=actor,
            from_org_id=owner_id,
            to_org_id=to_org_id,
            agreement_id=decision.agreement_id,
            purpose=purpose,
            basis=decision.basis,
            condition=decision.condition,
            record_type=record_type,
            record_id=record_id,
            resident=resident,
            fields=sorted(decision.fields),
        )
        _audit_share(actor, event, decision.review_overdue)
    return event


def pass_on_erasure(shares: Iterable[ShareEvent]) -> list[ShareEvent]:
    """Tell every recipient that what it received of these records has been erased.

    The system's erasure notices after the retention purge: one follow-up per record and
    recipient, naming every field the recipient ever received of that record.
    """
    by_record: dict[tuple[str, int], list[ShareEvent]] = {}
    for share in sorted(shares, key=lambda s: (s.at, s.pk)):
        if share.kind == ShareEvent.Kind.SHARE:
            by_record.setdefault((share.record_type, share.record_id), []).append(share)
    return [
        _follow_up(None, share, ShareEvent.Kind.ERASURE, received)
        for record_shares in by_record.values()
        for share, received in _latest_share_per_recipient(record_shares)
    ]


def _latest_share_per_recipient(
    shares: list[ShareEvent],
) -> list[tuple[ShareEvent, frozenset[str]]]:
    """(latest share, every field it ever received) for each recipient organisation."""
    latest: dict[int, ShareEvent] = {}
    received: dict[int, frozenset[str]] = {}
    for share in shares:
        latest[share.to_org_id] = share
        received[share.to_org_id] = received.get(share.to_org_id, frozenset()) | set(share.fields)
    return [(latest[org], received[org]) for org in sorted(latest)]


def _follow_up(
    actor: User | None, share: ShareEvent, kind: str, fields: frozenset[str]
) -> ShareEvent:
    event = ShareEvent.objects.create(
        at=clock.now(),
        actor=actor,
        from_org_id=share.from_org_id,
        to_org_id=share.to_org_id,
        agreement_id=share.agreement_id,
        purpose=share.purpose,
        basis=share.basis,
        condition=share.condition,
        record_type=share.record_type,
        record_id=share.record_id,
        resident_id=share.resident_id,
        fields=sorted(fields),
        kind=kind,
        follows=share,
    )
    _audit_share(actor, event, review_overdue=False)
    return event


def _audit_share(actor: User | None, event: ShareEvent, review_overdue: bool) -> None:
    subject = event.resident or (RECORD_MODELS[event.record_type], event.record_id)
    detail = {
        "share_event": event.pk,
        "kind": event.kind,
        "to_organisation": event.to_org_id,
        "agreement": event.agreement_id,
        "review_overdue": review_overdue,
    }
    audit_hook.record(
        actor,
        audit_hook.SHARE,
        subject=subject,
        purpose=event.purpose,
        basis=event.basis,
        fields=event.fields,
        detail=detail,
        flagged=review_overdue,
    )


def _audit_consent(actor: User, consent: Consent, change: str) -> None:
    action = audit_hook.CREATE if change == "given" else audit_hook.UPDATE
    detail = {"change": f"consent {change}", "consent": consent.pk, "purposes": consent.purposes}
    audit_hook.record(actor, action, subject=consent.resident, detail=detail)


def _check_may_record_consent(actor: User, resident: Resident) -> None:
    if actor.role in cat.MINIMAL_VIEW_ROLES or actor.organisation_id != resident.organisation_id:
        raise NotAllowed("Only staff of the resident's organisation can record their consent.")


def _check_may_break_glass(actor: User, resident: Resident, reason: str) -> None:
    if actor.role in cat.MINIMAL_VIEW_ROLES:
        raise NotAllowed("Emergency access is for staff. If someone is in danger, call 999.")
    if len(reason) < MIN_REASON_CHARS:
        raise BreakGlassRefused(
            f"Say why you need emergency access, in at least {MIN_REASON_CHARS} characters."
        )
    if actor.organisation_id is None:
        raise NotAllowed(policy.NO_ORGANISATION)
    if actor.organisation_id == resident.organisation_id:
        return
    between = Agreement.objects.between(actor.organisation_id, resident.organisation_id)
    if not between.in_force_on(local_now().date()).exists():
        raise NotAllowed("Your organisation has no agreement in force with this resident's.")


def _check_may_review(dpo: User, grant: BreakGlass) -> None:
    if dpo.role not in BREAK_GLASS_REVIEWERS:
        raise NotAllowed("Only a data protection lead can review emergency access.")
    if grant.actor_id == dpo.pk:
        raise NotAllowed("Someone else must review your own emergency access.")
    if not BreakGlass.objects.visible_to(dpo).filter(pk=grant.pk).exists():
        raise NotAllowed("This emergency access was not by or about your organisation.")
    if grant.review_status != BreakGlass.ReviewStatus.PENDING:
        raise NotAllowed("This emergency access has already been reviewed.")
