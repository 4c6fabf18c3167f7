"""The public Open Referral UK API at /openreferral/: paging, search, filters, what is served."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from doorstep.directory.models import ReviewState
from tests.directory.factories import (
    make_full_service,
    make_location,
    make_provider,
    make_schedule,
    make_service,
    make_taxonomy,
    make_term,
)
from tests.factories import make_postcode

pytestmark = pytest.mark.django_db


def get(client: Client, path: str, status: int = 200, **params: Any) -> Any:
    response = client.get(f"/openreferral{path}", params)
    assert response.status_code == status, response.content
    return response.json()


def names(page: dict[str, Any]) -> list[str]:
    return [item["name"] for item in page["contents"]]


def test_the_root_says_which_version_and_profile(client: Client) -> None:
    info = get(client, "/")
    assert info["version"] == "HSDS-UK-3.0"
    assert info["profile"].startswith("https://")
    assert info["openapi_url"].endswith("openapi.json")


def test_it_needs_no_sign_in_and_has_its_own_openapi(client: Client) -> None:
    schema = get(client, "/openapi.json")
    assert "/openreferral/services" in schema["paths"]
    assert not any(path.startswith("/api/") for path in schema["paths"])


def test_services_come_in_the_profiles_page_shape(client: Client) -> None:
    for n in range(5):
        make_service(f"Service {n}")
    page = get(client, "/services", per_page=2, page=2)
    assert {k: v for k, v in page.items() if k != "contents"} == {
        "total_items": 5,
        "total_pages": 3,
        "page_number": 2,
        "size": 2,
        "first_page": False,
        "last_page": False,
        "empty": False,
    }
    assert names(page) == ["Service 2", "Service 3"]


def test_the_last_page_and_a_page_past_it(client: Client) -> None:
    for n in range(3):
        make_service(f"Service {n}")
    last = get(client, "/services", per_page=2, page=2)
    assert (last["last_page"], last["size"], names(last)) == (True, 1, ["Service 2"])
    beyond = get(client, "/services", per_page=2, page=9)
    assert (beyond["empty"], beyond["size"], beyond["contents"]) == (True, 0, [])


def test_an_empty_directory_is_one_empty_first_page(client: Client) -> None:
    page = get(client, "/services")
    assert page["total_items"] == 0
    assert page["first_page"] and page["last_page"] and page["empty"]


@pytest.mark.parametrize(
    "params", [{"page": 0}, {"per_page": 0}, {"per_page": 501}, {"page": "two"}]
)
def test_it_rejects_paging_out_of_range(client: Client, params: dict[str, object]) -> None:
    problem = get(client, "/services", 422, **params)
    assert problem["detail"][0]["loc"] == ["query", next(iter(params))]


def test_a_draft_or_a_service_in_review_is_not_served(client: Client) -> None:
    draft = make_service("Draft food bank", state=ReviewState.DRAFT)
    waiting = make_service("Waiting food bank", state=ReviewState.IN_REVIEW)
    make_service("Published food bank")
    assert names(get(client, "/services")) == ["Published food bank"]
    get(client, f"/services/{draft.pk}", 404)
    get(client, f"/services/{waiting.pk}", 404)


def test_search_matches_every_word_in_any_case(client: Client) -> None:
    make_service("Halal community kitchen", description="Hot meals in Stretford")
    make_service("Community kitchen", description="Vegetarian meals in Sale")
    assert names(get(client, "/services", search="KITCHEN stretford")) == [
        "Halal community kitchen"
    ]
    assert len(get(client, "/services", search="kitchen")["contents"]) == 2
    assert get(client, "/services", search="kitchen altrincham")["empty"]


def test_search_also_finds_the_organisation_terms_and_place(client: Client) -> None:
    term = make_term("Debt advice")
    service = make_service("Drop-in", organisation=make_provider("Money Matters"), terms=(term,))
    make_location(service, name="Old Trafford Centre", postcode="M16 9FF")
    make_service("Other")
    for words in ("money matters", "debt", "old trafford", "m16 9ff"):
        assert names(get(client, "/services", search=words)) == ["Drop-in"], words


def test_text_is_taken_as_search_too(client: Client) -> None:
    make_service("Food bank")
    make_service("Befriending")
    assert names(get(client, "/services", text="food")) == ["Food bank"]


def test_it_filters_by_taxonomy_term_and_taxonomy(client: Client) -> None:
    categories, diets = make_taxonomy("Categories"), make_taxonomy("Diets")
    halal = make_term("Halal", diets)
    kitchen = make_term("Kitchen", categories)
    make_service("Halal kitchen", terms=(halal, kitchen))
    make_service("Kitchen", terms=(kitchen,))
    make_service("Untagged")
    assert names(get(client, "/services", taxonomy_term_id=str(halal.pk))) == ["Halal kitchen"]
    assert names(get(client, "/services", taxonomy_id=str(categories.pk))) == [
        "Halal kitchen",
        "Kitchen",
    ]


def test_it_filters_by_organisation_and_ages(client: Client) -> None:
    trust = make_provider("Trust")
    make_service("Youth club", organisation=trust, minimum_age=11, maximum_age=18)
    make_service("Lunch club", minimum_age=60)
    assert names(get(client, "/services", organization_id=str(trust.pk))) == ["Youth club"]
    assert names(get(client, "/services", minimum_age=50)) == ["Lunch club"]
    assert names(get(client, "/services", maximum_age=18)) == ["Youth club"]


def test_it_filters_by_day_and_opening_times(client: Client) -> None:
    make_schedule(make_service("Morning"), byday="MO,TU", opens="09:00", closes="12:00")
    make_schedule(make_service("Evening"), byday="TU", opens="18:00", closes="20:00")
    assert names(get(client, "/services", day="MO")) == ["Morning"]
    assert names(get(client, "/services", day="tuesday")) == ["Evening", "Morning"]
    assert names(get(client, "/services", start_time="17:00")) == ["Evening"]
    assert names(get(client, "/services", end_time="13:00")) == ["Morning"]


@pytest.mark.parametrize(
    "params",
    [
        {"taxonomy_term_id": "not-a-uuid"},
        {"taxonomy_id": "1"},
        {"organization_id": "x"},
        {"day": "someday"},
        {"start_time": "noon"},
    ],
)
def test_it_names_a_filter_it_cannot_use(client: Client, params: dict[str, str]) -> None:
    problem = get(client, "/services", 422, **params)
    assert problem["detail"][0]["loc"] == ["query", next(iter(params))]


def test_a_full_service_nests_everything(client: Client) -> None:
    service = make_full_service()
    document = get(client, f"/services/{service.pk}")
    assert document["organization"]["organization_identifiers"][0]["identifier"] == "1234567"
    location = document["service_at_locations"][0]["location"]
    assert location["addresses"][0]["postal_code"] == "M32 8BP"
    assert location["accessibility"][0]["description"] == "Step-free entrance"
    assert document["schedules"][0]["byday"] == "MO,WE"
    assert document["schedules"][0]["opens_at"] == "10:00:00"
    assert document["attributes"][0]["taxonomy_term"]["name"] == "Food bank"
    assert document["languages"][0]["code"] == "fr"
    assert document["contacts"][0]["phones"][0]["number"] == "0161 496 0000"
    assert document["service_areas"][0]["service_area"] == "All of Trafford"


def test_blank_optional_fields_are_left_out(client: Client) -> None:
    service = make_service("Plain", description="")
    document = get(client, f"/services/{service.pk}")
    assert "url" not in document and "email" not in document and "description" not in document
    assert document["organization"]["description"]  # required by the profile


def test_an_unknown_or_malformed_id_is_not_found(client: Client) -> None:
    for path in ("services", "service_at_locations", "organizations", "taxonomies"):
        get(client, f"/{path}/00000000-0000-4000-8000-000000000000", 404)
        get(client, f"/{path}/not-a-uuid", 404)
    get(client, "/taxonomy_terms/nope", 404)


def test_service_at_locations_list_and_detail(client: Client) -> None:
    service = make_full_service()
    hidden = make_service("Draft", state=ReviewState.DRAFT)
    make_location(hidden)
    page = get(client, "/service_at_locations")
    assert page["total_items"] == 1
    link = page["contents"][0]
    assert link["service"]["name"] == service.name
    assert link["location"]["name"] == "Stretford Hub"
    full = get(client, f"/service_at_locations/{link['id']}")
    assert full["location"]["addresses"][0]["city"] == "Stretford"
    assert full["service"]["schedules"][0]["closes_at"] == "12:00:00"


def test_service_at_locations_near_a_postcode_nearest_first(client: Client) -> None:
    make_postcode("M32 0TA", (53.45, -2.31))
    make_location(make_service("Far"), name="Altrincham", point=(53.3989, -2.3485))
    make_location(make_service("Near"), name="Stretford", point=(53.449, -2.3064))
    make_location(make_service("Nearer"), name="Gorse Hill", point=(53.4502, -2.3099))
    page = get(client, "/service_at_locations", postcode="m32 0ta", proximity="2000")
    assert [c["service"]["name"] for c in page["contents"]] == ["Nearer", "Near"]
    assert page["total_items"] == 2
    everything = get(client, "/service_at_locations", postcode="M32 0TA")
    assert everything["total_items"] == 3


@pytest.mark.parametrize(
    ("params", "status"),
    [
        ({"postcode": "not a postcode"}, 422),
        ({"postcode": "M32 0TA", "proximity": "-5"}, 422),
        ({"postcode": "M1 1AA"}, 400),
        ({"proximity": "500"}, 400),
    ],
)
def test_it_explains_a_place_filter_it_cannot_use(
    client: Client, params: dict[str, str], status: int
) -> None:
    make_postcode("M32 0TA", (53.45, -2.31))
    assert "detail" in get(client, "/service_at_locations", status, **params)


def test_organisations_are_served_only_with_a_published_service(client: Client) -> None:
    served = make_provider("Served")
    make_service("Published", organisation=served)
    make_service("Draft", organisation=served, state=ReviewState.DRAFT)
    make_service("Hidden", organisation=make_provider("Hidden"), state=ReviewState.DRAFT)
    make_provider("Empty")
    assert names(get(client, "/organizations")) == ["Served"]
    document = get(client, f"/organizations/{served.pk}")
    assert [s["name"] for s in document["services"]] == ["Published"]


def test_taxonomies_and_their_terms(client: Client) -> None:
    taxonomy = make_taxonomy("Categories")
    parent = make_term("Food", taxonomy)
    child = make_term("Food bank", taxonomy, parent=parent)
    make_term("Loose")
    assert names(get(client, "/taxonomies")) == ["Categories"]
    one = get(client, f"/taxonomies/{taxonomy.pk}")
    assert sorted(t["name"] for t in one["taxonomy_terms"]) == ["Food", "Food bank"]
    assert get(client, "/taxonomy_terms")["total_items"] == 3
    assert names(get(client, "/taxonomy_terms", taxonomy_id=str(taxonomy.pk))) == [
        "Food",
        "Food bank",
    ]
    assert names(get(client, "/taxonomy_terms", parent_id=str(parent.pk))) == ["Food bank"]
    assert names(get(client, "/taxonomy_terms", top_only=True)) == ["Food", "Loose"]
    term = get(client, f"/taxonomy_terms/{child.pk}")
    assert (term["parent_id"], term["taxonomy"]) == (str(parent.pk), "Categories")


def test_services_cost_the_same_few_queries_however_many(
    client: Client, django_assert_max_num_queries: Any
) -> None:
    term = make_term("Food bank")
    for n in range(60):
        make_location(make_full_service(name=f"Service {n:02}") if n < 3 else make_service())
        make_service(terms=(term,))
    with django_assert_max_num_queries(3):
        page = get(client, "/services", search="service", taxonomy_term_id=str(term.pk))
    with django_assert_max_num_queries(3):
        page = get(client, "/services", per_page=100)
    assert page["size"] == 100


def test_nested_endpoints_have_a_fixed_query_count(
    client: Client, django_assert_max_num_queries: Any
) -> None:
    services = [make_full_service(name=f"Service {n}") for n in range(3)]
    organisation = services[0].organisation
    for n in range(5):
        make_full_service(name=f"More {n}", organisation=organisation)
    with django_assert_max_num_queries(14):
        get(client, f"/services/{services[0].pk}")
    with django_assert_max_num_queries(16):
        get(client, f"/organizations/{organisation.pk}")
    with django_assert_max_num_queries(3):
        get(client, "/service_at_locations", per_page=100)
