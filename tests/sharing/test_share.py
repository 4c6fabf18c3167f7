from __future__ import annotations

import pytest

from doorstep.accounts.models import Organisation, Role, User
from doorstep.audit.models import AuditEvent
from doorstep.people.models import Resident
from doorstep.sharing.actions import do_share, do_withdraw_consent
from doorstep.sharing.errors import ShareRefused
from doorstep.sharing.models import Agreement, ShareEvent
from tests import factories
from tests.sharing.conftest import audit_actions
from tests.sharing.factories import make_agreement, make_consent


def share(
    actor: User,
    to_org: Organisation,
    resident: Resident,
    fields: tuple[str, ...] = ("first_name", "phone"),
    purpose: str = "referral",
) -> ShareEvent:
    return do_share(
        actor,
        to_org=to_org,
        purpose=purpose,
        record_type="resident",
        record_id=resident.pk,
        record_org_id=resident.organisation_id,
        fields=fields,
        resident=resident,
    )


def assert_nothing_written() -> None:
    assert not ShareEvent.objects.exists()
    assert not AuditEvent.objects.filter(action="share").exists()


def test_it_writes_a_share_event_and_an_audit_entry(
    bob: User, nhs: Organisation, sam: Resident, hub_nhs: Agreement
) -> None:
    event = share(bob, nhs, sam)
    assert (event.from_org_id, event.to_org_id, event.agreement_id) == (
        sam.organisation_id,
        nhs.pk,
        hub_nhs.pk,
    )
    assert (event.purpose, event.basis, event.kind) == ("referral", "public_task", "share")
    assert event.fields == ["first_name", "phone"]
    assert event.resident == sam
    entry = AuditEvent.objects.get(action="share")
    assert (entry.purpose, entry.basis, entry.fields) == ("referral", "public_task", event.fields)


def test_it_refuses_without_an_agreement_and_writes_nothing(
    bob: User, nhs: Organisation, sam: Resident
) -> None:
    with pytest.raises(ShareRefused, match="no data sharing agreement"):
        share(bob, nhs, sam)
    assert_nothing_written()


def test_it_refuses_a_purpose_outside_the_agreement(
    bob: User, nhs: Organisation, sam: Resident, hub_nhs: Agreement
) -> None:
    with pytest.raises(ShareRefused, match="does not cover the purpose 'safeguarding'"):
        share(bob, nhs, sam, purpose="safeguarding")
    assert_nothing_written()


def test_it_refuses_fields_beyond_the_allow_list(
    bob: User, nhs: Organisation, sam: Resident, hub_nhs: Agreement
) -> None:
    with pytest.raises(ShareRefused, match="email"):
        share(bob, nhs, sam, fields=("first_name", "email"))
    assert_nothing_written()


def test_it_refuses_under_a_suspended_agreement(
    bob: User, dora: User, hub: Organisation, nhs: Organisation, sam: Resident
) -> None:
    make_agreement(dora, {hub: "controller", nhs: "recipient"}, status="suspended")
    with pytest.raises(ShareRefused, match="suspended"):
        share(bob, nhs, sam)
    assert_nothing_written()


def test_it_refuses_another_organisations_record(
    nadia: User, hub: Organisation, nhs: Organisation, sam: Resident, hub_nhs: Agreement
) -> None:
    with pytest.raises(ShareRefused, match="your own organisation's records"):
        share(nadia, hub, sam)
    assert_nothing_written()


def test_a_volunteer_cannot_share(
    hub: Organisation, nhs: Organisation, sam: Resident, hub_nhs: Agreement
) -> None:
    volunteer = factories.make_user(hub, Role.VOLUNTEER)
    with pytest.raises(ShareRefused, match="volunteer"):
        share(volunteer, nhs, sam, fields=("first_name",))
    assert_nothing_written()


def test_it_refuses_an_empty_share(
    bob: User, nhs: Organisation, sam: Resident, hub_nhs: Agreement
) -> None:
    with pytest.raises(ShareRefused, match="at least one field"):
        share(bob, nhs, sam, fields=())


def test_special_category_fields_need_the_agreements_condition(
    bob: User, dora: User, hub: Organisation, nhs: Organisation, sam: Resident
) -> None:
    fields = {"resident": ("first_name", "accessibility_needs")}
    make_agreement(dora, {hub: "controller", nhs: "controller"}, fields=fields)
    event = share(bob, nhs, sam, fields=("first_name", "accessibility_needs"))
    assert event.condition == "art9_2h_sch1_p2_health_social_care"


def test_consent_withdrawal_stops_consent_based_sharing_only(
    bob: User,
    dora: User,
    hub: Organisation,
    nhs: Organisation,
    vcse: Organisation,
    sam: Resident,
    hub_nhs: Agreement,
) -> None:
    make_agreement(dora, {hub: "controller", vcse: "recipient"}, lawful_basis="consent")
    consent = make_consent(sam, bob)
    share(bob, vcse, sam)
    do_withdraw_consent(bob, consent)
    with pytest.raises(ShareRefused, match="withdrew"):
        share(bob, vcse, sam)
    assert share(bob, nhs, sam).basis == "public_task"
    assert audit_actions().count("share") == 2
