from __future__ import annotations

import pytest

from doorstep.accounts.models import Organisation, User
from doorstep.people.models import Resident
from doorstep.sharing.actions import do_record_correction, do_share
from doorstep.sharing.errors import NotAllowed
from doorstep.sharing.models import Agreement, ShareEvent
from tests.sharing.factories import make_agreement


def share(actor: User, to_org: Organisation, resident: Resident, *fields: str) -> ShareEvent:
    return do_share(
        actor,
        to_org=to_org,
        purpose="referral",
        record_type="resident",
        record_id=resident.pk,
        record_org_id=resident.organisation_id,
        fields=fields,
        resident=resident,
    )


@pytest.fixture
def hub_vcse(dora: User, hub: Organisation, vcse: Organisation) -> Agreement:
    return make_agreement(dora, {hub: "controller", vcse: "recipient"})


def test_a_correction_is_passed_on_to_every_recipient(
    bob: User,
    nhs: Organisation,
    vcse: Organisation,
    sam: Resident,
    hub_nhs: Agreement,
    hub_vcse: Agreement,
) -> None:
    to_nhs = share(bob, nhs, sam, "first_name", "phone")
    to_vcse = share(bob, vcse, sam, "first_name", "phone")
    follow_ups = do_record_correction(bob, "resident", sam.pk, ["phone"])
    assert {(e.to_org_id, e.kind) for e in follow_ups} == {
        (nhs.pk, "correction"),
        (vcse.pk, "correction"),
    }
    assert {e.follows_id for e in follow_ups} == {to_nhs.pk, to_vcse.pk}
    assert all(e.fields == ["phone"] and e.resident == sam for e in follow_ups)


def test_a_recipient_hears_only_about_fields_it_received(
    bob: User,
    nhs: Organisation,
    vcse: Organisation,
    sam: Resident,
    hub_nhs: Agreement,
    hub_vcse: Agreement,
) -> None:
    share(bob, nhs, sam, "first_name", "address")
    share(bob, vcse, sam, "first_name")
    follow_ups = do_record_correction(bob, "resident", sam.pk, ["address"])
    assert [(e.to_org_id, e.fields) for e in follow_ups] == [(nhs.pk, ["address"])]


def test_several_shares_to_one_recipient_give_one_follow_up_to_the_latest(
    bob: User, nhs: Organisation, sam: Resident, hub_nhs: Agreement
) -> None:
    share(bob, nhs, sam, "first_name")
    latest = share(bob, nhs, sam, "phone")
    [follow_up] = do_record_correction(bob, "resident", sam.pk, ["first_name", "phone"])
    assert follow_up.follows == latest
    assert follow_up.fields == ["first_name", "phone"]


def test_an_erasure_covers_everything_each_recipient_received(
    bob: User,
    nhs: Organisation,
    vcse: Organisation,
    sam: Resident,
    hub_nhs: Agreement,
    hub_vcse: Agreement,
) -> None:
    share(bob, nhs, sam, "first_name", "phone")
    share(bob, vcse, sam, "address")
    follow_ups = do_record_correction(bob, "resident", sam.pk, [], erasure=True)
    assert {(e.to_org_id, tuple(e.fields), e.kind) for e in follow_ups} == {
        (nhs.pk, ("first_name", "phone"), "erasure"),
        (vcse.pk, ("address",), "erasure"),
    }


def test_a_record_never_shared_has_nothing_to_pass_on(bob: User, sam: Resident) -> None:
    assert do_record_correction(bob, "resident", sam.pk, ["phone"]) == []


def test_only_the_holding_organisation_passes_on_corrections(
    bob: User, nadia: User, nhs: Organisation, sam: Resident, hub_nhs: Agreement
) -> None:
    share(bob, nhs, sam, "phone")
    with pytest.raises(NotAllowed):
        do_record_correction(nadia, "resident", sam.pk, ["phone"])
    assert not ShareEvent.objects.exclude(kind="share").exists()


def test_corrections_are_passed_on_even_after_the_agreement_is_suspended(
    bob: User, nhs: Organisation, sam: Resident, hub_nhs: Agreement
) -> None:
    share(bob, nhs, sam, "phone")
    Agreement.objects.filter(pk=hub_nhs.pk).update(status="suspended")
    [follow_up] = do_record_correction(bob, "resident", sam.pk, ["phone"])
    assert follow_up.agreement_id == hub_nhs.pk
