"""Writes with side effects: assigning help, a group's answer, the outcome.

Each action checks what it may do, writes its rows and its audit entry in one
transaction, and keeps the offer's load in step (a live assignment holds one place).
A refusal raises ``AssignmentRefused`` with a message the person can act on.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.db.models import Case, F, Q, Value, When
from django.utils import timezone

from doorstep.accounts.models import Role, User
from doorstep.assignments.models import Assignment
from doorstep.audit.actions import record_event
from doorstep.cases.actions import do_record_need_outcome
from doorstep.cases.models import Need
from doorstep.lib import clock
from doorstep.matching import Proposal, service
from doorstep.offers.models import Helper, Offer, week_of
from doorstep.people.models import NetworkMember
from doorstep.sharing import catalogue as cat
from doorstep.sharing.actions import do_share
from doorstep.sharing.errors import SharingError

MIN_DECLINE_REASON = 5
GROUP_SEES = {cat.RESIDENT: ("first_name",), cat.NEED: ("code", "description")}


class AssignmentRefused(Exception):
    """The message is plain English and safe to show the person who tried."""


@dataclass(frozen=True)
class BatchOutcome:
    assigned: list[Assignment]
    refused: list[tuple[Need, str]]


def do_assign_help(
    actor: User, need: Need, offer_key: str, *, source: str = Assignment.Source.GUIDE
) -> Assignment:
    """Confirm one proposal for a need; it is checked again against the engine first."""
    proposal = service.find_proposal(need, offer_key)
    if proposal is None:
        raise AssignmentRefused(
            "That helper cannot take this on now (they may be full or no longer fit). "
            "Choose again from the list."
        )
    return _assign(actor, need, proposal, source)


def do_assign_batch(actor: User, pairs: Iterable[tuple[Need, str]]) -> BatchOutcome:
    """Confirm a reviewed batch; each pair is checked again, and each refusal is reported."""
    assigned: list[Assignment] = []
    refused: list[tuple[Need, str]] = []
    for need, offer_key in pairs:
        try:
            assigned.append(do_assign_help(actor, need, offer_key, source=Assignment.Source.BATCH))
        except AssignmentRefused as exc:
            refused.append((need, str(exc)))
    return BatchOutcome(assigned, refused)


def do_accept(leader: User, assignment: Assignment) -> Assignment:
    _check_leader(leader, assignment, Assignment.Status.WAITING, "accept")
    return _decide(leader, assignment, Assignment.Status.ACCEPTED)


def do_decline(leader: User, assignment: Assignment, reason: str) -> Assignment:
    """Say no, with a reason the guide reads; the place is given back and the need reopens."""
    _check_leader(leader, assignment, Assignment.Status.WAITING, "decline")
    reason = reason.strip()
    if len(reason) < MIN_DECLINE_REASON:
        raise AssignmentRefused("Say why you cannot take this on, so the guide can find help.")
    with transaction.atomic():
        assignment.decline_reason = reason
        _decide(leader, assignment, Assignment.Status.DECLINED)
        _release(assignment)
    return assignment


def do_give_to_volunteer(leader: User, assignment: Assignment, volunteer: User) -> Assignment:
    """Hand an assignment to one of the group's own volunteers (accepting it if need be)."""
    if volunteer.role != Role.VOLUNTEER or volunteer.organisation_id != leader.organisation_id:
        raise AssignmentRefused("Choose one of your group's own volunteers.")
    if assignment.status == Assignment.Status.WAITING:
        do_accept(leader, assignment)
    _check_leader(leader, assignment, Assignment.Status.ACCEPTED, "hand on")
    assignment.volunteer = volunteer
    assignment.save(update_fields=["volunteer"])
    record_event(
        leader, "update", subject=assignment, fields=["volunteer"], detail={"to": volunteer.pk}
    )
    return assignment


def do_report_outcome(actor: User, assignment: Assignment, outcome: str, note: str) -> Assignment:
    """The helper's report: met closes the need in its tier; not met goes back to the guide."""
    if not may_report(actor, assignment):
        raise AssignmentRefused("Only the group or volunteer doing this can report on it.")
    if assignment.status != Assignment.Status.ACCEPTED:
        raise AssignmentRefused("Only an accepted task can be reported on.")
    if outcome not in Assignment.Outcome.values:
        raise AssignmentRefused("Say whether the need was met.")
    with transaction.atomic():
        assignment.outcome, assignment.outcome_note = outcome, note.strip()
        assignment.status, assignment.reported_by = Assignment.Status.DONE, actor
        assignment.reported_at = clock.now()
        assignment.save()
        _release(assignment, done=True)
        record_event(actor, "update", subject=assignment, fields=["status", "outcome"])
        if outcome == Assignment.Outcome.MET:
            _close_need(actor, assignment)
    return assignment


def do_cancel(actor: User, assignment: Assignment) -> Assignment:
    """A guide takes a live assignment back (the resident no longer needs it, say)."""
    if not assignment.is_live:
        raise AssignmentRefused("This assignment is already finished.")
    with transaction.atomic():
        assignment.status = Assignment.Status.CANCELLED
        assignment.save(update_fields=["status"])
        _release(assignment)
        record_event(actor, "update", subject=assignment, fields=["status"])
    return assignment


