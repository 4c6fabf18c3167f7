"""Writes with side effects on help requests. Views and commands call these, never .save()."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.db import transaction
from django.db.models import Count, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce

from doorstep.accounts.models import Role, User
from doorstep.audit.actions import record_event
from doorstep.cases import clocks
from doorstep.cases.guide_choice import GuideCandidate, GuideChoice, choose_guide
from doorstep.cases.models import (
    CaseNote,
    ClockAlert,
    ContactAttempt,
    HelpRequest,
    Need,
    TriageCorrection,
)
from doorstep.cases.triage_service import higher_urgency
from doorstep.lib import clock
from doorstep.people.models import Resident

if TYPE_CHECKING:
    from doorstep.conversations.models import Message
    from doorstep.triage import TriageResult


class NotAllowed(PermissionError):
    """The actor may not do this; the text says why."""


def do_open_or_update_request(message: Message, result: TriageResult) -> HelpRequest:
    """Attach a triaged message to the resident's open request, or open a new one."""
    resident = message.conversation.resident  # type: ignore[union-attr]
    existing = HelpRequest.objects.filter(resident=resident).open().order_by("-opened_at").first()
    if existing is not None:
        return _add_triage(existing, result)
    return _open_request(resident, message.received_at, result)


def _open_request(resident: Resident, at: dt.datetime, result: TriageResult) -> HelpRequest:
    request = HelpRequest.objects.create(
        organisation_id=resident.organisation_id,
        resident=resident,
        urgency=result.urgency,
        safeguarding=result.safeguarding,
        risk_to_life=result.risk_to_life,
        language=resident.language or result.language,
        triage_reasons=list(result.reasons),
        triage_model_version=result.model_version,
        opened_at=at,
        first_contact_due=clocks.due_at(at, result.urgency),
    )
    _save_needs(request, result.needs)
    _assign_guide(request, choose_guide_for(request))
    record_event(
        None,
        "create",
        subject=request,
        organisation=resident.organisation,
        detail={"urgency": request.urgency, "guide_reason": request.guide_reason},
    )
    return request


def _add_triage(request: HelpRequest, result: TriageResult) -> HelpRequest:
    """A later message can add needs and raise urgency, never lower it."""
    request.urgency = higher_urgency(request.urgency, result.urgency)
    request.safeguarding = request.safeguarding or result.safeguarding
    request.risk_to_life = request.risk_to_life or result.risk_to_life
    request.triage_reasons = [*request.triage_reasons, *result.reasons]
    request.first_contact_due = clocks.due_at(request.opened_at, request.urgency)
    request.save()
    _save_needs(request, result.needs)
    return request


def _save_needs(request: HelpRequest, needs: dict[str, float]) -> None:
    known = set(request.needs.values_list("code", flat=True))
    fresh = {code: conf for code, conf in needs.items() if code not in known}
    if known - {"other"} and set(fresh) == {"other"}:
        return
    Need.objects.bulk_create(
        Need(help_request=request, code=code, confidence=conf) for code, conf in fresh.items()
    )


def open_case_count() -> Coalesce:
    """Each guide's open requests, counted through the (guide, status) index."""
    open_requests = (
        HelpRequest.objects.filter(guide=OuterRef("pk"))
        .exclude(status=HelpRequest.Status.CLOSED)
        .order_by()
        .values("guide")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(open_requests), 0)


def guide_candidates(organisation_id: int) -> list[GuideCandidate]:
    guides = (
        User.objects.filter(organisation_id=organisation_id, role=Role.LOCAL_GUIDE)
        .annotate(open_cases=open_case_count())
        .prefetch_related("neighbourhoods")
    )
    return [
        GuideCandidate(
            guide_id=g.pk,
            name=g.display_name,
            neighbourhood_ids=frozenset(n.pk for n in g.neighbourhoods.all()),
            languages=frozenset(g.languages),
            open_cases=g.open_cases,
            caseload_cap=g.caseload_cap,
            active=g.is_active,
        )
        for g in guides
    ]


def choose_guide_for(request: HelpRequest) -> GuideChoice:
    resident = request.resident
    address = resident.address
    return choose_guide(
        guide_candidates(request.organisation_id),
        neighbourhood_id=address.neighbourhood_id if address else None,
        language=request.language or resident.language,
        existing_guide_id=resident.guide_id,
    )


def _assign_guide(request: HelpRequest, choice: GuideChoice) -> None:
    request.guide_id = choice.guide_id
    request.guide_reason = choice.reason
    request.save(update_fields=["guide", "guide_reason"])
    if choice.guide_id is not None:
        Resident.objects.filter(pk=request.resident_id).update(guide_id=choice.guide_id)


@transaction.atomic
def do_assign_guide(actor: User, requests: Iterable[HelpRequest], guide: User) -> int:
    """A coordinator (re)assigns one or many requests to a guide of their organisation."""
    _require_coordinator(actor)
    if guide.organisation_id != actor.org_id or guide.role != Role.LOCAL_GUIDE:
        raise NotAllowed("Choose a Local Guide from your own organisation")
    count = 0
    for request in requests:
        _assign_guide(request, GuideChoice(guide.pk, f"Assigned by {actor.display_name}"))
        record_event(
            actor, "update", subject=request, fields=["guide"], detail={"guide_id": guide.pk}
        )
        count += 1
    return count


