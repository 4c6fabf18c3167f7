"""Data protection rights: subject access export, and rectification, restriction, objection.

    export = subject_access_export(dora, resident)   # JSON-ready dict, audited as an export
    html = render_subject_access(export)             # the same, as a readable page
    raise_rights_request(alice, resident, "restriction", "Asked us to pause sharing")
    active_restrictions(resident)                    # {"restriction"}

The export holds everything about one resident and nothing about anyone else: a household
is shown by its address only, a possible match without the other person.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.db import models, transaction
from django.db.models import Q
from django.http import HttpRequest
from django.template.loader import render_to_string

from doorstep.accounts.models import User
from doorstep.audit.models import AuditEvent
from doorstep.cases.models import CaseNote, ContactAttempt, HelpRequest, Need, TriageCorrection
from doorstep.conversations.models import Conversation, Message, PossibleMatch
from doorstep.lib import clock
from doorstep.people.models import NetworkMember, Resident
from doorstep.places.models import Address
from doorstep.sharing import audit_hook
from doorstep.sharing import catalogue as cat
from doorstep.sharing.errors import NotAllowed
from doorstep.sharing.holds import active_restrictions, raise_rights_request, resolve_rights_request
from doorstep.sharing.models import OVERSIGHT_ROLES, BreakGlass, Consent, RightsRequest, ShareEvent

JSON = dict[str, Any]

EXPORT_PURPOSE = "subject access request"
EXPORT_BASIS = "UK GDPR Art. 15 right of access"
EXPORT_FORMAT = "doorstep-subject-access/1"
__all__ = [
    "active_restrictions",
    "raise_rights_request",
    "render_subject_access",
    "resolve_rights_request",
    "shares_about",
    "subject_access_export",
]


# Subject access


def shares_about(resident: Resident) -> models.QuerySet[ShareEvent]:
    """Every share event of this resident's records, whether or not it names them."""
    requests = HelpRequest.objects.filter(resident=resident).values_list("id", flat=True)
    needs = Need.objects.filter(help_request__resident=resident).values_list("id", flat=True)
    return ShareEvent.objects.filter(
        Q(resident=resident)
        | Q(record_type=cat.RESIDENT, record_id=resident.pk)
        | Q(record_type=cat.HELP_REQUEST, record_id__in=requests)
        | Q(record_type=cat.NEED, record_id__in=needs)
    )


def subject_access_export(actor: User | None, resident: Resident) -> JSON:
    """Everything held about one resident, with every share; the export itself is audited.

    `actor` None is the system (the management command run without --requested-by).
    """
    if actor is not None and (
        actor.organisation_id != resident.organisation_id or actor.role not in OVERSIGHT_ROLES
    ):
        raise NotAllowed("Only the data protection lead of the organisation can export this.")
    with transaction.atomic():
        export = _collect(resident)
        counts = {key: len(value) for key, value in export.items() if isinstance(value, list)}
        audit_hook.record(
            actor,
            "export",
            subject=resident,
            purpose=EXPORT_PURPOSE,
            basis=EXPORT_BASIS,
            fields=sorted(export),
            detail={"counts": counts, "holding_organisation": resident.organisation_id},
        )
    return export


def render_subject_access(
    export: JSON, *, request: HttpRequest | None = None, download_url: str = ""
) -> str:
    """The export as a readable HTML page (times shown as dates, everything escaped).

    Without `request` it stands alone, to give to the person; with it, it is the data
    protection lead's page, with their menu and a link to download the export as a file.
    """
    context = {
        "export": _readable(export),
        "hub_name": settings.DOORSTEP_HUB_NAME,
        "download_url": download_url,
    }
    return render_to_string("sharing/subject_access.html", context, request=request)


def _collect(resident: Resident) -> JSON:
    requests = (
        HelpRequest.objects.filter(resident=resident)
        .select_related("guide", "triage_confirmed_by")
        .prefetch_related(
            "needs", "notes__author", "contact_attempts__guide", "corrections__corrected_by"
        )
        .prefetch_related("clock_alerts")
        .order_by("opened_at", "id")
    )
    return {
        "format": EXPORT_FORMAT,
        "generated_at": _iso(clock.now()),
        "held_by": resident.organisation.name,
        "resident": _resident(resident),
        "merged_records": [_resident(m) for m in Resident.objects.filter(merged_into=resident)],
        "address": _address(resident.address),
        "household": _household(resident),
        "network": [_network_member(m) for m in resident.network.order_by("id")],
        "consents": [_consent(c) for c in resident.consents.select_related("recorded_by")],
        "messages": [_message(m) for m in _messages(resident)],
        "help_requests": [_help_request(r) for r in requests],
        "possible_matches": [_possible_match(p, resident) for p in _possible_matches(resident)],
        "rights_requests": [_rights_request(f) for f in resident.rights_requests.all()],
        "holds": [_hold(h) for h in resident.holds.select_related("placed_by", "lifted_by")],
        "break_glass": [
            _break_glass(g) for g in resident.break_glass_grants.select_related("actor")
        ],
        "shares": [_share(s) for s in _shares(resident)],
        "audit": [_audit(e) for e in _audit_entries(resident)],
    }


