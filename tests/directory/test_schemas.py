"""Every endpoint's response validates against the Open Referral UK schemas, and so do the
profile's own example responses (a check that the validator itself is right).
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.test import Client
from jsonschema import Draft202012Validator

from doorstep.accounts.models import Organisation as DoorstepOrganisation
from doorstep.directory import validation
from doorstep.directory.demo import load_demo_directory
from doorstep.directory.models import Service, ServiceAtLocation, Taxonomy, TaxonomyTerm
from tests.directory.factories import make_full_service
from tests.factories import make_postcode

PAGE_KEYS = {
    "total_items",
    "total_pages",
    "page_number",
    "size",
    "first_page",
    "last_page",
    "empty",
    "contents",
}


def openreferral_dir() -> Path:
    configured = os.environ.get("DOORSTEP_SHARED_DATA", "")
    data = Path(configured) if configured else Path(settings.BASE_DIR).parent / "shared" / "data"
    folder = data / "openreferral-uk"
    assert folder.is_dir(), f"The Open Referral UK files are not at {folder}"
    return folder


def load(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


def assert_valid(schema: str, document: object) -> None:
    assert validation.errors(schema, document) == []


def assert_valid_page(item_schema: str, page: dict[str, Any]) -> None:
    assert set(page) == PAGE_KEYS
    assert page["contents"], "an empty page proves nothing"
    for item in page["contents"]:
        assert_valid(item_schema, item)


EXAMPLES = {
    "service_full.json": "compiled/service",
    "service_at_location_full.json": "compiled/service_at_location",
    "organization_full.json": "compiled/organization",
    "taxonomy.json": "taxonomy",
    "taxonomy_term.json": "taxonomy_term",
}
EXAMPLE_PAGES = {
    "service_list.json": "compiled/service_list",
    "service_at_location_list.json": "compiled/service_at_location_list",
    "organization_list.json": "compiled/organization_list",
    "taxonomy_list.json": "taxonomy",
    "taxonomy_term_list.json": "taxonomy_term",
}


@pytest.mark.parametrize(("name", "schema"), EXAMPLES.items())
def test_the_profiles_examples_validate(name: str, schema: str) -> None:
    assert_valid(schema, load(openreferral_dir() / "examples" / name))


@pytest.mark.parametrize(("name", "schema"), EXAMPLE_PAGES.items())
def test_the_profiles_example_pages_validate(name: str, schema: str) -> None:
    assert_valid_page(schema, load(openreferral_dir() / "examples" / name))


def test_the_validator_catches_what_the_failing_mocks_get_wrong() -> None:
    mocks = openreferral_dir() / "mocks" / "V3.0-UK-Fail"
    problems = validation.errors("compiled/service", load(mocks / "service_full.json"))
    assert any("is not a 'email'" in p for p in problems)
    problems = validation.errors("taxonomy_term", load(mocks / "taxonomy_term.json"))
    assert any("'description' is a required property" in p for p in problems)


def test_the_validator_rejects_a_broken_service() -> None:
    problems = validation.errors("compiled/service", {"id": "x", "status": "open"})
    assert "id: 'x' is not a 'uuid'" in problems
    assert "(top level): 'name' is a required property" in problems
    assert any(p.startswith("status: 'open' is not one of") for p in problems)


@pytest.mark.parametrize("name", validation.schema_names())
def test_the_packaged_schemas_are_unchanged_copies(name: str) -> None:
    shared = openreferral_dir() / "schema" / f"{name}.json"
    packaged = validation.SCHEMA_DIR / f"{name}.json"
    assert packaged.read_bytes() == shared.read_bytes()


@pytest.fixture
def directory(hub: DoorstepOrganisation) -> None:
    """The demo directory plus one service with one of everything."""
    load_demo_directory()
    make_full_service()
    make_postcode("M32 0TA", (53.45, -2.31))


def get(client: Client, path: str, **params: Any) -> Any:
    response = client.get(f"/openreferral{path}", params)
    assert response.status_code == 200, response.content
    return response.json()


@pytest.mark.usefixtures("directory")
def test_every_list_endpoint_validates(client: Client) -> None:
    pages = {
        "/services": "compiled/service_list",
        "/service_at_locations": "compiled/service_at_location_list",
        "/organizations": "compiled/organization_list",
        "/taxonomies": "taxonomy",
        "/taxonomy_terms": "taxonomy_term",
    }
    for path, schema in pages.items():
        assert_valid_page(schema, get(client, path, per_page=500))
    near = get(client, "/service_at_locations", postcode="M32 0TA", proximity="3000")
    assert_valid_page("compiled/service_at_location_list", near)
    assert_valid_page("compiled/service_list", get(client, "/services", search="halal"))


@pytest.mark.usefixtures("directory")
def test_every_service_validates_in_full(client: Client) -> None:
    for pk in Service.objects.published().values_list("pk", flat=True):
        assert_valid("compiled/service", get(client, f"/services/{pk}"))


@pytest.mark.usefixtures("directory")
def test_every_service_at_location_validates_in_full(client: Client) -> None:
    for pk in ServiceAtLocation.objects.values_list("pk", flat=True):
        assert_valid("compiled/service_at_location", get(client, f"/service_at_locations/{pk}"))


@pytest.mark.usefixtures("directory")
def test_every_organisation_taxonomy_and_term_validates(client: Client) -> None:
    for item in get(client, "/organizations", per_page=500)["contents"]:
        assert_valid("compiled/organization", get(client, f"/organizations/{item['id']}"))
    for pk in Taxonomy.objects.values_list("pk", flat=True):
        assert_valid("taxonomy", get(client, f"/taxonomies/{pk}"))
    for pk in TaxonomyTerm.objects.values_list("pk", flat=True):
        assert_valid("taxonomy_term", get(client, f"/taxonomy_terms/{pk}"))


@pytest.mark.usefixtures("directory")
def test_the_root_validates_against_the_openapi_document(client: Client) -> None:
    openapi = load(openreferral_dir() / "openapi.json")
    schema = openapi["paths"]["/"]["get"]["responses"]["200"]["content"]["application/json"]
    checker = Draft202012Validator(
        schema["schema"], format_checker=Draft202012Validator.FORMAT_CHECKER
    )
    assert validation.describe_errors(checker, get(client, "/")) == []
