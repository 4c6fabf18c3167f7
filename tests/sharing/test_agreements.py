from __future__ import annotations

import datetime as dt
from io import StringIO

import pytest
from django.core.management import call_command
from django.http import Http404

from doorstep.accounts.models import Organisation, Role, User
from doorstep.lib import clock
from doorstep.people.models import Resident
from doorstep.sharing import catalogue as cat
from doorstep.sharing.access import decision_for, get_agreement_for_user
from doorstep.sharing.actions import (
    agreements_due_for_review,
    do_activate_agreement,
    do_draft_agreement,
    do_end_agreement,
    do_expire_ended_agreements,
    do_review_agreement,
    do_revise_agreement,
    do_suspend_agreement,
)
from doorstep.sharing.errors import AgreementInvalid, NotAllowed
from doorstep.sharing.models import Agreement
from tests import factories
from tests.sharing.conftest import audit_actions
from tests.sharing.factories import draft_between, make_agreement, today


@pytest.fixture
def draft(dora: User, hub: Organisation, nhs: Organisation) -> Agreement:
    return do_draft_agreement(dora, draft_between({hub: "controller", nhs: "recipient"}))


def days(n: int) -> dt.date:
    return today() + dt.timedelta(days=n)


def test_a_data_protection_lead_drafts_an_agreement(
    draft: Agreement, dora: User, hub: Organisation, nhs: Organisation
) -> None:
    assert draft.status == "draft"
    assert draft.created_by == dora
    assert {(p.organisation_id, p.role) for p in draft.parties.all()} == {
        (hub.pk, "controller"),
        (nhs.pk, "recipient"),
    }
    assert draft.field_allow_list == {"resident": ["address", "first_name", "phone"]}
    assert audit_actions() == ["create"]


def test_only_a_data_protection_lead_drafts(
    bob: User, hub: Organisation, nhs: Organisation
) -> None:
    with pytest.raises(NotAllowed):
        do_draft_agreement(bob, draft_between({hub: "controller", nhs: "recipient"}))


def test_a_draft_with_problems_lists_every_one(
    dora: User, hub: Organisation, nhs: Organisation
) -> None:
    bad = draft_between(
        {nhs: "recipient"},
        purposes=["marketing"],
        fields={"resident": ["first_name", "accessibility_needs"]},
        special_category_condition="",
        review_date=days(-20),
    )
    with pytest.raises(AgreementInvalid) as refused:
        do_draft_agreement(dora, bad)
    text = " ".join(refused.value.problems)
    for expected in ("two organisations", "marketing", "special-category", "review date"):
        assert expected in text
    assert "Your organisation must be a party" in text
    assert not Agreement.objects.exists()


def test_a_draft_does_not_share_until_activated(
    draft: Agreement, dora: User, nadia: User, hub: Organisation, sam: Resident
) -> None:
    assert "draft" in decision_for(nadia, "casework", cat.RESIDENT, hub.pk, sam).reason
    do_activate_agreement(dora, draft)
    assert decision_for(nadia, "casework", cat.RESIDENT, hub.pk, sam).allowed


def test_suspending_stops_sharing_at_once_and_needs_a_reason(
    hub_nhs: Agreement, dora: User, nadia: User, hub: Organisation, sam: Resident
) -> None:
    with pytest.raises(AgreementInvalid, match="Say why"):
        do_suspend_agreement(dora, hub_nhs, " ")
    do_suspend_agreement(dora, hub_nhs, "Partner reported a breach")
    assert hub_nhs.status_note == "Partner reported a breach"
    assert not decision_for(nadia, "casework", cat.RESIDENT, hub.pk, sam).allowed
    do_activate_agreement(dora, hub_nhs)
    assert decision_for(nadia, "casework", cat.RESIDENT, hub.pk, sam).allowed


def test_an_ended_agreement_cannot_come_back(hub_nhs: Agreement, dora: User) -> None:
    do_end_agreement(dora, hub_nhs, "Project finished")
    assert hub_nhs.status == "expired"
    with pytest.raises(AgreementInvalid):
        do_activate_agreement(dora, hub_nhs)


