"""Pages: a resident's rights requests and holds, with the forms each role may use."""

from __future__ import annotations

from django.test import Client

from doorstep.accounts.models import Organisation, Role, User
from doorstep.people.models import Resident
from doorstep.sharing.holds import place_hold, raise_rights_request
from doorstep.sharing.models import Hold, RightsRequest
from tests import factories
from tests.helpers import signed_in


def rights_url(resident: Resident) -> str:
    return f"/sharing/residents/{resident.pk}/rights/"


def test_a_guide_records_a_restriction_and_the_page_warns_of_it(
    client: Client, alice: User, sam: Resident
) -> None:
    signed_in(client, alice)
    assert "Restricted:" not in client.get(rights_url(sam)).content.decode()
    response = client.post(
        rights_url(sam) + "raise/", {"kind": "restriction", "note": "Asked us to pause"}
    )
    assert response.status_code == 302
    flag = RightsRequest.objects.get()
    assert (flag.kind, flag.note, flag.raised_by) == ("restriction", "Asked us to pause", alice)
    page = client.get(rights_url(sam)).content.decode()
    assert "Restricted:" in page
    assert "Asked us to pause" in page


def test_an_objection_can_name_the_uses_it_is_about(
    client: Client, alice: User, sam: Resident
) -> None:
    signed_in(client, alice).post(
        rights_url(sam) + "raise/",
        {"kind": "objection", "purposes": ["referral", "task"], "note": ""},
    )
    assert RightsRequest.objects.get().purposes == ["referral", "task"]


def test_only_an_objection_names_uses(client: Client, alice: User, sam: Resident) -> None:
    response = signed_in(client, alice).post(
        rights_url(sam) + "raise/", {"kind": "restriction", "purposes": ["referral"]}
    )
    assert response.status_code == 400
    assert "Only an objection names the uses" in response.content.decode()
    assert not RightsRequest.objects.exists()


def test_a_request_needs_its_kind(client: Client, alice: User, sam: Resident) -> None:
    response = signed_in(client, alice).post(rights_url(sam) + "raise/", {"note": "?"})
    assert response.status_code == 400
    assert "Choose what they asked for" in response.content.decode()


def test_only_the_data_protection_lead_resolves(
    client: Client, alice: User, dora: User, sam: Resident
) -> None:
    flag = raise_rights_request(alice, sam, "rectification", "Year of birth is wrong")
    resolve = f"/sharing/rights-requests/{flag.pk}/resolve/"
    signed_in(client, alice)
    assert "Resolve: " not in client.get(rights_url(sam)).content.decode()
    refused = client.post(resolve, {f"resolve-{flag.pk}-resolution": "Fixed"})
    assert refused.status_code == 400
    assert "Only the data protection lead" in refused.content.decode()
    signed_in(client, dora)
    assert "Resolve: " in client.get(rights_url(sam)).content.decode()
    empty = client.post(resolve, {f"resolve-{flag.pk}-resolution": ""})
    assert empty.status_code == 400
    assert "Say what was done" in empty.content.decode()
    done = client.post(resolve, {f"resolve-{flag.pk}-resolution": "Corrected to 1948"})
    assert done.status_code == 302
    flag.refresh_from_db()
    assert (flag.resolution, flag.resolved_by) == ("Corrected to 1948", dora)


def test_the_data_protection_lead_places_and_lifts_a_legal_hold(
    client: Client, dora: User, sam: Resident
) -> None:
    place = f"/sharing/residents/{sam.pk}/holds/place/"
    signed_in(client, dora)
    short = client.post(place, {"hold_kind": "legal", "hold_reason": "Court"})
    assert short.status_code == 400
    assert "at least 10 characters" in short.content.decode()
    client.post(place, {"hold_kind": "legal", "hold_reason": "Solicitor's letter: claim expected"})
    hold = Hold.objects.get()
    assert (hold.kind, hold.placed_by, hold.lifted_at) == ("legal", dora, None)
    assert "Lift<span" in client.get(rights_url(sam)).content.decode()
    assert client.post(f"/sharing/holds/{hold.pk}/lift/").status_code == 302
    hold.refresh_from_db()
    assert hold.lifted_by == dora


def test_a_safeguarding_lead_may_place_only_a_safeguarding_hold(
    client: Client, hub: Organisation, sam: Resident
) -> None:
    lead = factories.make_user(hub, Role.SAFEGUARDING_LEAD)
    signed_in(client, lead)
    page = client.get(rights_url(sam)).content.decode()
    assert 'value="safeguarding"' in page
    assert 'value="legal"' not in page
    place = f"/sharing/residents/{sam.pk}/holds/place/"
    refused = client.post(place, {"hold_kind": "legal", "hold_reason": "Court case expected"})
    assert refused.status_code == 400
    assert "Your role cannot place that kind of hold" in refused.content.decode()
    client.post(place, {"hold_kind": "safeguarding", "hold_reason": "Police enquiry open"})
    assert Hold.objects.get().kind == "safeguarding"


def test_a_guide_sees_holds_but_cannot_place_or_lift_them(
    client: Client, alice: User, dora: User, sam: Resident
) -> None:
    hold = place_hold(dora, sam, "legal", "Solicitor's letter: claim expected")
    signed_in(client, alice)
    page = client.get(rights_url(sam)).content.decode()
    assert "Solicitor&#x27;s letter" in page
    assert "Place the hold" not in page
    refused = client.post(f"/sharing/holds/{hold.pk}/lift/")
    assert refused.status_code == 400
    assert "Your role cannot place or lift this kind of hold" in refused.content.decode()
    hold.refresh_from_db()
    assert hold.lifted_at is None


def test_volunteers_cannot_open_the_page(client: Client, hub: Organisation, sam: Resident) -> None:
    volunteer = factories.make_user(hub, Role.VOLUNTEER)
    assert signed_in(client, volunteer).get(rights_url(sam)).status_code == 403


def test_another_organisations_resident_is_404(
    client: Client, charlie: User, alice: User, sam: Resident
) -> None:
    flag = raise_rights_request(alice, sam, "objection")
    signed_in(client, charlie)
    assert client.get(rights_url(sam)).status_code == 404
    assert client.post(rights_url(sam) + "raise/", {"kind": "objection"}).status_code == 404
    assert client.post(f"/sharing/rights-requests/{flag.pk}/resolve/").status_code == 404
