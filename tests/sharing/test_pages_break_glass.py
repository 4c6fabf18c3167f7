"""Pages: asking for emergency access to a resident, and the data protection lead's review."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client

from doorstep.accounts.models import Organisation, Role, User
from doorstep.audit.models import AuditEvent
from doorstep.lib import clock
from doorstep.people.models import Resident
from doorstep.sharing.actions import do_break_glass
from doorstep.sharing.models import Agreement, BreakGlass
from tests import factories
from tests.helpers import signed_in

REASON = "Neighbour says she has not been seen for three days"


def ask_url(resident: Resident) -> str:
    return f"/sharing/residents/{resident.pk}/break-glass/"


def grant_for(user: User, resident: Resident) -> BreakGlass:
    return do_break_glass(user, resident, REASON)


def test_a_guide_asks_for_emergency_access_with_a_reason(
    client: Client, alice: User, sam: Resident
) -> None:
    signed_in(client, alice)
    page = client.get(ask_url(sam))
    assert page.status_code == 200
    assert "Ask for emergency access" in page.content.decode()
    response = client.post(ask_url(sam) + "start/", {"reason": REASON})
    grant = BreakGlass.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/sharing/break-glass/{grant.pk}/"
    assert (grant.actor, grant.resident, grant.reason) == (alice, sam, REASON)
    assert AuditEvent.objects.get(action="break_glass").flagged


@pytest.mark.parametrize("reason", ["", "   ", "Need to check", "x" * 19])
def test_a_short_reason_is_refused_with_a_clear_message(
    client: Client, alice: User, sam: Resident, reason: str
) -> None:
    response = signed_in(client, alice).post(ask_url(sam) + "start/", {"reason": reason})
    assert response.status_code == 400
    page = response.content.decode()
    assert "govuk-error-summary" in page
    assert "Say why you need emergency access" in page
    assert not BreakGlass.objects.exists()


def test_volunteers_cannot_ask(client: Client, hub: Organisation, sam: Resident) -> None:
    volunteer = factories.make_user(hub, Role.VOLUNTEER)
    assert signed_in(client, volunteer).get(ask_url(sam)).status_code == 403


def test_a_resident_of_an_organisation_without_an_agreement_is_404(
    client: Client, charlie: User, sam: Resident
) -> None:
    signed_in(client, charlie)
    assert client.get(ask_url(sam)).status_code == 404
    assert client.post(ask_url(sam) + "start/", {"reason": REASON}).status_code == 404
    assert not BreakGlass.objects.exists()


def test_a_partner_with_an_agreement_in_force_sees_the_whole_record_while_it_lasts(
    client: Client, nadia: User, sam: Resident, hub_nhs: Agreement
) -> None:
    signed_in(client, nadia)
    client.post(ask_url(sam) + "start/", {"reason": REASON})
    grant = BreakGlass.objects.get()
    page = client.get(f"/sharing/break-glass/{grant.pk}/").content.decode()
    assert "Uses a wheelchair" in page  # beyond the agreement's allow-list
    clock.advance(dt.timedelta(minutes=31))
    page = client.get(f"/sharing/break-glass/{grant.pk}/").content.decode()
    assert "Uses a wheelchair" not in page
    assert "This emergency access has ended" in page


def test_the_dashboard_lists_grants_waiting_for_review(
    client: Client, alice: User, dora: User, sam: Resident
) -> None:
    grant = grant_for(alice, sam)
    page = signed_in(client, dora).get("/sharing/").content.decode()
    assert f'href="/sharing/break-glass/{grant.pk}/"' in page


def test_the_data_protection_lead_reviews_a_grant(
    client: Client, alice: User, dora: User, sam: Resident
) -> None:
    grant = grant_for(alice, sam)
    signed_in(client, dora)
    page = client.get(f"/sharing/break-glass/{grant.pk}/").content.decode()
    assert REASON in page
    assert "Record the review" in page
    assert "Uses a wheelchair" not in page  # the reviewer does not see the record
    response = client.post(
        f"/sharing/break-glass/{grant.pk}/review/",
        {"outcome": "justified", "note": "Welfare check was right"},
    )
    assert response.status_code == 302
    grant.refresh_from_db()
    assert (grant.review_status, grant.outcome, grant.reviewed_by) == (
        "reviewed",
        "justified",
        dora,
    )
    assert grant.review_note == "Welfare check was right"


def test_a_review_needs_an_outcome(client: Client, alice: User, dora: User, sam: Resident) -> None:
    grant = grant_for(alice, sam)
    response = signed_in(client, dora).post(f"/sharing/break-glass/{grant.pk}/review/", {})
    assert response.status_code == 400
    assert "Say whether the emergency access was justified" in response.content.decode()
    grant.refresh_from_db()
    assert grant.review_status == "pending"


def test_a_data_protection_lead_cannot_review_their_own_grant(
    client: Client, dora: User, sam: Resident
) -> None:
    grant = grant_for(dora, sam)
    signed_in(client, dora)
    page = client.get(f"/sharing/break-glass/{grant.pk}/").content.decode()
    assert "Record the review" not in page
    assert "Someone else must review your own emergency access" in page
    response = client.post(f"/sharing/break-glass/{grant.pk}/review/", {"outcome": "justified"})
    assert response.status_code == 400
    assert "Someone else must review your own emergency access" in response.content.decode()
    grant.refresh_from_db()
    assert grant.review_status == "pending"


def test_an_administrator_cannot_review(
    client: Client, hub: Organisation, alice: User, sam: Resident
) -> None:
    grant = grant_for(alice, sam)
    admin = factories.make_user(hub, Role.ADMIN)
    response = signed_in(client, admin).post(
        f"/sharing/break-glass/{grant.pk}/review/", {"outcome": "justified"}
    )
    assert response.status_code == 400
    assert "Only a data protection lead can review" in response.content.decode()


def test_a_guide_sees_only_their_own_grants(
    client: Client, hub: Organisation, alice: User, sam: Resident
) -> None:
    grant = grant_for(alice, sam)
    other_guide = factories.make_user(hub, Role.LOCAL_GUIDE)
    assert (
        signed_in(client, other_guide).get(f"/sharing/break-glass/{grant.pk}/").status_code == 404
    )
