"""Agreements' lifecycle: draft, revise, activate, suspend, end, review; and reminders."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field

from django.db import transaction

from doorstep.accounts.models import Organisation, User
from doorstep.lib import clock
from doorstep.sharing import audit_hook
from doorstep.sharing.adapters import agreement_terms, local_now
from doorstep.sharing.errors import AgreementInvalid, NotAllowed
from doorstep.sharing.models import Agreement, AgreementParty, AgreementQuerySet
from doorstep.sharing.policy import AgreementTerms
from doorstep.sharing.validation import activation_problems, retention_problems, terms_problems

AGREEMENT_ROLES = frozenset({"data_protection_lead", "admin"})
Status = Agreement.Status


@dataclass(frozen=True)
class AgreementDraft:
    """The terms a data protection lead writes down, as a view parses them from a form."""

    title: str
    parties: Mapping[int, str]  # organisation id -> controller / joint_controller / ...
    purposes: frozenset[str]
    field_allow_list: Mapping[str, frozenset[str]]
    lawful_basis: str
    starts: dt.date
    review_date: dt.date
    ends: dt.date | None = None
    special_category_condition: str = ""
    retention_days: Mapping[str, int] = field(default_factory=dict)

    def as_terms(self, status: str = Status.DRAFT) -> AgreementTerms:
        return AgreementTerms(
            id=0,
            parties=self.parties,
            purposes=self.purposes,
            fields=self.field_allow_list,
            lawful_basis=self.lawful_basis,
            status=status,
            starts=self.starts,
            review_date=self.review_date,
            ends=self.ends,
            special_category_condition=self.special_category_condition,
            title=self.title,
        )


def do_draft_agreement(actor: User, draft: AgreementDraft) -> Agreement:
    _check_may_manage(actor)
    _check_draft(actor, draft)
    now = clock.now()
    with transaction.atomic():
        agreement = Agreement(created_by=actor, created_at=now)
        _write_terms(agreement, draft, now)
        _audit(actor, agreement, audit_hook.CREATE, "drafted")
    return agreement


def do_revise_agreement(actor: User, agreement: Agreement, draft: AgreementDraft) -> Agreement:
    """Change a draft's terms. Active agreements are suspended and redrafted, never edited."""
    _check_may_manage(actor, agreement)
    if agreement.status != Status.DRAFT:
        raise AgreementInvalid(["Only a draft can be changed: draft a new agreement instead."])
    _check_draft(actor, draft)
    with transaction.atomic():
        _write_terms(agreement, draft, clock.now())
        _audit(actor, agreement, audit_hook.UPDATE, "revised")
    return agreement


def do_activate_agreement(actor: User, agreement: Agreement) -> Agreement:
    _check_may_manage(actor, agreement)
    if agreement.status not in (Status.DRAFT, Status.SUSPENDED):
        raise AgreementInvalid([f"A {agreement.status} agreement cannot be activated."])
    problems = activation_problems(agreement_terms(agreement), local_now().date())
    if problems:
        raise AgreementInvalid(problems)
    return _set_status(actor, agreement, Status.ACTIVE, "")


def do_suspend_agreement(actor: User, agreement: Agreement, reason: str) -> Agreement:
    """Stop sharing at once; the agreement can be activated again after a fix."""
    _check_may_manage(actor, agreement)
    if agreement.status != Status.ACTIVE:
        raise AgreementInvalid(["Only an active agreement can be suspended."])
    return _set_status(actor, agreement, Status.SUSPENDED, _required(reason, "suspending"))


def do_end_agreement(actor: User, agreement: Agreement, reason: str) -> Agreement:
    """End an agreement for good (status expired)."""
    _check_may_manage(actor, agreement)
    if agreement.status == Status.EXPIRED:
        raise AgreementInvalid(["The agreement has already ended."])
    return _set_status(actor, agreement, Status.EXPIRED, _required(reason, "ending"))


