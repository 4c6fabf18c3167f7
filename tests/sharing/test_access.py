from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from doorstep.accounts.models import CASEWORK_ROLES, Organisation, Role, User
from doorstep.audit.models import AuditEvent
from doorstep.cases.models import Need
from doorstep.people.models import Resident
from doorstep.sharing import catalogue as cat
from doorstep.sharing.access import (
    decision_for,
    project_for,
    project_help_request,
    project_need,
    project_resident,
)
from doorstep.sharing.models import Agreement, ShareEvent
from tests import factories
from tests.sharing.factories import add_note, make_agreement, make_help_request


def test_the_role_names_match_the_accounts_roles() -> None:
    assert set(cat.ROLE_LABELS) == set(Role.values)
    assert {str(role) for role in CASEWORK_ROLES} == cat.CASEWORK


def test_a_guide_sees_the_whole_resident(alice: User, sam: Resident) -> None:
    values = project_resident(alice, "casework", sam)
    assert set(values) == cat.all_fields(cat.RESIDENT)
    assert values["first_name"] == "Sam"


def test_a_volunteer_sees_a_first_name_and_the_address_only_while_the_task_needs_it(
    hub: Organisation, sam: Resident
) -> None:
    volunteer = factories.make_user(hub, Role.VOLUNTEER)
    assert project_resident(volunteer, "task", sam) == {"first_name": "Sam"}
    during = project_resident(volunteer, "task", sam, task_fields={"phone"})
    assert during == {"first_name": "Sam", "phone": "+447700900111"}


def test_a_volunteer_sees_the_need_but_not_the_request(hub: Organisation, sam: Resident) -> None:
    volunteer = factories.make_user(hub, Role.VOLUNTEER)
    request = make_help_request(sam, safeguarding=True)
    need = Need.objects.create(help_request=request, code="food")
    assert project_need(volunteer, "task", need) == {"code": "food", "description": "Food"}
    assert project_help_request(volunteer, "task", request) == {}


def test_facts_and_opinions_are_projected_separately(
    alice: User, hub: Organisation, sam: Resident, nhs: Organisation, dora: User
) -> None:
    request = make_help_request(sam)
    add_note(request, alice, "fact", "Lives alone on the third floor")
    add_note(request, alice, "opinion", "Seemed low in mood")
    mine = project_help_request(alice, "casework", request)
    assert [n["body"] for n in mine["notes_fact"]] == ["Lives alone on the third floor"]
    assert [n["body"] for n in mine["notes_opinion"]] == ["Seemed low in mood"]
    fields = {cat.HELP_REQUEST: ("notes_fact", "notes_opinion", "urgency")}
    make_agreement(dora, {hub: "controller", nhs: "recipient"}, fields=fields)
    partner = factories.make_user(nhs, Role.PARTNER_CASEWORKER)
    theirs = project_help_request(partner, "casework", request)
    assert set(theirs) == {"notes_fact", "urgency"}  # a partner never sees opinions


def test_reading_special_category_data_is_audited_with_its_purpose(
    alice: User, sam: Resident
) -> None:
    project_resident(alice, "casework", sam)
    entry = AuditEvent.objects.get(action="read")
    assert entry.purpose == "casework"
    assert "accessibility_needs" in entry.fields


def test_reading_only_ordinary_fields_is_not_audited(hub: Organisation, sam: Resident) -> None:
    project_resident(factories.make_user(hub, Role.VOLUNTEER), "task", sam)
    assert not AuditEvent.objects.exists()


def test_a_partner_reads_under_the_agreement_and_the_read_is_a_share(
    nadia: User, sam: Resident, hub_nhs: Agreement
) -> None:
    values = project_resident(nadia, "casework", sam)
    assert set(values) == {"first_name", "phone", "address"}
    project_resident(nadia, "casework", sam)
    event = ShareEvent.objects.get()
    assert (event.actor, event.to_org_id, event.from_org_id) == (
        nadia,
        nadia.organisation_id,
        sam.organisation_id,
    )
    assert event.fields == ["address", "first_name", "phone"]


def test_an_outsider_sees_nothing(charlie: User, sam: Resident) -> None:
    assert project_resident(charlie, "casework", sam) == {}
    assert not ShareEvent.objects.exists()


def test_project_for_cuts_a_ready_made_record(
    nadia: User, sam: Resident, hub_nhs: Agreement
) -> None:
    record = {"first_name": "Sam", "last_name": "Taylor", "phone": "+447700900111"}
    values = project_for(
        nadia,
        "casework",
        cat.RESIDENT,
        record,
        record_id=sam.pk,
        record_org_id=sam.organisation_id,
        resident=sam,
    )
    assert values == {"first_name": "Sam", "phone": "+447700900111"}


def test_own_organisation_decisions_do_not_query_agreements(alice: User, sam: Resident) -> None:
    with CaptureQueriesContext(connection) as queries:
        decision_for(alice, "casework", cat.RESIDENT, sam.organisation_id, sam)
    assert len(queries) == 1  # only the resident's open restriction or objection requests
    assert "sharing_agreement" not in queries[0]["sql"]


@pytest.mark.parametrize("purpose", ["casework", "referral"])
def test_decisions_across_organisations_need_few_queries(
    nadia: User, sam: Resident, hub_nhs: Agreement, purpose: str
) -> None:
    with CaptureQueriesContext(connection) as queries:
        assert decision_for(nadia, purpose, cat.RESIDENT, sam.organisation_id, sam).allowed
    assert len(queries) <= 4  # agreements, their parties, restrictions, a live break-glass grant
