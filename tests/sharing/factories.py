"""Agreements, consent and the organisations around a hub. Only synthetic people."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

from doorstep.accounts.models import Organisation, User
from doorstep.cases.models import CaseNote, HelpRequest
from doorstep.lib import clock
from doorstep.people.models import Resident
from doorstep.sharing import catalogue as cat
from doorstep.sharing.actions import AgreementDraft
from doorstep.sharing.models import Agreement, AgreementParty, Consent


def today() -> dt.date:
    return clock.now().date()


def make_partner(name: str = "Trafford NHS Trust", kind: str = "nhs") -> Organisation:
    return Organisation.objects.create(name=name, kind=kind)


def draft_between(
    parties: Mapping[Organisation, str],
    *,
    purposes: Iterable[str] = ("casework", "referral"),
    fields: Mapping[str, Iterable[str]] | None = None,
    **overrides: Any,
) -> AgreementDraft:
    """Terms a data protection lead might write; special-category data needs a condition."""
    defaults: dict[str, Any] = {
        "title": " and ".join(org.name for org in parties),
        "lawful_basis": "public_task",
        "special_category_condition": "art9_2h_sch1_p2_health_social_care",
        "starts": today() - dt.timedelta(days=10),
        "review_date": today() + dt.timedelta(days=180),
        "retention_days": {cat.RESIDENT: 365},
    }
    defaults.update(overrides)
    allow = fields if fields is not None else {cat.RESIDENT: ("first_name", "phone", "address")}
    return AgreementDraft(
        parties={org.pk: role for org, role in parties.items()},
        purposes=frozenset(purposes),
        field_allow_list={kind: frozenset(names) for kind, names in allow.items()},
        **defaults,
    )


def make_agreement(
    created_by: User,
    parties: Mapping[Organisation, str],
    *,
    status: str = Agreement.Status.ACTIVE,
    **terms: Any,
) -> Agreement:
    """An agreement straight into the database (for set-up; actions are tested on their own)."""
    draft = draft_between(parties, **terms)
    now = clock.now()
    agreement = Agreement.objects.create(
        title=draft.title,
        purposes=sorted(draft.purposes),
        field_allow_list={k: sorted(v) for k, v in draft.field_allow_list.items()},
        lawful_basis=draft.lawful_basis,
        special_category_condition=draft.special_category_condition,
        retention_days=dict(draft.retention_days),
        starts=draft.starts,
        review_date=draft.review_date,
        ends=draft.ends,
        status=status,
        created_by=created_by,
        created_at=now,
        updated_at=now,
    )
    for org_id, role in draft.parties.items():
        AgreementParty.objects.create(agreement=agreement, organisation_id=org_id, role=role)
    return agreement


def make_consent(
    resident: Resident, recorded_by: User, purposes: Iterable[str] = ("casework", "referral")
) -> Consent:
    return Consent.objects.create(
        resident=resident,
        purposes=sorted(purposes),
        method=Consent.Method.VERBAL,
        given_at=clock.now(),
        recorded_by=recorded_by,
    )


def make_help_request(resident: Resident, **fields: Any) -> HelpRequest:
    now = clock.now()
    defaults: dict[str, Any] = {"opened_at": now, "first_contact_due": now + dt.timedelta(hours=4)}
    defaults.update(fields)
    return HelpRequest.objects.create(
        organisation_id=resident.organisation_id, resident=resident, **defaults
    )


def add_note(request: HelpRequest, author: User, kind: str, body: str) -> CaseNote:
    return CaseNote.objects.create(
        help_request=request, author=author, kind=kind, body=body, created_at=clock.now()
    )