def do_review_agreement(
    actor: User, agreement: Agreement, new_review_date: dt.date, note: str = ""
) -> Agreement:
    """Record that the agreement was reviewed and set the next review date."""
    _check_may_manage(actor, agreement)
    if agreement.status == Status.EXPIRED:
        raise AgreementInvalid(["An agreement that has ended cannot be reviewed."])
    if new_review_date <= local_now().date():
        raise AgreementInvalid(["The next review date must be in the future."])
    now = clock.now()
    with transaction.atomic():
        agreement.review_date = new_review_date
        agreement.last_reviewed_by, agreement.last_reviewed_at = actor, now
        agreement.updated_at = now
        agreement.save()
        _audit(actor, agreement, audit_hook.UPDATE, "reviewed", note=note)
    return agreement


def do_expire_ended_agreements() -> list[Agreement]:
    """Mark active agreements past their end date expired (the policy already stops them)."""
    ended = Agreement.objects.filter(status=Status.ACTIVE, ends__lt=local_now().date())
    return [
        _set_status(None, agreement, Status.EXPIRED, "Its end date passed.") for agreement in ended
    ]


def agreements_due_for_review(within_days: int = 30) -> AgreementQuerySet:
    """Active or suspended agreements whose review is overdue or due within `within_days`."""
    due_by = local_now().date() + dt.timedelta(days=within_days)
    return Agreement.objects.filter(
        status__in=(Status.ACTIVE, Status.SUSPENDED), review_date__lte=due_by
    ).order_by("review_date", "id")


def _check_may_manage(actor: User, agreement: Agreement | None = None) -> None:
    if actor.role not in AGREEMENT_ROLES:
        raise NotAllowed("Only a data protection lead can manage data sharing agreements.")
    if (
        agreement is not None
        and not Agreement.objects.visible_to(actor).filter(pk=agreement.pk).exists()
    ):
        raise NotAllowed("Your organisation is not a party to this agreement.")


def _check_draft(actor: User, draft: AgreementDraft) -> None:
    problems = terms_problems(draft.as_terms()) + retention_problems(draft.retention_days)
    if not draft.title.strip():
        problems.insert(0, "Give the agreement a title.")
    if actor.organisation_id not in draft.parties:
        problems.append("Your organisation must be a party to the agreement.")
    if Organisation.objects.filter(pk__in=draft.parties).count() != len(draft.parties):
        problems.append("One of the parties is not an organisation Doorstep knows.")
    if problems:
        raise AgreementInvalid(problems)


def _write_terms(agreement: Agreement, draft: AgreementDraft, now: dt.datetime) -> None:
    agreement.title = draft.title.strip()
    agreement.purposes = sorted(draft.purposes)
    agreement.field_allow_list = {k: sorted(v) for k, v in sorted(draft.field_allow_list.items())}
    agreement.lawful_basis = draft.lawful_basis
    agreement.special_category_condition = draft.special_category_condition
    agreement.retention_days = dict(draft.retention_days)
    agreement.starts, agreement.review_date, agreement.ends = (
        draft.starts,
        draft.review_date,
        draft.ends,
    )
    agreement.updated_at = now
    agreement.save()
    agreement.parties.all().delete()
    AgreementParty.objects.bulk_create(
        AgreementParty(agreement=agreement, organisation_id=org_id, role=role)
        for org_id, role in sorted(draft.parties.items())
    )


def _set_status(actor: User | None, agreement: Agreement, status: str, note: str) -> Agreement:
    with transaction.atomic():
        agreement.status = status
        agreement.status_note = note
        agreement.updated_at = clock.now()
        agreement.save()
        _audit(actor, agreement, audit_hook.UPDATE, status, note=note)
    return agreement


def _required(reason: str, doing: str) -> str:
    if not reason.strip():
        raise AgreementInvalid([f"Say why you are {doing} the agreement."])
    return reason.strip()


def _audit(
    actor: User | None, agreement: Agreement, action: str, change: str, note: str = ""
) -> None:
    detail = {"change": change, "status": agreement.status, "note": note}
    audit_hook.record(actor, action, subject=agreement, detail=detail)
