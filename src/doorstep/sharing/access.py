"""Reads of personal data: the one place that asks the policy and projects the record.

    values = project_resident(request.user, "casework", resident)

Objects of other organisations give 404 (`get_*_for_user`); reads of special-category
and safeguarding fields are written to the audit log with their purpose; a read across
organisations under an agreement is recorded as a share.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.db.models import Q
from django.shortcuts import get_object_or_404

from doorstep.accounts.models import User
from doorstep.cases.models import HelpRequest, Need
from doorstep.people.models import Resident
from doorstep.sharing import audit_hook, policy, records
from doorstep.sharing import catalogue as cat
from doorstep.sharing.actions import do_record_read_share
from doorstep.sharing.adapters import (
    actor_of,
    consent_state,
    local_now,
    restrictions_of,
    terms_between,
)
from doorstep.sharing.models import (
    Agreement,
    AgreementParty,
    BreakGlass,
    Consent,
    Hold,
    RightsRequest,
    ShareEvent,
)

Fields = Iterable[str] | None


def decision_for(
    user: User,
    purpose: str,
    record_type: str,
    record_org_id: int,
    resident: Resident | None = None,
    task_fields: Fields = None,
    requested: Fields = None,
) -> policy.Decision:
    """What `user` may see of one record for `purpose`; a live break-glass grant widens it."""
    agreements = terms_between(user.organisation_id, record_org_id)
    needs_consent = any(terms.requires_consent for terms in agreements)
    decision = policy.decide(
        actor_of(user),
        purpose,
        record_type,
        record_org_id,
        agreements,
        consent_state(resident) if needs_consent else None,
        local_now(),
        requested=requested,
        task_fields=task_fields,
        restrictions=restrictions_of(resident),
    )
    if resident is None or _complete(decision, record_type, requested):
        return decision
    grant = live_grant(user, resident)
    if grant is None:
        return decision
    return _emergency(user, grant, purpose, record_type, requested)


def project_for(
    user: User,
    purpose: str,
    record_type: str,
    record: Mapping[str, Any],
    *,
    record_id: int,
    record_org_id: int,
    resident: Resident | None = None,
    task_fields: Fields = None,
) -> dict[str, Any]:
    """Only what `user` may see of an already-built record dict; {} when refused."""
    decision = decision_for(
        user, purpose, record_type, record_org_id, resident, task_fields, requested=record
    )
    values = policy.project(record, decision)
    _after_read(user, purpose, (record_type, record_id, record_org_id), resident, decision)
    return values


def project_resident(
    user: User, purpose: str, resident: Resident, *, task_fields: Fields = None
) -> dict[str, Any]:
    decision = decision_for(
        user, purpose, cat.RESIDENT, resident.organisation_id, resident, task_fields
    )
    values = records.resident_values(resident, decision.fields)
    record = (cat.RESIDENT, resident.pk, resident.organisation_id)
    _after_read(user, purpose, record, resident, decision)
    return values


def project_help_request(user: User, purpose: str, request: HelpRequest) -> dict[str, Any]:
    resident = request.resident
    decision = decision_for(user, purpose, cat.HELP_REQUEST, request.organisation_id, resident)
    values = records.help_request_values(request, decision.fields)
    record = (cat.HELP_REQUEST, request.pk, request.organisation_id)
    _after_read(user, purpose, record, resident, decision)
    return values


def project_need(
    user: User, purpose: str, need: Need, *, task_fields: Fields = None
) -> dict[str, Any]:
    request = need.help_request
    decision = decision_for(
        user, purpose, cat.NEED, request.organisation_id, request.resident, task_fields
    )
    values = records.need_values(need, decision.fields)
    record = (cat.NEED, need.pk, request.organisation_id)
    _after_read(user, purpose, record, request.resident, decision)
    return values


def live_grant(user: User, resident: Resident) -> BreakGlass | None:
    grants = BreakGlass.objects.filter(actor=user, resident=resident)
    return grants.unexpired_at(local_now()).order_by("-expires_at").first()


def get_agreement_for_user(user: User, pk: int) -> Agreement:
    return get_object_or_404(Agreement.objects.visible_to(user), pk=pk)


def get_consent_for_user(user: User, pk: int) -> Consent:
    return get_object_or_404(Consent.objects.visible_to(user).select_related("resident"), pk=pk)


def get_share_event_for_user(user: User, pk: int) -> ShareEvent:
    return get_object_or_404(ShareEvent.objects.visible_to(user), pk=pk)


def get_break_glass_for_user(user: User, pk: int) -> BreakGlass:
    return get_object_or_404(BreakGlass.objects.visible_to(user), pk=pk)


def get_resident_for_user(user: User, pk: int) -> Resident:
    return get_object_or_404(Resident.objects.visible_to(user), pk=pk)


def get_resident_for_break_glass(user: User, pk: int) -> Resident:
    """A resident of the user's organisation or of one it has an agreement in force with."""
    in_force = Agreement.objects.visible_to(user).in_force_on(local_now().date())
    partners = AgreementParty.objects.filter(agreement__in=in_force).values("organisation_id")
    residents = Resident.objects.filter(merged_into__isnull=True).filter(
        Q(organisation_id=user.org_id) | Q(organisation_id__in=partners)
    )
    return get_object_or_404(residents, pk=pk)


def get_rights_request_for_user(user: User, pk: int) -> RightsRequest:
    flags = RightsRequest.objects.visible_to(user).select_related("resident")
    return get_object_or_404(flags, pk=pk)


def get_hold_for_user(user: User, pk: int) -> Hold:
    return get_object_or_404(Hold.objects.visible_to(user).select_related("resident"), pk=pk)


def _complete(decision: policy.Decision, record_type: str, requested: Fields) -> bool:
    everything = cat.all_fields(record_type)
    wanted = everything if requested is None else everything & frozenset(requested)
    return decision.allowed and decision.fields == wanted


def _emergency(
    user: User, grant: BreakGlass, purpose: str, record_type: str, requested: Fields
) -> policy.Decision:
    reason = f"Emergency access until {grant.expires_at:%H:%M}: {grant.reason}"
    decision = policy.emergency_access(record_type, requested, reason)
    detail = {"grant": grant.pk, "record_type": record_type, "reason": grant.reason}
    audit_hook.record(
        user,
        audit_hook.BREAK_GLASS,
        subject=grant.resident,
        purpose=purpose,
        basis=policy.BREAK_GLASS,
        fields=decision.fields,
        detail=detail,
        flagged=True,
    )
    return decision


def _after_read(
    user: User,
    purpose: str,
    record: tuple[str, int, int],
    resident: Resident | None,
    decision: policy.Decision,
) -> None:
    """Log sensitive reads (break-glass reads were logged when granted); note shares."""
    if not decision.allowed or decision.basis == policy.BREAK_GLASS:
        return
    record_type, record_id, _owner = record
    sensitive = cat.sensitive_fields(record_type, decision.fields)
    if sensitive:
        subject = resident or (records.RECORD_MODELS[record_type], record_id)
        audit_hook.record(
            user,
            audit_hook.READ,
            subject=subject,
            purpose=purpose,
            basis=decision.basis,
            fields=decision.fields,
        )
    do_record_read_share(user, decision, purpose, record, resident)