def test_an_agreement_past_its_review_date_cannot_be_activated(
    dora: User, hub: Organisation, nhs: Organisation
) -> None:
    agreement = make_agreement(dora, {hub: "controller", nhs: "recipient"}, status="suspended")
    clock.advance(dt.timedelta(days=200))
    with pytest.raises(AgreementInvalid, match="review date has passed"):
        do_activate_agreement(dora, agreement)


def test_only_drafts_can_be_revised(draft: Agreement, dora: User, hub_nhs: Agreement) -> None:
    parties = {org: "controller" for org in Organisation.objects.all()}
    revised = do_revise_agreement(dora, draft, draft_between(parties, title="Revised"))
    assert revised.title == "Revised"
    assert revised.parties.count() == 2
    with pytest.raises(AgreementInvalid, match="Only a draft"):
        do_revise_agreement(dora, hub_nhs, draft_between(parties))


def test_a_review_sets_the_next_review_date(hub_nhs: Agreement, dora: User) -> None:
    with pytest.raises(AgreementInvalid, match="future"):
        do_review_agreement(dora, hub_nhs, today())
    do_review_agreement(dora, hub_nhs, days(365), "Checked with the trust")
    hub_nhs.refresh_from_db()
    assert (hub_nhs.review_date, hub_nhs.last_reviewed_by) == (days(365), dora)


def test_another_organisations_lead_cannot_manage_it(
    hub_nhs: Agreement, vcse: Organisation
) -> None:
    outsider = factories.make_user(vcse, Role.DATA_PROTECTION_LEAD)
    with pytest.raises(NotAllowed):
        do_suspend_agreement(outsider, hub_nhs, "Not mine")
    with pytest.raises(Http404):
        get_agreement_for_user(outsider, hub_nhs.pk)


def test_agreements_are_visible_to_their_parties_only(
    hub_nhs: Agreement, nadia: User, alice: User, charlie: User
) -> None:
    assert list(Agreement.objects.visible_to(nadia)) == [hub_nhs]
    assert list(Agreement.objects.visible_to(alice)) == [hub_nhs]
    assert not Agreement.objects.visible_to(charlie).exists()


def test_agreements_due_for_review_include_overdue_ones(
    dora: User, hub: Organisation, nhs: Organisation
) -> None:
    parties = {hub: "controller", nhs: "recipient"}
    overdue = make_agreement(dora, parties, title="Overdue", review_date=days(-3))
    soon = make_agreement(dora, parties, title="Soon", review_date=days(10))
    make_agreement(dora, parties, title="Later", review_date=days(90))
    make_agreement(dora, parties, title="Ended", review_date=days(-3), status="expired")
    assert list(agreements_due_for_review(within_days=30)) == [overdue, soon]


def test_the_reminder_command_lists_them_and_counts(
    dora: User, hub: Organisation, nhs: Organisation
) -> None:
    parties = {hub: "controller", nhs: "recipient"}
    make_agreement(dora, parties, title="Overdue", review_date=days(-3))
    make_agreement(dora, parties, title="Soon", review_date=days(10))
    out = StringIO()
    call_command("agreement_reminders", "--within-days", "30", stdout=out)
    lines = out.getvalue().splitlines()
    assert lines[0].startswith("Review 3 day(s) overdue: Overdue")
    assert lines[1].startswith("Review due in 10 day(s): Soon")
    assert lines[-1] == "2 agreement(s) due for review."


def test_agreements_past_their_end_date_are_marked_expired(
    dora: User, hub: Organisation, nhs: Organisation
) -> None:
    parties = {hub: "controller", nhs: "recipient"}
    ended = make_agreement(dora, parties, ends=days(-1))
    running = make_agreement(dora, parties, ends=days(1))
    assert do_expire_ended_agreements() == [ended]
    ended.refresh_from_db()
    running.refresh_from_db()
    assert (ended.status, running.status) == ("expired", "active")
