"""Pages: drafting a data sharing agreement, and changing a draft's terms."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from doorstep.accounts.models import Organisation, User
from doorstep.audit.models import AuditEvent
from doorstep.sharing.models import Agreement
from tests.helpers import signed_in
from tests.sharing.factories import make_agreement


def terms(hub: Organisation, nhs: Organisation, **changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "title": "Hospital discharge support",
        f"party_{hub.pk}": "controller",
        f"party_{nhs.pk}": "recipient",
        "purposes": ["referral", "casework"],
        "lawful_basis": "public_task",
        "special_category_condition": "art9_2h_sch1_p2_health_social_care",
        "fields_resident": ["first_name", "phone", "accessibility_needs"],
        "fields_need": ["code"],
        "retention_resident": "365",
        "starts": "2026-12-01",
        "review_date": "1 6 2027",
        "ends": "",
    }
    data.update(changes)
    return data


def test_the_dashboard_links_to_the_form(client: Client, dora: User) -> None:
    page = signed_in(client, dora).get("/sharing/").content.decode()
    assert 'href="/sharing/agreements/new/"' in page


def test_the_form_offers_every_organisation_and_the_catalogue(
    client: Client, dora: User, hub: Organisation, nhs: Organisation
) -> None:
    page = signed_in(client, dora).get("/sharing/agreements/new/").content.decode()
    assert f'name="party_{nhs.pk}"' in page
    assert '<option value="controller" selected>' in page  # the drafter's own organisation
    assert "Accessibility needs (special category)" in page
    assert 'name="fields_help_request"' in page
    assert 'value="art9_2g_sch1_p18_safeguarding"' in page


def test_a_draft_is_saved_with_every_term(
    client: Client, dora: User, hub: Organisation, nhs: Organisation
) -> None:
    response = signed_in(client, dora).post("/sharing/agreements/create/", terms(hub, nhs))
    agreement = Agreement.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/sharing/agreements/{agreement.pk}/"
    assert agreement.status == "draft"
    parties = {p.organisation_id: p.role for p in agreement.parties.all()}
    assert parties == {hub.pk: "controller", nhs.pk: "recipient"}
    assert agreement.purposes == ["casework", "referral"]
    assert agreement.field_allow_list == {
        "need": ["code"],
        "resident": ["accessibility_needs", "first_name", "phone"],
    }
    assert agreement.special_category_condition == "art9_2h_sch1_p2_health_social_care"
    assert agreement.retention_days == {"resident": 365}
    assert (str(agreement.starts), str(agreement.review_date), agreement.ends) == (
        "2026-12-01",
        "2027-06-01",
        None,
    )
    assert AuditEvent.objects.filter(action="create", subject_type="sharing.Agreement").exists()


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"special_category_condition": ""}, "name the Article 9 condition"),
        ({"title": ""}, "Give the agreement a title"),
        ({"purposes": []}, "Choose at least one purpose"),
        ({"review_date": "2026-11-30"}, "The review date must come after the start date"),
        ({"starts": "31 2 2027"}, "Enter a real date"),
        ({"retention_resident": "0"}, "Enter at least 1 day"),
    ],
)
def test_problems_are_shown_and_nothing_is_saved(
    client: Client,
    dora: User,
    hub: Organisation,
    nhs: Organisation,
    changes: dict[str, Any],
    message: str,
) -> None:
    data = terms(hub, nhs, **changes)
    response = signed_in(client, dora).post("/sharing/agreements/create/", data)
    assert response.status_code == 400
    page = response.content.decode()
    assert "govuk-error-summary" in page
    assert message in page
    assert not Agreement.objects.exists()


def test_the_drafters_organisation_must_be_a_party(
    client: Client, dora: User, hub: Organisation, nhs: Organisation, vcse: Organisation
) -> None:
    data = terms(hub, nhs, **{f"party_{hub.pk}": "", f"party_{vcse.pk}": "controller"})
    response = signed_in(client, dora).post("/sharing/agreements/create/", data)
    assert response.status_code == 400
    assert "Your organisation must be a party" in response.content.decode()
    assert not Agreement.objects.exists()


def test_a_draft_is_changed(
    client: Client, dora: User, hub: Organisation, nhs: Organisation
) -> None:
    draft = make_agreement(dora, {hub: "controller", nhs: "recipient"}, status="draft")
    signed_in(client, dora)
    assert 'id="change-terms"' in client.get(f"/sharing/agreements/{draft.pk}/").content.decode()
    form = client.get(f"/sharing/agreements/{draft.pk}/edit/").content.decode()
    assert f'value="{draft.title}"' in form
    response = client.post(
        f"/sharing/agreements/{draft.pk}/update/", terms(hub, nhs, title="Renamed")
    )
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.title == "Renamed"
    assert draft.field_allow_list["need"] == ["code"]


def test_an_active_agreement_is_never_edited(
    client: Client, dora: User, hub: Organisation, nhs: Organisation, hub_nhs: Agreement
) -> None:
    signed_in(client, dora)
    form = client.get(f"/sharing/agreements/{hub_nhs.pk}/edit/").content.decode()
    assert "Only a draft can be changed" in form
    assert "Save the draft" not in form
    response = client.post(
        f"/sharing/agreements/{hub_nhs.pk}/update/", terms(hub, nhs, title="Renamed")
    )
    assert response.status_code == 400
    hub_nhs.refresh_from_db()
    assert hub_nhs.title == "Hub and NHS"


def test_guides_cannot_draft(client: Client, alice: User) -> None:
    assert signed_in(client, alice).get("/sharing/agreements/new/").status_code == 403
