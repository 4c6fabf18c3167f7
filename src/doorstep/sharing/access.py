"""Reads of personal data: the one place that asks the policy and projects the record.

    values = project_resident(request.user, "casework", resident)
    rows = project_rows(request.user, "casework", residents, ("first_name", "last_name"))

Objects of other organisations give 404 (`get_*_for_user`); reads of special-category
and safeguarding fields are written to the audit log with their purpose (one entry for a
list page); a read across organisations under an agreement is recorded as a share.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import partial
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
    consent_state_of,
    local_now,
    restrictions_from,
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
RESTRICTING_KINDS = (RightsRequest.Kind.RESTRICTION, RightsRequest.Kind.OBJECTION)


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


def help_request_fields(user: User, purpose: str, request: HelpRequest) -> frozenset[str]:
    """Which fields of a request `user` may see, decided and logged like a projection,
    without building them: for a page that renders the request from the ORM itself."""
    resident = request.resident
    decision = decision_for(user, purpose, cat.HELP_REQUEST, request.organisation_id, resident)
    record = (cat.HELP_REQUEST, request.pk, request.organisation_id)
    _after_read(user, purpose, record, resident, decision)
    return decision.fields if decision.allowed else frozenset()


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


# Lists: one decision per distinct (record type, owner, restrictions, consent), one audit entry.


@dataclass(frozen=True)
class Listed:
    """One record on a list page as the policy sees it, and how to build its values.

    `build(fields)` returns only those fields' values: it is called with the decision's
    fields, so a field the reader may not see is never even loaded. `subject` is the
    model the audit log names the record by (default: the record type's model).
    """

    record_type: str
    pk: int
    org_id: int
    resident: Resident | None
    build: Callable[[frozenset[str]], dict[str, Any]]
    subject: str = ""


Listable = Resident | HelpRequest | Need | Listed


def listed(record: Listable) -> Listed:
    """A resident, help request or need as a `Listed` built by `records`."""
    if isinstance(record, Listed):
        return record
    if isinstance(record, Resident):
        build = partial(records.resident_values, record)
        return Listed(cat.RESIDENT, record.pk, record.organisation_id, record, build)
    if isinstance(record, HelpRequest):
        build = partial(records.help_request_values, record)
        return Listed(cat.HELP_REQUEST, record.pk, record.organisation_id, record.resident, build)
    request = record.help_request
    build = partial(records.need_values, record)
    return Listed(cat.NEED, record.pk, request.organisation_id, request.resident, build)


def project_rows(
    user: User,
    purpose: str,
    rows: Sequence[Listable],
    fields: Fields = None,
    *,
    page: str = "",
) -> list[dict[str, Any]]:
    """What `user` may see of each record on a list page, in order: {} for a refused row.

    The policy is asked once per distinct decision: a record's type and owner, and its
    resident's open restriction or objection (and consent, where an agreement rests on
    it), fetched for the whole page in one query. A live break-glass grant opens a row as
    it opens a record. Showing special-category or safeguarding fields writes ONE audit
    read entry for the page, naming the records; a read across organisations is a share.
    """
    items = [listed(row) for row in rows]
    deciding = _ListDecisions(user, purpose, None if fields is None else frozenset(fields), items)
    read = [(item, deciding.decide(item)) for item in items]
    values = [item.build(d.fields) if d.allowed else {} for item, d in read]
    _after_list_read(user, purpose, read, page)
    return values


NOT_SHOWN = "Not shown"


def shown_name(values: Mapping[str, Any]) -> str:
    """A projected resident's name as lists show it: "Not shown" when it may not be seen."""
    if "first_name" not in values and "last_name" not in values:
        return NOT_SHOWN
    name = f"{values.get('first_name', '')} {values.get('last_name', '')}".strip()
    return name or "Name not known yet"


_Key = tuple[str, int, policy.Restrictions, policy.ConsentState | None]


