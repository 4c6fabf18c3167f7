from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client

from doorstep.accounts.models import Organisation, Role, User
from doorstep.lib import clock
from doorstep.sharing.demo import load_demo_agreements
from doorstep.sharing.models import Agreement
from tests import factories
from tests.helpers import signed_in


@pytest.fixture
def dpo(hub: Organisation) -> User:
    return factories.make_user(hub, Role.DATA_PROTECTION_LEAD, username="dina", first_name="Dina")


@pytest.fixture
def agreements(hub: Organisation, dpo: User) -> list[Agreement]:
    partners = {
        key: factories.make_organisation(key) for key in ("nhs", "kitchen", "mutual_aid", "faith")
    }
    return load_demo_agreements(dpo, hub, partners, clock.now().date())


def test_the_dashboard_shows_agreements_and_overdue_reviews(
    client: Client, dpo: User, agreements: list[Agreement]
) -> None:
    page = signed_in(client, dpo).get("/sharing/").content.decode()
    for agreement in agreements:
        assert agreement.title in page
    assert '<dd class="govuk-summary-list__value" id="overdue">1</dd>' in page
    assert "Overdue" in page


def test_guides_cannot_open_the_dashboard(client: Client, alice: User) -> None:
    assert signed_in(client, alice).get("/sharing/").status_code == 403


def test_suspending_needs_a_reason_and_stops_sharing(
    client: Client, dpo: User, agreements: list[Agreement]
) -> None:
    active = agreements[0]
    signed_in(client, dpo)
    refused = client.post(f"/sharing/agreements/{active.pk}/suspend/", {"reason": ""})
    assert refused.status_code == 400
    assert "Say why" in refused.content.decode()
    client.post(f"/sharing/agreements/{active.pk}/suspend/", {"reason": "Breach reported"})
    active.refresh_from_db()
    assert active.status == Agreement.Status.SUSPENDED
    assert active.status_note == "Breach reported"


def test_a_review_sets_the_next_date(
    client: Client, dpo: User, agreements: list[Agreement]
) -> None:
    overdue = agreements[2]
    next_review = clock.now().date() + dt.timedelta(days=365)
    signed_in(client, dpo).post(
        f"/sharing/agreements/{overdue.pk}/review/",
        {"review_date": next_review.isoformat(), "note": "Still needed"},
    )
    overdue.refresh_from_db()
    assert overdue.review_date == next_review
    assert overdue.last_reviewed_by == dpo


def test_a_review_date_in_the_past_is_refused(
    client: Client, dpo: User, agreements: list[Agreement]
) -> None:
    response = signed_in(client, dpo).post(
        f"/sharing/agreements/{agreements[0].pk}/review/", {"review_date": "2020-01-01"}
    )
    assert response.status_code == 400
    assert "must be in the future" in response.content.decode()


def test_a_draft_can_be_activated(client: Client, dpo: User, agreements: list[Agreement]) -> None:
    draft = agreements[3]
    signed_in(client, dpo).post(f"/sharing/agreements/{draft.pk}/activate/")
    draft.refresh_from_db()
    assert draft.status == Agreement.Status.ACTIVE
