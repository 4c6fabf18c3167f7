"""Sample data sharing agreements for the demo: council with the NHS and with VCSE groups."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from doorstep.accounts.models import Organisation, User
from doorstep.sharing.agreement_actions import (
    AgreementDraft,
    do_activate_agreement,
    do_draft_agreement,
)
from doorstep.sharing.models import Agreement

CONTROLLER, JOINT, RECIPIENT = "controller", "joint_controller", "recipient"
TASK_RESIDENT_FIELDS = frozenset({"first_name", "address", "phone"})


def load_demo_agreements(
    dpo: User, council: Organisation, partners: Mapping[str, Organisation], today: dt.date
) -> list[Agreement]:
    """Three active agreements (one with its review overdue) and one draft."""
    drafts = [
        _nhs(council, partners["nhs"], today),
        _kitchen(council, partners["kitchen"], today),
        _mutual_aid(council, partners["mutual_aid"], today),
    ]
    active = [do_activate_agreement(dpo, do_draft_agreement(dpo, d)) for d in drafts]
    _make_review_overdue(active[2], today)
    draft = do_draft_agreement(dpo, _faith(council, partners["faith"], today))
    return [*active, draft]


def _nhs(council: Organisation, nhs: Organisation, today: dt.date) -> AgreementDraft:
    return AgreementDraft(
        title="Referrals and safeguarding between Trafford Council and community health",
        parties={council.pk: JOINT, nhs.pk: JOINT},
        purposes=frozenset({"referral", "safeguarding", "casework"}),
        field_allow_list={
            "resident": frozenset(
                {
                    "first_name",
                    "last_name",
                    "phone",
                    "address",
                    "year_of_birth",
                    "language",
                    "accessibility_needs",
                }
            ),
            "help_request": frozenset({"status", "urgency", "needs", "safeguarding", "guide"}),
            "need": frozenset({"code", "description", "status", "outcome"}),
        },
        lawful_basis="public_task",
        special_category_condition="art9_2h_sch1_p2_health_social_care",
        starts=today - dt.timedelta(days=200),
        review_date=today + dt.timedelta(days=160),
        retention_days={"resident": 730, "help_request": 730},
    )


def _kitchen(council: Organisation, kitchen: Organisation, today: dt.date) -> AgreementDraft:
    return AgreementDraft(
        title="Food deliveries by Old Trafford Community Kitchen",
        parties={council.pk: CONTROLLER, kitchen.pk: RECIPIENT},
        purposes=frozenset({"task"}),
        field_allow_list={
            "resident": TASK_RESIDENT_FIELDS,
            "need": frozenset({"code", "description"}),
        },
        lawful_basis="public_task",
        special_category_condition="art9_2g_sch1_p16_support",
        starts=today - dt.timedelta(days=120),
        review_date=today + dt.timedelta(days=20),
        retention_days={"resident": 90},
    )


def _mutual_aid(council: Organisation, group: Organisation, today: dt.date) -> AgreementDraft:
    return AgreementDraft(
        title="Shopping and befriending volunteers from Sale Mutual Aid",
        parties={council.pk: CONTROLLER, group.pk: RECIPIENT},
        purposes=frozenset({"task"}),
        field_allow_list={"resident": TASK_RESIDENT_FIELDS},
        lawful_basis="consent",
        starts=today - dt.timedelta(days=300),
        review_date=today + dt.timedelta(days=30),
        retention_days={"resident": 60},
    )


def _faith(council: Organisation, network: Organisation, today: dt.date) -> AgreementDraft:
    return AgreementDraft(
        title="Welcome visits by Stretford Faith Network (draft)",
        parties={council.pk: CONTROLLER, network.pk: RECIPIENT},
        purposes=frozenset({"task"}),
        field_allow_list={"resident": frozenset({"first_name", "address"})},
        lawful_basis="consent",
        starts=today + dt.timedelta(days=14),
        review_date=today + dt.timedelta(days=380),
    )


def _make_review_overdue(agreement: Agreement, today: dt.date) -> None:
    """The demo shows an overdue review: it was due last week."""
    Agreement.objects.filter(pk=agreement.pk).update(review_date=today - dt.timedelta(days=7))
