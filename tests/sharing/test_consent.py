from __future__ import annotations

import pytest
from django.http import Http404

from doorstep.accounts.models import Organisation, User
from doorstep.people.models import Resident
from doorstep.sharing import catalogue as cat
from doorstep.sharing.access import decision_for, get_consent_for_user
from doorstep.sharing.actions import do_record_consent, do_withdraw_consent
from doorstep.sharing.errors import NotAllowed, ShareRefused
from doorstep.sharing.models import Agreement, Consent
from tests.sharing.conftest import audit_actions
from tests.sharing.factories import make_agreement


def test_it_records_who_consented_to_what_and_how(bob: User, sam: Resident) -> None:
    consent = do_record_consent(bob, sam, purposes=["referral", "casework"], method="verbal")
    assert consent.purposes == ["casework", "referral"]
    assert (consent.method, consent.recorded_by, consent.withdrawn_at) == ("verbal", bob, None)
    assert audit_actions() == ["create"]


def test_it_refuses_unknown_purposes_and_methods(bob: User, sam: Resident) -> None:
    with pytest.raises(ShareRefused):
        do_record_consent(bob, sam, purposes=["marketing"], method="verbal")
    with pytest.raises(ShareRefused):
        do_record_consent(bob, sam, purposes=[], method="verbal")
    with pytest.raises(ShareRefused):
        do_record_consent(bob, sam, purposes=["casework"], method="carrier pigeon")
    assert not Consent.objects.exists()


def test_only_staff_of_the_residents_organisation_record_consent(
    nadia: User, sam: Resident, hub_nhs: Agreement
) -> None:
    with pytest.raises(NotAllowed):
        do_record_consent(nadia, sam, purposes=["referral"], method="verbal")


def test_withdrawal_records_who_and_when(bob: User, alice: User, sam: Resident) -> None:
    consent = do_record_consent(bob, sam, purposes=["referral"], method="sms")
    withdrawn = do_withdraw_consent(alice, consent)
    assert withdrawn.withdrawn_by == alice
    assert withdrawn.withdrawn_at is not None
    assert audit_actions() == ["create", "update"]


def test_withdrawing_twice_changes_nothing(bob: User, alice: User, sam: Resident) -> None:
    consent = do_withdraw_consent(
        bob, do_record_consent(bob, sam, purposes=["referral"], method="web")
    )
    first = consent.withdrawn_at
    assert do_withdraw_consent(alice, consent).withdrawn_by == bob
    assert consent.withdrawn_at == first


def test_withdrawal_stops_consent_based_reads_but_not_public_task_ones(
    bob: User,
    dora: User,
    nadia: User,
    hub: Organisation,
    nhs: Organisation,
    sam: Resident,
) -> None:
    on_consent = make_agreement(dora, {hub: "controller", nhs: "recipient"}, lawful_basis="consent")
    consent = do_record_consent(bob, sam, purposes=["casework"], method="written")
    read = decision_for(nadia, "casework", cat.RESIDENT, hub.pk, sam)
    assert read.agreement_id == on_consent.pk
    do_withdraw_consent(bob, consent)
    assert "withdrew" in decision_for(nadia, "casework", cat.RESIDENT, hub.pk, sam).reason
    public_task = make_agreement(dora, {hub: "controller", nhs: "recipient"})
    assert decision_for(nadia, "casework", cat.RESIDENT, hub.pk, sam).agreement_id == public_task.pk


def test_consent_is_not_visible_to_other_organisations(
    bob: User, charlie: User, sam: Resident
) -> None:
    consent = do_record_consent(bob, sam, purposes=["referral"], method="verbal")
    assert get_consent_for_user(bob, consent.pk) == consent
    with pytest.raises(Http404):
        get_consent_for_user(charlie, consent.pk)
