"""Open restriction and objection requests stop reads and shares through the real access path."""

from __future__ import annotations

import pytest

from doorstep.accounts.models import Organisation, User
from doorstep.people.models import Resident
from doorstep.sharing import catalogue as cat
from doorstep.sharing.access import decision_for, project_resident
from doorstep.sharing.actions import do_break_glass, do_share
from doorstep.sharing.adapters import restrictions_from, restrictions_of
from doorstep.sharing.errors import NotAllowed, ShareRefused
from doorstep.sharing.holds import raise_rights_request, resolve_rights_request
from doorstep.sharing.models import Agreement, ShareEvent
from doorstep.sharing.policy import Restrictions
from tests.sharing.factories import make_agreement, make_consent


def share_referral(actor: User, to_org: Organisation, resident: Resident) -> ShareEvent:
    return do_share(
        actor,
        to_org=to_org,
        purpose="referral",
        record_type=cat.RESIDENT,
        record_id=resident.pk,
        record_org_id=resident.organisation_id,
        fields=("first_name", "phone"),
        resident=resident,
    )


def test_open_flags_become_the_policys_restrictions(alice: User, dora: User, sam: Resident) -> None:
    assert restrictions_of(sam) == Restrictions()
    raise_rights_request(alice, sam, "rectification", "Wrong year of birth")
    assert restrictions_of(sam) == Restrictions()
    flag = raise_rights_request(alice, sam, "restriction", "Asked us to pause")
    raise_rights_request(alice, sam, "objection", "No referrals", purposes=["referral"])
    assert restrictions_of(sam) == Restrictions(True, frozenset({"referral"}))
    resolve_rights_request(dora, flag, "Accuracy checked; use resumed")
    assert restrictions_of(sam) == Restrictions(False, frozenset({"referral"}))


def test_an_objection_naming_no_purposes_objects_to_them_all() -> None:
    assert restrictions_from([("objection", [])]).objected == frozenset(cat.PURPOSES)


def test_only_an_objection_names_purposes(alice: User, sam: Resident) -> None:
    with pytest.raises(NotAllowed, match="Only an objection"):
        raise_rights_request(alice, sam, "restriction", purposes=["referral"])
    with pytest.raises(NotAllowed, match="does not know"):
        raise_rights_request(alice, sam, "objection", purposes=["marketing"])


def test_a_restricted_record_is_not_shown_for_casework(alice: User, sam: Resident) -> None:
    raise_rights_request(alice, sam, "restriction", "Asked us to pause")
    assert project_resident(alice, "casework", sam) == {}
    decision = decision_for(alice, "casework", cat.RESIDENT, sam.organisation_id, sam)
    assert "restrict" in decision.reason


def test_a_restricted_record_is_still_open_for_safeguarding(alice: User, sam: Resident) -> None:
    raise_rights_request(alice, sam, "restriction", "Asked us to pause")
    assert project_resident(alice, "safeguarding", sam)["first_name"] == "Sam"


def test_resolving_the_restriction_restores_use(alice: User, dora: User, sam: Resident) -> None:
    flag = raise_rights_request(alice, sam, "restriction", "Asked us to pause")
    resolve_rights_request(dora, flag, "They asked us to carry on")
    assert project_resident(alice, "casework", sam)["first_name"] == "Sam"


def test_break_glass_still_opens_a_restricted_record(alice: User, sam: Resident) -> None:
    raise_rights_request(alice, sam, "restriction", "Asked us to pause")
    do_break_glass(alice, sam, "Neighbour says she has not been seen for days")
    assert project_resident(alice, "casework", sam)["first_name"] == "Sam"


def test_a_share_of_a_restricted_record_is_refused_and_nothing_is_written(
    bob: User, nhs: Organisation, sam: Resident, hub_nhs: Agreement
) -> None:
    raise_rights_request(bob, sam, "restriction", "Asked us to pause")
    with pytest.raises(ShareRefused, match="restrict"):
        share_referral(bob, nhs, sam)
    assert not ShareEvent.objects.exists()


def test_an_objection_stops_a_share_on_public_task(
    bob: User, nhs: Organisation, sam: Resident, hub_nhs: Agreement
) -> None:
    raise_rights_request(bob, sam, "objection", "No referrals please", purposes=["referral"])
    with pytest.raises(ShareRefused, match="objected"):
        share_referral(bob, nhs, sam)
    assert not ShareEvent.objects.exists()


def test_an_objection_stops_a_partners_read_for_that_purpose_only(
    bob: User, nadia: User, sam: Resident, hub_nhs: Agreement
) -> None:
    raise_rights_request(bob, sam, "objection", "No referrals please", purposes=["referral"])
    assert project_resident(nadia, "referral", sam) == {}
    assert project_resident(nadia, "casework", sam)["first_name"] == "Sam"


def test_an_objection_leaves_consent_based_sharing_alone(
    bob: User, dora: User, hub: Organisation, nhs: Organisation, sam: Resident
) -> None:
    make_agreement(dora, {hub: "controller", nhs: "recipient"}, lawful_basis="consent")
    make_consent(sam, bob, purposes=("referral",))
    raise_rights_request(bob, sam, "objection", "Objects to referrals", purposes=["referral"])
    event = share_referral(bob, nhs, sam)
    assert event.basis == "consent"