class _ListDecisions:
    """The policy's decisions for one list page, fetching what they depend on once."""

    def __init__(
        self, user: User, purpose: str, requested: frozenset[str] | None, items: list[Listed]
    ) -> None:
        self.user, self.purpose, self.requested = user, purpose, requested
        self.actor, self.now = actor_of(user), local_now()
        self.resident_ids = sorted({i.resident.pk for i in items if i.resident is not None})
        self.restrictions = _restrictions_by_resident(self.resident_ids)
        self.terms: dict[int, list[policy.AgreementTerms]] = {}
        self.consents: dict[int, policy.ConsentState | None] | None = None
        self.grants: dict[int, BreakGlass] | None = None
        self.decided: dict[_Key, policy.Decision] = {}
        self.emergencies: dict[tuple[int, str], policy.Decision] = {}

    def decide(self, item: Listed) -> policy.Decision:
        resident = item.resident
        terms = self._terms(item.org_id)
        needs_consent = resident is not None and any(t.requires_consent for t in terms)
        consent = self._consent(resident.pk) if resident is not None and needs_consent else None
        flags = policy.NO_RESTRICTIONS
        if resident is not None:
            flags = self.restrictions.get(resident.pk, policy.NO_RESTRICTIONS)
        key = (item.record_type, item.org_id, flags, consent)
        if key not in self.decided:
            self.decided[key] = policy.decide(
                self.actor,
                self.purpose,
                item.record_type,
                item.org_id,
                terms,
                consent,
                self.now,
                requested=self.requested,
                restrictions=flags,
            )
        decision = self.decided[key]
        if resident is None or _complete(decision, item.record_type, self.requested):
            return decision
        return self._emergency(resident.pk, item.record_type) or decision

    def _terms(self, org_id: int) -> list[policy.AgreementTerms]:
        if org_id not in self.terms:
            self.terms[org_id] = terms_between(self.user.organisation_id, org_id)
        return self.terms[org_id]

    def _consent(self, resident_id: int) -> policy.ConsentState | None:
        if self.consents is None:
            by_resident: dict[int, list[Consent]] = defaultdict(list)
            for c in Consent.objects.filter(resident_id__in=self.resident_ids).order_by(
                "-given_at", "-id"
            ):
                by_resident[c.resident_id].append(c)
            self.consents = {pk: consent_state_of(cs) for pk, cs in by_resident.items()}
        return self.consents.get(resident_id)

    def _emergency(self, resident_id: int, record_type: str) -> policy.Decision | None:
        """The break-glass decision (logged once per resident and record type), if granted."""
        if self.grants is None:
            live = BreakGlass.objects.filter(actor=self.user, resident_id__in=self.resident_ids)
            newest_last = live.unexpired_at(self.now).select_related("resident")
            grants = newest_last.order_by("expires_at")
            self.grants = {g.resident_id: g for g in grants if g.resident_id is not None}
        grant = self.grants.get(resident_id)
        if grant is None:
            return None
        key = (resident_id, record_type)
        if key not in self.emergencies:
            self.emergencies[key] = _emergency(
                self.user, grant, self.purpose, record_type, self.requested
            )
        return self.emergencies[key]


def _restrictions_by_resident(resident_ids: Sequence[int]) -> dict[int, policy.Restrictions]:
    """Open restriction and objection flags of these residents, in one query."""
    if not resident_ids:
        return {}
    flags = RightsRequest.objects.filter(resident_id__in=resident_ids, kind__in=RESTRICTING_KINDS)
    by_resident: dict[int, list[tuple[str, list[str]]]] = defaultdict(list)
    for resident_id, kind, purposes in flags.unresolved().values_list(
        "resident_id", "kind", "purposes"
    ):
        by_resident[resident_id].append((kind, purposes))
    return {pk: restrictions_from(found) for pk, found in by_resident.items()}


def _after_list_read(
    user: User, purpose: str, read: list[tuple[Listed, policy.Decision]], page: str
) -> None:
    """One audit entry for the sensitive fields the page shows; note reads across orgs."""
    used = [(i, d) for i, d in read if d.allowed and d.basis != policy.BREAK_GLASS]
    logged = [(i, d) for i, d in used if cat.sensitive_fields(i.record_type, d.fields)]
    if logged:
        _audit_list_read(user, purpose, logged, page)
    for item, decision in used:
        if decision.agreement_id is not None:
            record = (item.record_type, item.pk, item.org_id)
            do_record_read_share(user, decision, purpose, record, item.resident)


def _audit_list_read(
    user: User, purpose: str, logged: list[tuple[Listed, policy.Decision]], page: str
) -> None:
    ids: dict[str, set[int]] = defaultdict(set)
    for item, _ in logged:
        ids[item.subject or records.RECORD_MODELS[item.record_type]].add(item.pk)
    residents = {i.resident.pk: i.resident for i, _ in logged if i.resident is not None}
    detail: dict[str, object] = {
        "records": {label: sorted(pks) for label, pks in sorted(ids.items())},
        "residents": sorted(residents),
    }
    if page:
        detail["page"] = page
    # One resident on the page: the entry is about them (a subject access export finds it).
    (only,) = residents.values() if len(residents) == 1 else (None,)
    audit_hook.record(
        user,
        audit_hook.READ,
        subject=only,
        purpose=purpose,
        basis=", ".join(sorted({d.basis for _, d in logged})),
        fields={name for _, d in logged for name in d.fields},
        detail=detail,
    )
