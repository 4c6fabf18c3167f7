"""Import another directory's Open Referral UK feed: valid records in, invalid ones reported.

A feed is a JSON file (a list of services, a paged response with `contents`, or one service)
or a paged `/services` URL. Each record is checked against the profile's service schema, then
stored in its own transaction: a record that fails half-way leaves nothing behind.
"""

from __future__ import annotations

import json
import urllib.parse
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction

from doorstep.directory import validation
from doorstep.directory.upsert import Feed, ImportRefused, upsert_service

SERVICE_SCHEMA = "compiled/service"
FETCH_TIMEOUT_S = 30
MAX_PAGES = 1_000
NESTED_KEYS = ("service_at_locations", "schedules", "contacts", "attributes")


class FeedUnreadable(Exception):
    """The feed as a whole cannot be read: nothing was imported."""


@dataclass(frozen=True)
class Problem:
    record: str
    message: str


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    problems: list[Problem] = field(default_factory=list)

    @property
    def imported(self) -> int:
        return self.created + self.updated

    def lines(self) -> list[str]:
        head = (
            f"Imported {self.imported} services ({self.created} new, {self.updated} updated); "
            f"{len(self.problems)} invalid"
        )
        return [head, *(f"  invalid {p.record}: {p.message}" for p in self.problems)]


def records_in(document: object) -> list[Any]:
    """The service records in a feed document, whatever its shape."""
    if isinstance(document, list):
        return document
    if isinstance(document, dict) and isinstance(document.get("contents"), list):
        return list(document["contents"])
    if isinstance(document, dict) and "id" in document:
        return [document]
    raise FeedUnreadable("The feed is neither a list of services nor a page with `contents`")


def read_file(path: Path) -> list[Any]:
    try:
        with path.open(encoding="utf-8") as handle:
            return records_in(json.load(handle))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise FeedUnreadable(f"Cannot read {path}: {exc}") from exc


def import_records(records: list[Any], feed: Feed) -> ImportReport:
    report = ImportReport()
    for number, record in enumerate(records, start=1):
        label = _label(record, number)
        problem = import_one(record, feed)
        if isinstance(problem, str):
            report.problems.append(Problem(label, problem))
        elif problem:
            report.created += 1
        else:
            report.updated += 1
    return report


def import_one(record: object, feed: Feed) -> bool | str:
    """True if created, False if updated, or the reason the record was not imported."""
    found = validation.errors(SERVICE_SCHEMA, record)
    if found:
        return validation.summary(found)
    if not isinstance(record, dict):
        return "(top level): a service record must be a JSON object"
    try:
        with transaction.atomic():
            return upsert_service(record, feed)
    except ValidationError as exc:
        return "; ".join(exc.messages)
    except (ImportRefused, DatabaseError) as exc:
        return str(exc)


def _label(record: object, number: int) -> str:
    if isinstance(record, dict) and isinstance(record.get("id"), str):
        return f"record {number} ({record['id']})"
    return f"record {number}"


def fetch_records(url: str) -> list[Any]:
    """Every service of a paged `/services` feed, each fetched in full when the list is thin."""
    return [_full(url, item) for item in _pages(url)]


def _pages(url: str) -> Iterator[Any]:
    page_number = 1
    while page_number <= MAX_PAGES:
        document = _get(_with_page(url, page_number))
        yield from records_in(document)
        if not isinstance(document, dict) or _last(document, page_number):
            return
        page_number += 1


def _last(document: dict[str, Any], page_number: int) -> bool:
    if document.get("last_page") is True or not document.get("contents"):
        return True
    total = document.get("total_pages")
    return isinstance(total, int) and page_number >= total


def _full(url: str, item: Any) -> Any:
    if not isinstance(item, dict) or any(key in item for key in NESTED_KEYS) or "id" not in item:
        return item
    base = urllib.parse.urlsplit(url)
    path = base.path.rstrip("/") + f"/{urllib.parse.quote(str(item['id']))}"
    return _get(urllib.parse.urlunsplit((base.scheme, base.netloc, path, "", "")))


def _with_page(url: str, page_number: int) -> str:
    parts = urllib.parse.urlsplit(url)
    query = dict(urllib.parse.parse_qsl(parts.query))
    query["page"] = str(page_number)
    return urllib.parse.urlunsplit(parts._replace(query=urllib.parse.urlencode(query)))


def _get(url: str) -> Any:
    if urllib.parse.urlsplit(url).scheme not in ("http", "https"):
        raise FeedUnreadable(f"Only http and https feeds can be fetched, not {url}")
    request = urllib.request.Request(url, headers={"Accept": "application/json"})  # noqa: S310
    try:
        with urllib.request.urlopen(request, timeout=FETCH_TIMEOUT_S) as response:  # noqa: S310  # nosec B310
            return json.load(response)
    except (OSError, ValueError) as exc:
        raise FeedUnreadable(f"Cannot fetch {url}: {exc}") from exc


def read_feed(where: str) -> list[Any]:
    if where.startswith(("http://", "https://")):
        return fetch_records(where)
    return read_file(Path(where))
