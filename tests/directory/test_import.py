"""`manage.py import_openreferral`: valid records in, invalid ones reported, nothing half-written,
and a second import of the same feed updates instead of duplicating.
"""

from __future__ import annotations

import copy
import json
import threading
import uuid
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from io import StringIO
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client

from doorstep.accounts.models import Organisation as DoorstepOrganisation
from doorstep.accounts.models import User
from doorstep.directory.importer import import_records
from doorstep.directory.models import (
    LOCAL_SOURCE,
    Location,
    Organisation,
    ReviewState,
    Schedule,
    Service,
    TaxonomyTerm,
)
from doorstep.directory.upsert import Feed
from tests.directory.factories import make_provider, make_service, the_hub
from tests.directory.test_schemas import load, openreferral_dir

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _a_hub_keeps_what_is_imported(hub: DoorstepOrganisation) -> None:
    """Imports are kept by the hub unless --owner says otherwise."""


def bury() -> Feed:
    return Feed(source="Bury", owner=the_hub())


def example_service() -> dict[str, Any]:
    """The profile's full service example, with its placeholder latitude made real."""
    record: dict[str, Any] = load(openreferral_dir() / "examples" / "service_full.json")
    location = record["service_at_locations"][0]["location"]
    location["latitude"], location["longitude"] = 53.45, -2.31
    return record


def another_service(name: str = "Second service") -> dict[str, Any]:
    """The example again under fresh ids, for a second valid record."""
    text = json.dumps(example_service())
    for old in set(_uuids(example_service())):
        text = text.replace(old, str(uuid.uuid4()))
    record: dict[str, Any] = json.loads(text)
    record["name"] = name
    return record


def _uuids(value: object) -> Iterator[str]:
    if isinstance(value, dict):
        for key, item in value.items():
            if key == "id" or key.endswith("_id"):
                yield str(item)
            yield from _uuids(item)
    elif isinstance(value, list):
        for item in value:
            yield from _uuids(item)


def write(tmp_path: Path, document: object) -> str:
    path = tmp_path / "feed.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    return str(path)