@transaction.atomic
def do_confirm_triage(actor: User, request: HelpRequest) -> None:
    request.triage_confirmed_by = actor
    request.triage_confirmed_at = clock.now()
    request.save(update_fields=["triage_confirmed_by", "triage_confirmed_at"])


@transaction.atomic
def do_correct_triage(
    actor: User,
    request: HelpRequest,
    *,
    needs: list[str],
    urgency: str,
    safeguarding: bool,
    language: str,
) -> TriageCorrection:
    """Apply a guide's correction and keep it, with the message, as training data."""
    before = _snapshot(request)
    Need.objects.filter(help_request=request, status=Need.Status.OPEN).exclude(
        code__in=needs
    ).delete()
    _save_needs(request, dict.fromkeys(needs, 1.0))
    request.urgency, request.safeguarding, request.language = urgency, safeguarding, language
    request.first_contact_due = clocks.due_at(request.opened_at, urgency)
    request.triage_confirmed_by, request.triage_confirmed_at = actor, clock.now()
    request.save()
    first_message = request.resident.conversation.messages.filter(direction="in").first()
    record_event(
        actor, "update", subject=request, fields=["needs", "urgency", "safeguarding", "language"]
    )
    return TriageCorrection.objects.create(
        help_request=request,
        message=first_message,
        corrected_by=actor,
        before=before,
        after=_snapshot(request),
        created_at=clock.now(),
    )


def _snapshot(request: HelpRequest) -> dict[str, object]:
    return {
        "needs": sorted(request.needs.values_list("code", flat=True)),
        "urgency": request.urgency,
        "safeguarding": request.safeguarding,
        "language": request.language,
    }


@transaction.atomic
def do_record_contact(
    actor: User, request: HelpRequest, *, method: str, reached: bool, note: str = ""
) -> ContactAttempt:
    """Record a try at contact; a real conversation stops the clock."""
    now = clock.now()
    attempt = ContactAttempt.objects.create(
        help_request=request, guide=actor, method=method, reached=reached, note=note, at=now
    )
    if reached and request.first_contact_at is None:
        request.first_contact_at = now
        request.status = HelpRequest.Status.IN_CONTACT
        request.save(update_fields=["first_contact_at", "status"])
    record_event(actor, "create", subject=attempt, detail={"reached": reached})
    return attempt


@transaction.atomic
def do_add_note(actor: User, request: HelpRequest, *, kind: str, body: str) -> CaseNote:
    note = CaseNote.objects.create(
        help_request=request, author=actor, kind=kind, body=body.strip(), created_at=clock.now()
    )
    record_event(actor, "create", subject=note, detail={"kind": kind})
    return note


@transaction.atomic
def do_set_diets(actor: User, resident: Resident, diets: Iterable[str]) -> Resident:
    """What food the resident can eat (halal, kosher...): special-category data, audited."""
    resident.diets = sorted(set(diets))
    resident.save(update_fields=["diets"])
    record_event(actor, "update", subject=resident, fields=["diets"])
    return resident


@transaction.atomic
def do_record_need_outcome(
    actor: User, need: Need, *, status: str, outcome: str, met_by: str = "", met_tier: str = ""
) -> Need:
    """Close one need; when every need is closed the request closes too.

    ``met_tier`` says which circle met it (own network, community, VCSE, statutory).
    """
    need.status, need.outcome, need.met_by = status, outcome.strip(), met_by.strip()
    need.met_tier = met_tier if status == Need.Status.MET else ""
    need.closed_at = None if status == Need.Status.OPEN else clock.now()
    need.save()
    fields = ["status", "outcome", "met_by", "met_tier"]
    record_event(actor, "update", subject=need, fields=fields)
    request = need.help_request
    if not request.needs.filter(status=Need.Status.OPEN).exists():
        request.status, request.closed_at = HelpRequest.Status.CLOSED, clock.now()
        request.save(update_fields=["status", "closed_at"])
    return need


def do_check_clocks(at: dt.datetime | None = None) -> dict[str, int]:
    """Raise alerts for clocks nearing a breach and record breaches. Safe to run often."""
    at = at or clock.now()
    counts = {"nearing": 0, "breached": 0}
    for request in HelpRequest.objects.clock_running().filter(
        Q(nearing_alerted_at__isnull=True) | Q(breached_at__isnull=True)
    ):
        kind = _check_one_clock(request, at)
        if kind:
            counts[kind] += 1
    return counts


def _check_one_clock(request: HelpRequest, at: dt.datetime) -> str:
    state = request.clock_state(at)
    if state == clocks.ClockState.BREACHED and request.breached_at is None:
        return _alert(request, ClockAlert.Kind.BREACHED, at)
    if state == clocks.ClockState.NEARING and request.nearing_alerted_at is None:
        return _alert(request, ClockAlert.Kind.NEARING, at)
    return ""


@transaction.atomic
def _alert(request: HelpRequest, kind: str, at: dt.datetime) -> str:
    """Record the alert once; a breach also counts as the nearing alert it overtook."""
    request.nearing_alerted_at = request.nearing_alerted_at or at
    if kind == ClockAlert.Kind.BREACHED:
        request.breached_at = at
    request.save(update_fields=["nearing_alerted_at", "breached_at"])
    ClockAlert.objects.get_or_create(help_request=request, kind=kind, defaults={"created_at": at})
    return str(kind)


def _require_coordinator(actor: User) -> None:
    if not actor.coordinates:
        raise NotAllowed("Only a coordinator can assign requests to guides")