def _iso(moment: dt.datetime | None) -> str | None:
    return moment.isoformat() if moment is not None else None


def _who(user: User | None) -> str:
    return user.display_name if user is not None else ""


def _resident(r: Resident) -> JSON:
    return {
        "id": r.pk,
        "first_name": r.first_name,
        "last_name": r.last_name,
        "year_of_birth": r.year_of_birth,
        "phone": r.phone,
        "email": r.email,
        "language": r.language_name,
        "preferred_channel": r.get_preferred_channel_display(),
        "preferred_times": r.preferred_times,
        "safe_to_text": r.safe_to_text,
        "accessibility_needs": r.accessibility_needs,
        "diets": list(r.diets),
        "local_guide": _who(r.guide),
        "created_at": _iso(r.created_at),
    }


def _address(address: Address | None) -> JSON | None:
    if address is None:
        return None
    return {"text": str(address), "uprn": address.uprn, "postcode": address.postcode}


def _household(r: Resident) -> JSON | None:
    """The household by its address only: the other members are other people's data."""
    if r.household is None:
        return None
    return {"id": r.household.pk, "address": str(r.household.address)}


def _network_member(m: Any) -> JSON:
    return {
        "name": m.name,
        "relationship": m.get_relationship_display(),
        "phone": m.phone,
        "helps_with": list(m.helps_with),
        "notes": m.notes,
    }


def _consent(c: Any) -> JSON:
    return {
        "purposes": [cat.PURPOSES.get(p, p) for p in c.purposes],
        "method": c.get_method_display(),
        "wording": c.wording,
        "given_at": _iso(c.given_at),
        "recorded_by": _who(c.recorded_by),
        "withdrawn_at": _iso(c.withdrawn_at),
    }


def _messages(resident: Resident) -> models.QuerySet[Message]:
    conversation = Conversation.objects.filter(resident=resident).first()
    if conversation is None:
        return Message.objects.none()
    return conversation.messages.select_related("author").order_by("received_at", "id")


def _message(m: Message) -> JSON:
    return {
        "direction": m.get_direction_display(),
        "channel": m.channel,
        "body": m.body,
        "received_at": _iso(m.received_at),
        "sent_at": _iso(m.sent_at),
        "to": m.to,
        "language": m.language,
        "sent_by": _who(m.author),
        "sender_details": dict(m.sender),
        "referrer": dict(m.referrer),
    }


def _help_request(r: HelpRequest) -> JSON:
    return {
        "id": r.pk,
        "status": r.get_status_display(),
        "urgency": r.get_urgency_display(),
        "safeguarding": r.safeguarding,
        "risk_to_life": r.risk_to_life,
        "opened_at": _iso(r.opened_at),
        "first_contact_due": _iso(r.first_contact_due),
        "first_contact_at": _iso(r.first_contact_at),
        "closed_at": _iso(r.closed_at),
        "local_guide": _who(r.guide),
        "why_this_guide": r.guide_reason,
        "triage_reasons": list(r.triage_reasons),
        "triage_confirmed_by": _who(r.triage_confirmed_by),
        "needs": [_need(n) for n in r.needs.all()],
        "notes": [_note(n) for n in r.notes.all()],
        "contact_attempts": [_attempt(a) for a in r.contact_attempts.all()],
        "triage_corrections": [_correction(c) for c in r.corrections.all()],
        "clock_alerts": [
            {"kind": a.get_kind_display(), "at": _iso(a.created_at)} for a in r.clock_alerts.all()
        ],
    }


def _need(n: Any) -> JSON:
    return {
        "need": n.get_code_display(),
        "status": n.get_status_display(),
        "outcome": n.outcome,
        "met_by": n.met_by,
        "closed_at": _iso(n.closed_at),
    }


def _note(n: Any) -> JSON:
    return {
        "kind": n.get_kind_display(),
        "body": n.body,
        "author": _who(n.author),
        "created_at": _iso(n.created_at),
    }


def _attempt(a: Any) -> JSON:
    return {
        "method": a.get_method_display(),
        "reached": a.reached,
        "note": a.note,
        "by": _who(a.guide),
        "at": _iso(a.at),
    }


def _correction(c: Any) -> JSON:
    return {
        "before": c.before,
        "after": c.after,
        "by": _who(c.corrected_by),
        "at": _iso(c.created_at),
    }


def _possible_matches(resident: Resident) -> models.QuerySet[PossibleMatch]:
    either = Q(new_resident=resident) | Q(known_resident=resident)
    return PossibleMatch.objects.filter(either).select_related("decided_by").order_by("id")


def _possible_match(p: PossibleMatch, resident: Resident) -> JSON:
    """Whether two records might be the same person; the other record is not shown."""
    return {
        "this_record_is": "the newer record" if p.new_resident_id == resident.pk else "the older",
        "why": list(p.reasons),
        "score": p.score,
        "decision": p.get_status_display(),
        "decided_by": _who(p.decided_by),
        "decided_at": _iso(p.decided_at),
        "created_at": _iso(p.created_at),
    }