def may_report(user: User, assignment: Assignment) -> bool:
    if user.role == Role.COMMUNITY_LEADER:
        return assignment.group_id == user.org_id
    if user.role == Role.VOLUNTEER:
        return assignment.volunteer_id == user.pk
    return user.does_casework and assignment.organisation_id == user.org_id


def _assign(actor: User, need: Need, proposal: Proposal, source: str) -> Assignment:
    request = need.help_request
    if request.organisation_id != actor.org_id:
        raise AssignmentRefused("You can only assign help for your own hub's residents.")
    if need.status != Need.Status.OPEN:
        raise AssignmentRefused(f"The {need.get_code_display().lower()} need is already closed.")
    helper, member = _helper_of(proposal)
    group = helper.group if helper and helper.group_id != request.organisation_id else None
    try:
        with transaction.atomic():
            offer = _take_place(proposal)
            assignment = Assignment.objects.create(
                organisation_id=request.organisation_id,
                need=need,
                tier=proposal.tier,
                offer=offer,
                helper=helper,
                network_member=member,
                helper_name=helper.name if helper else (member.name if member else ""),
                group=group,
                score=proposal.score,
                reasons=list(proposal.reasons),
                source=source,
                status=Assignment.Status.WAITING if group else Assignment.Status.ACCEPTED,
                assigned_by=actor,
                assigned_at=clock.now(),
            )
            if group is not None:
                _share_with_group(actor, assignment)
            record_event(actor, "create", subject=assignment, detail={"tier": proposal.tier})
    except IntegrityError as exc:
        raise AssignmentRefused(
            f"The {need.get_code_display().lower()} need already has a helper: "
            "cancel that first to choose another."
        ) from exc
    return assignment


def _helper_of(proposal: Proposal) -> tuple[Helper | None, NetworkMember | None]:
    key = str(proposal.helper_id)
    if key.startswith("network-"):
        return None, NetworkMember.objects.get(pk=int(key.removeprefix("network-")))
    return Helper.objects.select_related("group").get(pk=int(key)), None


def _take_place(proposal: Proposal) -> Offer | None:
    """One place of the offer's capacity, refused when someone took the last one first.

    One guarded UPDATE, so two guides can never both take the last place. A weekly load
    from an earlier week starts again from nothing.
    """
    if not isinstance(proposal.offer_id, int):
        return None
    monday = week_of(timezone.localdate(clock.now()))
    new_week = (
        Q(capacity_period=Offer.Period.WEEK) & Q(load_week__isnull=False) & ~Q(load_week=monday)
    )
    taken = (
        Offer.objects.filter(pk=proposal.offer_id)
        .filter(new_week | Q(current_load__lt=F("capacity_per_week")))
        .update(
            current_load=Case(When(new_week, then=Value(1)), default=F("current_load") + 1),
            load_week=monday,
        )
    )
    if not taken:
        raise AssignmentRefused("That helper has just become full. Choose again.")
    return Offer.objects.get(pk=proposal.offer_id)


def _release(assignment: Assignment, *, done: bool = False) -> None:
    """Give the place back: always for "at once"; for "a week", only if the task did not
    happen (declined or taken back) and its place was counted in this week's load."""
    if assignment.offer_id is None:
        return
    offers = Offer.objects.filter(pk=assignment.offer_id, current_load__gt=0)
    at_once = Q(capacity_period=Offer.Period.AT_ONCE)
    this_week = Q(load_week=week_of(timezone.localdate(assignment.assigned_at)))
    offers.filter(at_once if done else at_once | this_week).update(
        current_load=F("current_load") - 1
    )


def _share_with_group(actor: User, assignment: Assignment) -> None:
    """The group learns the first name and the task, under an agreement in force."""
    group = assignment.group
    if group is None:
        return
    need = assignment.need
    resident = need.help_request.resident
    records = {cat.RESIDENT: resident.pk, cat.NEED: need.pk}
    try:
        for record_type, fields in GROUP_SEES.items():
            do_share(
                actor,
                to_org=group,
                purpose="task",
                record_type=record_type,
                record_id=records[record_type],
                record_org_id=assignment.organisation_id,
                fields=fields,
                resident=resident,
            )
    except SharingError as exc:
        raise AssignmentRefused(f"{group.name} cannot be sent this: {exc}") from exc


def _decide(leader: User, assignment: Assignment, status: str) -> Assignment:
    assignment.status, assignment.decided_by = status, leader
    assignment.decided_at = clock.now()
    assignment.save()
    record_event(leader, "update", subject=assignment, fields=["status"], detail={"to": status})
    return assignment


def _check_leader(leader: User, assignment: Assignment, status: str, doing: str) -> None:
    if leader.role != Role.COMMUNITY_LEADER or assignment.group_id != leader.org_id:
        raise AssignmentRefused(f"Only a leader of the group can {doing} this.")
    if assignment.status != status:
        raise AssignmentRefused(
            f"This is {assignment.get_status_display().lower()}, so you cannot {doing} it."
        )


def _close_need(actor: User, assignment: Assignment) -> None:
    need = assignment.need
    if need.status == Need.Status.OPEN:
        do_record_need_outcome(
            actor,
            need,
            status=Need.Status.MET,
            outcome=assignment.outcome_note,
            met_by=assignment.helper_name,
            met_tier=assignment.tier,
        )