def run(feed: str, *args: str) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("import_openreferral", feed, *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_valid_records_are_imported_and_served(tmp_path: Path, client: Client) -> None:
    out, err = run(write(tmp_path, [example_service(), another_service()]), "--source", "Bury")
    assert out.strip() == "Imported 2 services (2 new, 0 updated); 0 invalid"
    assert err == ""
    service = Service.objects.get(name="Community Counselling")
    assert (service.source, service.review_state) == ("Bury", ReviewState.PUBLISHED)
    served = client.get(f"/openreferral/services/{service.pk}").json()
    assert served["schedules"][0]["byday"] == "TH,FR"
    assert served["attributes"][0]["taxonomy_term"]["id"] == "3f7b145d-84af-42d7-8fae-eaca714b02b2"
    assert served["service_at_locations"][0]["location"]["addresses"][0]["city"] == "MyCity"


def test_invalid_records_are_reported_with_the_reason(tmp_path: Path) -> None:
    bad_email = another_service("Bad email")
    bad_email["email"] = "email-example_com"
    backwards = another_service("Backwards")
    backwards["schedules"][0]["opens_at"] = "19:00:00"
    no_name = {"id": str(uuid.uuid4()), "status": "active"}
    feed = [example_service(), bad_email, backwards, no_name, "not a record"]
    out, err = run(write(tmp_path, feed))
    assert out.strip() == "Imported 1 services (1 new, 0 updated); 4 invalid"
    lines = err.splitlines()
    assert lines[0] == (
        f"  invalid record 2 ({bad_email['id']}): email: 'email-example_com' is not a 'email'"
    )
    assert lines[1].startswith(f"  invalid record 3 ({backwards['id']}): schedule ")
    assert lines[1].endswith("Opening time must be before closing time")
    assert (
        lines[2]
        == f"  invalid record 4 ({no_name['id']}): (top level): 'name' is a required property"
    )
    assert lines[3].startswith("  invalid record 5: (top level): 'not a record' is not of type")
    assert list(Service.objects.values_list("name", flat=True)) == ["Community Counselling"]


def test_a_record_that_fails_half_way_leaves_nothing_behind(tmp_path: Path) -> None:
    record = example_service()  # organisation, service and schedules come before locations
    record["service_at_locations"][0]["location"]["latitude"] = 100
    report = import_records([record], bury())
    assert [p.message for p in report.problems] == [
        "location 3a19ff88-4620-4d17-9830-ac1d859eb5d5: Latitude must be between -90 and 90"
    ]
    assert not Organisation.objects.exists()
    assert not Service.objects.exists()
    assert not Schedule.objects.exists()
    assert not TaxonomyTerm.objects.exists()


def test_importing_the_same_feed_twice_changes_nothing(tmp_path: Path) -> None:
    feed = write(tmp_path, {"contents": [example_service(), another_service()]})
    run(feed)
    counts = _counts()
    out, _ = run(feed)
    assert out.strip() == "Imported 2 services (0 new, 2 updated); 0 invalid"
    assert _counts() == counts


def _counts() -> dict[str, int]:
    from django.apps import apps

    return {
        model.__name__: model._default_manager.count()
        for model in apps.get_app_config("directory").get_models()
        if model.__name__ != "ReviewEvent"
    }


def test_a_reimport_updates_by_id_and_drops_what_the_feed_dropped(tmp_path: Path) -> None:
    record = example_service()
    import_records([record], bury())
    changed = copy.deepcopy(record)
    changed["name"] = "Community Counselling (renamed)"
    changed["schedules"] = []
    changed["organization"]["name"] = "Renamed Organisation"
    report = import_records([changed], bury())
    assert (report.created, report.updated, report.problems) == (0, 1, [])
    service = Service.objects.get(pk=record["id"])
    assert service.name == "Community Counselling (renamed)"
    assert service.organisation.name == "Renamed Organisation"
    assert not service.schedules.exists()
    assert "renamed organisation" in service.search_text


def test_a_reimport_keeps_the_review_state_staff_chose(tmp_path: Path) -> None:
    record = example_service()
    import_records([record], bury())
    Service.objects.filter(pk=record["id"]).update(review_state=ReviewState.DRAFT)
    import_records([record], bury())
    assert Service.objects.get(pk=record["id"]).review_state == ReviewState.DRAFT


def test_it_never_overwrites_a_service_made_in_doorstep(tmp_path: Path) -> None:
    ours = make_service("Ours", source=LOCAL_SOURCE)
    record = example_service()
    record["id"] = str(ours.pk)
    report = import_records([record], bury())
    assert "was made in Doorstep" in report.problems[0].message
    assert Service.objects.get(pk=ours.pk).name == "Ours"


def test_it_never_takes_over_another_doorstep_organisations_entry(
    tmp_path: Path, charlie: User
) -> None:
    theirs = make_provider("Theirs", owner=charlie.organisation)
    record = example_service()
    record["organization"]["id"] = str(theirs.pk)
    report = import_records([record], bury())
    assert "is kept by another Doorstep organisation" in report.problems[0].message
    assert Organisation.objects.get(pk=theirs.pk).name == "Theirs"


def test_the_owner_can_be_chosen(tmp_path: Path, charlie: User) -> None:
    assert charlie.organisation is not None
    run(write(tmp_path, example_service()), "--owner", str(charlie.organisation.pk))
    assert Organisation.objects.get().owner == charlie.organisation
    with pytest.raises(CommandError, match="no Doorstep organisation with id 999"):
        run(write(tmp_path, example_service()), "--owner", "999")


def test_draft_imports_wait_for_review(tmp_path: Path, client: Client) -> None:
    run(write(tmp_path, example_service()), "--draft")
    assert Service.objects.get().review_state == ReviewState.DRAFT
    assert client.get("/openreferral/services").json()["total_items"] == 0


def test_a_service_needs_its_organisation(tmp_path: Path) -> None:
    record = example_service()
    del record["organization"]
    record["organization_id"] = str(uuid.uuid4())
    report = import_records([record], bury())
    assert "needs its organization" in report.problems[0].message


def test_it_refuses_an_unreadable_feed(tmp_path: Path) -> None:
    broken = tmp_path / "broken.json"
    broken.write_text("{not json", encoding="utf-8")
    with pytest.raises(CommandError, match="Cannot read"):
        run(str(broken))
    with pytest.raises(CommandError, match="Cannot read"):
        run(str(tmp_path / "missing.json"))
    with pytest.raises(CommandError, match="neither a list"):
        run(write(tmp_path, {"hello": "world"}))


class FeedHandler(BaseHTTPRequestHandler):
    """A paged /services feed with thin list items, as another council would serve it."""

    records: list[dict[str, Any]] = []

    def do_GET(self) -> None:
        parts = urlsplit(self.path)
        if parts.path == "/services":
            page = int(parse_qs(parts.query).get("page", ["1"])[0])
            item = self.records[page - 1]
            thin = {k: v for k, v in item.items() if not isinstance(v, list | dict)}
            body: object = {"total_pages": len(self.records), "contents": [thin]}
        else:
            body = next(r for r in self.records if parts.path.endswith(r["id"]))
        data = json.dumps(body).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture
def feed_url() -> Iterator[str]:
    FeedHandler.records = [example_service(), another_service()]
    server = ThreadingHTTPServer(("127.0.0.1", 0), FeedHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}/services"
    server.shutdown()
    server.server_close()


def test_it_fetches_every_page_of_a_feed_and_each_service_in_full(feed_url: str) -> None:
    out, _ = run(feed_url)
    assert out.strip() == "Imported 2 services (2 new, 0 updated); 0 invalid"
    assert Location.objects.count() == 2