def _rights_request(f: RightsRequest) -> JSON:
    return {
        "kind": f.get_kind_display(),
        "purposes": [cat.PURPOSES.get(p, p) for p in f.purposes],
        "note": f.note,
        "raised_at": _iso(f.raised_at),
        "raised_by": _who(f.raised_by),
        "resolved_at": _iso(f.resolved_at),
        "resolution": f.resolution,
    }


def _hold(h: Any) -> JSON:
    return {
        "kind": h.get_kind_display(),
        "reason": h.reason,
        "placed_by": _who(h.placed_by),
        "placed_at": _iso(h.placed_at),
        "lifted_at": _iso(h.lifted_at),
    }


def _break_glass(g: Any) -> JSON:
    return {
        "by": _who(g.actor),
        "reason": g.reason,
        "started_at": _iso(g.started_at),
        "expires_at": _iso(g.expires_at),
        "review": g.get_review_status_display(),
        "outcome": g.get_outcome_display() if g.outcome else "",
    }


def _shares(resident: Resident) -> models.QuerySet[ShareEvent]:
    related = ("actor", "from_org", "to_org", "agreement")
    return shares_about(resident).select_related(*related).order_by("at", "id")


def _share(s: ShareEvent) -> JSON:
    labels = cat.FIELD_CATALOGUE.get(s.record_type, {})
    return {
        "at": _iso(s.at),
        "kind": s.get_kind_display(),
        "from": s.from_org.name,
        "to": s.to_org.name,
        "by": _who(s.actor),
        "purpose": s.purpose,
        "why": cat.PURPOSES.get(s.purpose, s.purpose),
        "basis": cat.LAWFUL_BASES.get(s.basis, s.basis),
        "condition": cat.SPECIAL_CATEGORY_CONDITIONS.get(s.condition, s.condition),
        "record": cat.RECORD_LABELS.get(s.record_type, s.record_type),
        "record_id": s.record_id,
        "fields": list(s.fields),
        "field_labels": [labels[f].label if f in labels else f for f in s.fields],
        "agreement": {"id": s.agreement_id, "title": s.agreement.title},
    }


def _subject_records(resident: Resident) -> list[models.QuerySet[Any]]:
    """The resident's records that audit entries may name as their subject."""
    of_requests = {"help_request__resident": resident}
    return [
        Resident.objects.filter(Q(pk=resident.pk) | Q(merged_into=resident)),
        NetworkMember.objects.filter(resident=resident),
        HelpRequest.objects.filter(resident=resident),
        Need.objects.filter(**of_requests),
        CaseNote.objects.filter(**of_requests),
        ContactAttempt.objects.filter(**of_requests),
        TriageCorrection.objects.filter(**of_requests),
        Conversation.objects.filter(resident=resident),
        _messages(resident),
        Consent.objects.filter(resident=resident),
        BreakGlass.objects.filter(resident=resident),
    ]


def _audit_subjects(resident: Resident) -> Q:
    query = Q(pk__in=[])
    for records in _subject_records(resident):
        ids = [str(pk) for pk in records.values_list("id", flat=True)]
        query |= Q(subject_type=records.model._meta.label, subject_id__in=ids)
    return query


def _audit_entries(resident: Resident) -> list[AuditEvent]:
    """Entries about the resident's records, and list-page reads that named them."""
    own = AuditEvent.objects.filter(_audit_subjects(resident))
    return sorted([*own, *_list_reads_naming(resident)], key=lambda e: e.sequence)


def _list_reads_naming(resident: Resident) -> list[AuditEvent]:
    """Reads of a list page that showed this resident among others (named in the detail).

    Read in Python: SQLite cannot search inside JSON lists. Only page reads (about no
    single subject) are looked at.
    """
    pages = AuditEvent.objects.filter(
        action=AuditEvent.Action.READ,
        subject_id="",
        detail__has_key="residents",
    )
    return [e for e in pages.iterator() if resident.pk in e.detail.get("residents", [])]


def _audit(e: AuditEvent) -> JSON:
    return {
        "at": _iso(e.at),
        "action": e.get_action_display(),
        "by": e.actor_name or "the system",
        "organisation": e.organisation_name,
        "record": _audit_record(e),
        "purpose": e.purpose,
        "basis": e.basis,
        "fields": list(e.fields),
    }


def _audit_record(e: AuditEvent) -> str:
    """What was touched: one record, or a list page that showed several people."""
    if e.subject_id:
        return f"{e.subject_type} {e.subject_id}"
    page = e.detail.get("page") if isinstance(e.detail, dict) else None
    return f"a list of several people ({page})" if page else "a list of several people"


def _readable(value: Any, key: str = "") -> Any:
    """A copy with ISO times turned back into datetimes, for the template's date filter."""
    if isinstance(value, dict):
        return {k: _readable(v, k) for k, v in value.items()}
    if isinstance(value, list):
        return [_readable(v, key) for v in value]
    if isinstance(value, str) and (key == "at" or key.endswith(("_at", "_due"))):
        return dt.datetime.fromisoformat(value)
    return value
