from __future__ import annotations

import datetime as dt

import pytest

from doorstep.accounts.models import Organisation, Role, User
from doorstep.audit.models import AuditEvent
from doorstep.lib import clock
from doorstep.people.models import Resident
from doorstep.sharing import catalogue as cat
from doorstep.sharing.access import decision_for, project_resident
from doorstep.sharing.actions import do_break_glass, do_review_break_glass
from doorstep.sharing.errors import BreakGlassRefused, NotAllowed
from doorstep.sharing.models import Agreement, BreakGlass
from tests import factories

REASON = "Resident not answering; neighbour reports a fall, need next of kin"


@pytest.fixture
def carl(hub: Organisation) -> User:
    """Carl handles calls at the hub out of hours."""
    return factories.make_user(hub, Role.CALL_HANDLER, username="carl")


@pytest.fixture
def grant(alice: User, sam: Resident) -> BreakGlass:
    return do_break_glass(alice, sam, REASON)


def test_it_needs_a_reason(alice: User, sam: Resident) -> None:
    for reason in ("", "   ", "urgent"):
        with pytest.raises(BreakGlassRefused, match="at least 20 characters"):
            do_break_glass(alice, sam, reason)
    assert not BreakGlass.objects.exists()


def test_it_expires_after_thirty_minutes(grant: BreakGlass) -> None:
    assert grant.expires_at - grant.started_at == dt.timedelta(minutes=30)
    assert grant.review_status == BreakGlass.ReviewStatus.PENDING


def test_it_is_flagged_in_the_audit_log(grant: BreakGlass, sam: Resident) -> None:
    entry = AuditEvent.objects.get(action="break_glass")
    assert entry.flagged
    assert entry.purpose == REASON
    assert entry.subject_id == str(sam.pk)


def test_it_opens_the_whole_record_until_it_expires(hub: Organisation, sam: Resident) -> None:
    officer = factories.make_user(hub, Role.DATA_OFFICER)
    before = decision_for(officer, "casework", cat.RESIDENT, hub.pk, sam)
    assert not before.allowed
    do_break_glass(officer, sam, REASON)
    during = decision_for(officer, "casework", cat.RESIDENT, hub.pk, sam)
    assert during.allowed and during.basis == "break-glass"
    assert during.fields == cat.all_fields(cat.RESIDENT)
    assert AuditEvent.objects.filter(action="break_glass", flagged=True).count() == 2
    clock.advance(dt.timedelta(minutes=30))
    assert not decision_for(officer, "casework", cat.RESIDENT, hub.pk, sam).allowed


def test_a_grant_is_only_for_its_own_user_and_resident(
    hub: Organisation, bob: User, sam: Resident
) -> None:
    officer = factories.make_user(hub, Role.DATA_OFFICER)
    other = factories.make_resident(hub, first_name="Ali")
    do_break_glass(officer, sam, REASON)
    assert not decision_for(officer, "casework", cat.RESIDENT, hub.pk, other).allowed
    another_officer = factories.make_user(hub, Role.DATA_OFFICER)
    assert not decision_for(another_officer, "casework", cat.RESIDENT, hub.pk, sam).allowed


def test_a_projected_read_under_break_glass_gives_the_whole_record(
    hub: Organisation, sam: Resident
) -> None:
    officer = factories.make_user(hub, Role.DATA_OFFICER)
    do_break_glass(officer, sam, REASON)
    values = project_resident(officer, "casework", sam)
    assert values["accessibility_needs"] == "Uses a wheelchair"


def test_volunteers_cannot_break_glass(hub: Organisation, sam: Resident) -> None:
    volunteer = factories.make_user(hub, Role.VOLUNTEER)
    with pytest.raises(NotAllowed, match="999"):
        do_break_glass(volunteer, sam, REASON)


def test_another_organisation_needs_an_agreement_in_force(
    nadia: User, sam: Resident, hub_nhs: Agreement
) -> None:
    assert do_break_glass(nadia, sam, REASON).resident == sam
    Agreement.objects.filter(pk=hub_nhs.pk).update(status="suspended")
    with pytest.raises(NotAllowed, match="no agreement in force"):
        do_break_glass(nadia, sam, REASON)


def test_the_data_protection_lead_reviews_it(grant: BreakGlass, dora: User) -> None:
    reviewed = do_review_break_glass(dora, grant, "justified", "Fall confirmed by ambulance")
    assert reviewed.review_status == BreakGlass.ReviewStatus.REVIEWED
    assert (reviewed.reviewed_by, reviewed.outcome) == (dora, "justified")
    assert BreakGlass.objects.awaiting_review().count() == 0
    with pytest.raises(NotAllowed, match="already been reviewed"):
        do_review_break_glass(dora, grant, "not_justified")


def test_only_a_data_protection_lead_reviews(grant: BreakGlass, bob: User) -> None:
    with pytest.raises(NotAllowed):
        do_review_break_glass(bob, grant, "justified")


def test_nobody_reviews_their_own_emergency_access(dora: User, sam: Resident) -> None:
    own = do_break_glass(dora, sam, REASON)
    with pytest.raises(NotAllowed, match="Someone else"):
        do_review_break_glass(dora, own, "justified")


def test_another_organisations_lead_cannot_review(grant: BreakGlass, nhs: Organisation) -> None:
    outsider = factories.make_user(nhs, Role.DATA_PROTECTION_LEAD)
    with pytest.raises(NotAllowed):
        do_review_break_glass(outsider, grant, "justified")


def test_the_lead_sees_the_organisations_grants_and_others_only_their_own(
    grant: BreakGlass, dora: User, bob: User, alice: User
) -> None:
    assert list(BreakGlass.objects.visible_to(dora)) == [grant]
    assert list(BreakGlass.objects.visible_to(alice)) == [grant]
    assert not BreakGlass.objects.visible_to(bob).exists()
