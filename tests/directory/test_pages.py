"""Staff pages under /directory/: sign-in, roles, POST-only changes, forms and the review step."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from django.test import Client
from django.urls import URLPattern, get_resolver, reverse

from doorstep.accounts.models import Organisation as DoorstepOrganisation
from doorstep.accounts.models import User
from doorstep.directory import urls as directory_urls
from doorstep.directory.models import Organisation, ReviewState, Service
from tests.directory.factories import make_provider, make_service, make_term
from tests.directory.object_factories import (
    DIRECTORY_OBJECT_FACTORIES,
    DIRECTORY_STATE_CHANGING,
)
from tests.factories import make_postcode
from tests.helpers import signed_in

pytestmark = pytest.mark.django_db
SAMPLE = uuid.UUID("00000000-0000-4000-8000-000000000001")


def directory_routes() -> list[tuple[str, str]]:
    """Every staff URL with sample ids, and whether it is a page (GET) or a change (POST)."""
    routes = []
    for pattern in directory_urls.urlpatterns:
        assert isinstance(pattern, URLPattern)
        kwargs = {name: SAMPLE for name in pattern.pattern.converters}
        view = pattern.callback.__name__
        method = "GET" if view.endswith(("_home", "_list", "_new", "_edit", "_detail")) else "POST"
        routes.append((reverse(f"directory:{pattern.name}", kwargs=kwargs), method))
    return routes


def test_every_directory_page_needs_a_sign_in(client: Client) -> None:
    for path, method in directory_routes():
        response = client.get(path) if method == "GET" else client.post(path)
        assert response.status_code == 302, path
        assert response["Location"].startswith(reverse("login")), path


def test_every_change_is_post_only(client: Client, alice: User) -> None:
    signed_in(client, alice)
    changes = [path for path, method in directory_routes() if method == "POST"]
    assert len(changes) >= 12
    for path in changes:
        assert client.get(path).status_code == 405, path


def test_the_pages_and_the_api_have_their_own_namespaces() -> None:
    names = {p.name for p in get_resolver().url_patterns if isinstance(p, URLPattern)}
    assert "openreferral" not in names  # mounted as its own namespace
    assert get_resolver().namespace_dict.keys() >= {"directory", "openreferral"}


def test_another_organisations_entries_are_not_found(
    client: Client, hub: DoorstepOrganisation, alice: User, charlie: User
) -> None:
    signed_in(client, charlie)
    for name, factory in DIRECTORY_OBJECT_FACTORIES.items():
        url = reverse(name, kwargs=factory(hub, alice))
        expected = 405 if name in DIRECTORY_STATE_CHANGING else 404
        assert client.get(url).status_code == expected, name
        if name in DIRECTORY_STATE_CHANGING:
            assert client.post(url).status_code == 404, name
    home = client.get(reverse("directory:home"), {"state": "in_review"}).content.decode()
    assert "Example service" not in home
    assert "Example Trust" not in client.get(reverse("directory:organisations")).content.decode()


def test_a_service_form_offers_only_the_editors_own_organisations(
    client: Client, alice: User, charlie: User
) -> None:
    theirs = make_provider("Their trust", owner=charlie.organisation)
    make_provider("Our trust")
    signed_in(client, alice)
    form = client.get(reverse("directory:service_new")).content.decode()
    assert "Our trust" in form and "Their trust" not in form
    response = client.post(reverse("directory:service_create"), service_form(theirs))
    assert response.status_code == 400
    assert not Service.objects.exists()


def test_a_role_without_directory_pages_is_refused(client: Client, vera: User) -> None:
    signed_in(client, vera)
    assert client.get(reverse("directory:home")).status_code == 403


def test_a_change_needs_the_csrf_token(alice: User) -> None:
    client = signed_in(Client(enforce_csrf_checks=True), alice)
    response = client.post(reverse("directory:organisation_create"), {"name": "Trust"})
    assert response.status_code == 403
    assert not Organisation.objects.exists()


def test_the_home_page_lists_services_by_review_state(client: Client, alice: User) -> None:
    make_service("Waiting one", state=ReviewState.IN_REVIEW)
    make_service("Published one")
    signed_in(client, alice)
    page = client.get(reverse("directory:home")).content.decode()
    assert "Waiting one" in page and "Published one" not in page
    page = client.get(reverse("directory:home"), {"state": "published"}).content.decode()
    assert "Published one" in page and "Waiting for review (1)" in page


def test_adding_an_organisation(client: Client, alice: User) -> None:
    signed_in(client, alice)
    assert client.get(reverse("directory:organisation_new")).status_code == 200
    response = client.post(
        reverse("directory:organisation_create"),
        {"name": "Gorse Hill Kitchen", "description": "Neighbours cooking", "website": "x y"},
    )
    assert response.status_code == 400
    assert "Enter a web address like https://example.org" in response.content.decode()
    response = client.post(
        reverse("directory:organisation_create"),
        {"name": "Gorse Hill Kitchen", "description": "Neighbours cooking"},
    )
    assert response.status_code == 302
    assert Organisation.objects.get().source == "doorstep"


def test_editing_an_organisation(client: Client, alice: User) -> None:
    organisation = make_provider("Old name")
    signed_in(client, alice)
    edit = client.get(reverse("directory:organisation_edit", args=[organisation.pk]))
    assert "Old name" in edit.content.decode()
    client.post(
        reverse("directory:organisation_update", args=[organisation.pk]),
        {"name": "New name", "description": "Still cooking"},
    )
    organisation.refresh_from_db()
    assert organisation.name == "New name"


def service_form(organisation: Organisation, **changes: Any) -> dict[str, Any]:
    form: dict[str, Any] = {
        "organisation": str(organisation.pk),
        "name": "Halal community kitchen",
        "description": "Hot meals",
        "status": "active",
        "current_load": "0",
        "capacity_per_week": "100",
    }
    form.update(changes)
    return form


def test_adding_a_service_makes_a_draft(client: Client, alice: User) -> None:
    organisation = make_provider()
    halal = make_term("Halal")
    signed_in(client, alice)
    assert client.get(reverse("directory:service_new")).status_code == 200
    response = client.post(
        reverse("directory:service_create"), service_form(organisation, terms=[str(halal.pk)])
    )
    service = Service.objects.get()
    assert response["Location"] == reverse("directory:service", args=[service.pk])
    assert (service.review_state, service.last_edited_by) == (ReviewState.DRAFT, alice)
    assert "halal" in service.search_text
    assert client.get(response["Location"]).status_code == 200


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"capacity_per_week": "0"}, "Capacity must be at least 1"),
        ({"current_load": "-1"}, "The current load cannot be negative"),
        ({"minimum_age": "60", "maximum_age": "18"}, "The oldest age must not be below"),
        ({"name": ""}, "Enter the name of the service"),
    ],
)
def test_a_service_form_with_bad_input_says_why(
    client: Client, alice: User, changes: dict[str, str], message: str
) -> None:
    signed_in(client, alice)
    form = service_form(make_provider(), **changes)
    response = client.post(reverse("directory:service_create"), form)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Service.objects.exists()


def test_editing_a_published_service_sends_it_back_to_draft(client: Client, alice: User) -> None:
    service = make_service("Sale food bank")
    signed_in(client, alice)
    edit = client.get(reverse("directory:service_edit", args=[service.pk])).content.decode()
    assert "takes this service out of the public directory" in edit
    form = service_form(service.organisation, name="Sale food bank", fees="Free")
    client.post(reverse("directory:service_update", args=[service.pk]), form)
    service.refresh_from_db()
    assert (service.review_state, service.fees) == (ReviewState.DRAFT, "Free")


def test_adding_where_when_and_whom_to_contact(client: Client, alice: User) -> None:
    make_postcode("M32 0TA", (53.45, -2.31))
    service = make_service(state=ReviewState.DRAFT)
    signed_in(client, alice)
    base = [service.pk]
    client.post(
        reverse("directory:location_add", args=base),
        {"name": "Hub", "address_1": "1 Road", "city": "Stretford", "postcode": "m320ta"},
    )
    link = service.at_locations.get()
    assert (link.location.latitude, link.location.addresses.get().postal_code) == (53.45, "M32 0TA")
    bad = client.post(
        reverse("directory:schedule_add", args=base),
        {"days": ["MO"], "opens_at": "14:00", "closes_at": "09:00"},
    )
    assert bad.status_code == 400
    assert "The closing time must be after the opening time" in bad.content.decode()
    client.post(
        reverse("directory:schedule_add", args=base),
        {"days": ["MO", "WE"], "opens_at": "09:00", "closes_at": "12:00"},
    )
    assert service.schedules.get().byday == "MO,WE"
    client.post(
        reverse("directory:contact_add", args=base), {"name": "Reception", "phone": "0161 496 0000"}
    )
    assert service.contacts.get().phones.get().number.startswith("+44161")
    page = client.get(reverse("directory:service", args=base)).content.decode()
    assert "Hub" in page and "Monday, Wednesday" in page and "Reception" in page


def test_removing_parts_of_a_service(client: Client, alice: User) -> None:
    service = make_service(state=ReviewState.DRAFT)
    other = make_service(state=ReviewState.DRAFT)
    signed_in(client, alice)
    client.post(
        reverse("directory:contact_add", args=[service.pk]), {"name": "Reception", "phone": ""}
    )
    contact = service.contacts.get()
    wrong = client.post(reverse("directory:contact_remove", args=[other.pk, contact.pk]))
    assert wrong.status_code == 404
    client.post(reverse("directory:contact_remove", args=[service.pk, contact.pk]))
    assert not service.contacts.exists()


def test_the_review_step_through_the_pages(
    client: Client, alice: User, bob: User, dave: User
) -> None:
    service = make_service("Gorse Hill kitchen", state=ReviewState.DRAFT)
    pk = [service.pk]
    signed_in(client, alice)
    client.post(reverse("directory:service_submit", args=pk))
    refused = client.post(reverse("directory:service_publish", args=pk))
    assert refused.status_code == 400
    assert "Only a coordinator or an administrator" in refused.content.decode()
    signed_in(client, bob)
    page = client.get(reverse("directory:service", args=pk)).content.decode()
    assert "Publish</button>" in page
    client.post(reverse("directory:service_publish", args=pk))
    service.refresh_from_db()
    assert service.review_state == ReviewState.PUBLISHED
    assert client.get("/openreferral/services").json()["total_items"] == 1


def test_the_one_who_sent_it_cannot_publish_it_on_the_page(
    client: Client, bob: User, dave: User
) -> None:
    service = make_service(state=ReviewState.DRAFT)
    signed_in(client, bob)
    client.post(reverse("directory:service_submit", args=[service.pk]))
    page = client.get(reverse("directory:service", args=[service.pk])).content.decode()
    assert "Publish</button>" not in page and "Someone else must publish it" in page
    response = client.post(reverse("directory:service_publish", args=[service.pk]))
    assert response.status_code == 400
    service.refresh_from_db()
    assert service.review_state == ReviewState.IN_REVIEW


def test_sending_back_needs_a_reason(client: Client, alice: User, bob: User) -> None:
    service = make_service(state=ReviewState.IN_REVIEW, submitted_by=alice)
    signed_in(client, bob)
    url = reverse("directory:service_return", args=[service.pk])
    assert "Say why" in client.post(url, {"reason": ""}).content.decode()
    client.post(url, {"reason": "Add opening times"})
    service.refresh_from_db()
    assert service.review_state == ReviewState.DRAFT


def test_the_home_page_costs_a_fixed_number_of_queries(
    client: Client, alice: User, django_assert_max_num_queries: Any
) -> None:
    for _ in range(30):
        make_service(state=ReviewState.IN_REVIEW)
    signed_in(client, alice)
    with django_assert_max_num_queries(12):
        assert client.get(reverse("directory:home")).status_code == 200
