"""Pages: finding a resident, and their subject access export (readable and as a file)."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client

from doorstep.accounts.models import Organisation, Role, User
from doorstep.audit.models import AuditEvent
from doorstep.people.models import Resident
from tests import factories
from tests.helpers import signed_in


def exports() -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(action="export"))


@pytest.mark.parametrize("query", ["Sam", "taylor", "sam tay", "07700 900111", "+447700900111"])
def test_the_data_protection_lead_finds_a_resident_by_name_or_phone(
    client: Client, dora: User, sam: Resident, query: str
) -> None:
    factories.make_resident(sam.organisation, first_name="Pat", last_name="Jones", phone="")
    page = signed_in(client, dora).get("/sharing/residents/", {"q": query}).content.decode()
    assert "1 found" in page
    assert f'href="/sharing/residents/{sam.pk}/subject-access/"' in page
    assert f'href="/sharing/residents/{sam.pk}/rights/"' in page


def test_the_search_never_shows_another_organisations_residents(
    client: Client, dora: User, sam: Resident
) -> None:
    elsewhere = factories.make_resident(factories.make_organisation(), first_name="Sam")
    page = signed_in(client, dora).get("/sharing/residents/", {"q": "Sam"}).content.decode()
    assert f"/sharing/residents/{elsewhere.pk}/" not in page
    assert f"/sharing/residents/{sam.pk}/" in page


def test_an_empty_search_says_what_to_enter(client: Client, dora: User) -> None:
    page = signed_in(client, dora).get("/sharing/residents/", {"q": ""}).content.decode()
    assert "govuk-error-summary" in page
    assert "Enter a name or a phone number" in page


def test_the_search_needs_the_same_queries_for_many_results(
    client: Client, dora: User, hub: Organisation, django_assert_max_num_queries: Any
) -> None:
    for n in range(30):
        factories.make_resident(hub, phone=f"+4477009002{n:02d}")
    signed_in(client, dora)
    with django_assert_max_num_queries(8):
        page = client.get("/sharing/residents/", {"q": "Taylor"}).content.decode()
    assert "30 found" in page


def test_guides_cannot_search(client: Client, alice: User) -> None:
    assert signed_in(client, alice).get("/sharing/residents/").status_code == 403


def test_the_subject_access_page_shows_the_export_and_is_audited(
    client: Client, dora: User, sam: Resident
) -> None:
    response = signed_in(client, dora).get(f"/sharing/residents/{sam.pk}/subject-access/")
    page = response.content.decode()
    assert response.status_code == 200
    assert "Everything Trafford Council holds about Sam Taylor" in page
    assert "Uses a wheelchair" in page
    assert f'href="/sharing/residents/{sam.pk}/subject-access.json"' in page
    assert "Sign out" in page  # the data protection lead's page, with their menu
    (entry,) = exports()
    assert (entry.actor_id, entry.purpose) == (dora.pk, "subject access request")


def test_the_export_downloads_as_a_json_file_and_is_audited(
    client: Client, dora: User, sam: Resident
) -> None:
    response = signed_in(client, dora).get(f"/sharing/residents/{sam.pk}/subject-access.json")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response["Content-Disposition"] == (
        f'attachment; filename="subject-access-{sam.pk}.json"'
    )
    export = json.loads(response.content)
    assert export["format"] == "doorstep-subject-access/1"
    assert export["resident"]["accessibility_needs"] == "Uses a wheelchair"
    assert len(exports()) == 1


def test_only_the_data_protection_lead_exports(
    client: Client, alice: User, hub: Organisation, sam: Resident
) -> None:
    signed_in(client, alice)
    assert client.get(f"/sharing/residents/{sam.pk}/subject-access/").status_code == 403
    lead = factories.make_user(hub, Role.SAFEGUARDING_LEAD)
    signed_in(client, lead)
    assert client.get(f"/sharing/residents/{sam.pk}/subject-access.json").status_code == 403
    assert exports() == []


def test_another_organisations_resident_is_404(client: Client, sam: Resident) -> None:
    other_dpo = factories.make_user(factories.make_organisation(), Role.DATA_PROTECTION_LEAD)
    signed_in(client, other_dpo)
    assert client.get(f"/sharing/residents/{sam.pk}/subject-access/").status_code == 404
    assert client.get(f"/sharing/residents/{sam.pk}/subject-access.json").status_code == 404
    assert exports() == []
