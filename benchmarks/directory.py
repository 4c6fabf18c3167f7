"""Benchmark `directory-api`: Open Referral UK `/services` search over 10,000 services.

Builds a fresh test database (a temporary SQLite file, or `test_<name>` on the server that
DATABASE_URL points at, dropped at the end), fills it with 10,000 published services (each
with an organisation, a place, opening times and categories), then sends `/openreferral/services`
requests through Django's test Client in this process: searches of one to three words,
taxonomy filters, their mixes, and later pages. Each repetition times every request; the
query count per request is measured in a separate pass so capturing SQL does not slow the
timed one. Prints one JSON line and writes it to benchmarks/results/directory.json.

    .venv/bin/python benchmarks/directory.py --services 10000 --requests 1000 --repeat 3
"""

from __future__ import annotations

import argparse
import contextlib
import importlib.metadata
import json
import os
import platform
import random
import sqlite3
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "doorstep.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from doorstep.accounts.models import Organisation as DoorstepOrganisation  # noqa: E402
from doorstep.directory.models import (  # noqa: E402
    Attribute,
    Location,
    LocationAddress,
    Organisation,
    ReviewState,
    Schedule,
    Service,
    ServiceAtLocation,
    Taxonomy,
    TaxonomyTerm,
)
from doorstep.directory.search import search_text_for  # noqa: E402

RESULTS = ROOT / "benchmarks" / "results" / "directory.json"
TARGET_P95_MS = 50.0
MAX_QUERIES = 3  # a count and a page: the figure must not grow with the page or the data
AREAS = (
    "Stretford",
    "Old Trafford",
    "Gorse Hill",
    "Sale",
    "Altrincham",
    "Urmston",
    "Partington",
    "Timperley",
    "Hale",
    "Flixton",
    "Davyhulme",
    "Firswood",
)
KINDS = {
    "food-bank": ("Food bank", "Emergency food parcels, fresh fruit and vegetables"),
    "kitchen": ("Community kitchen", "Hot meals cooked and eaten together, halal and vegetarian"),
    "befriending": ("Befriending", "Calls and visits for people who feel lonely"),
    "debt": ("Debt advice", "Help with debts, bills, budgeting and benefit checks"),
    "digital": ("Digital skills", "Help getting online with a phone, tablet or laptop"),
    "mental-health": ("Mental health support", "Peer support groups for anxiety and low mood"),
    "prescribing": ("Social prescribing", "Link workers connecting GP patients to local help"),
    "housing": ("Housing advice", "Advice on repairs, rent arrears and eviction notices"),
    "esol": ("English classes", "English for speakers of other languages, with a crèche"),
    "immigration": ("Immigration advice", "Regulated advice on visas, asylum and settled status"),
}
SEARCHES = (
    "food",
    "kitchen halal",
    "debt advice",
    "stretford",
    "english sale",
    "mental health altrincham",
    "befriending",
    "housing",
    "digital skills urmston",
    "partington 99",
    "nothing-matches-this",
)


def build(count: int, rng: random.Random) -> list[str]:
    """`count` published services; returns the taxonomy term ids for the filter requests."""
    taxonomy = Taxonomy.objects.create(name="Benchmark categories", description="Categories")
    terms = {
        code: TaxonomyTerm.objects.create(taxonomy=taxonomy, name=name, code=code, description=d)
        for code, (name, d) in KINDS.items()
    }
    hub = DoorstepOrganisation.objects.create(name="Benchmark hub", is_hub=True)
    organisations = Organisation.objects.bulk_create(
        Organisation(
            name=f"{rng.choice(AREAS)} Community Trust {n}", description="A charity", owner=hub
        )
        for n in range(max(1, count // 50))
    )
    for start in range(0, count, 1000):
        _batch(range(start, min(count, start + 1000)), organisations, terms, rng)
    return [str(term.pk) for term in terms.values()]


def _batch(
    numbers: range,
    organisations: list[Organisation],
    terms: dict[str, TaxonomyTerm],
    rng: random.Random,
) -> None:
    services, locations, addresses, links, schedules, attributes = [], [], [], [], [], []
    for n in numbers:
        code = rng.choice(list(KINDS))
        area = rng.choice(AREAS)
        name, description = KINDS[code]
        service = Service(
            id=uuid.uuid4(),
            organisation=rng.choice(organisations),
            name=f"{area} {name.lower()} {n}",
            description=f"{description}. Open to everyone in {area}.",
            review_state=ReviewState.PUBLISHED,
            capacity_per_week=rng.randint(10, 200),
        )
        service.search_text = search_text_for(service, [terms[code].name, area])
        location = Location(id=uuid.uuid4(), name=f"{area} hub {n}", latitude=53.4, longitude=-2.3)
        services.append(service)
        locations.append(location)
        addresses.append(
            LocationAddress(
                location=location,
                address_1=f"{n} High Street",
                city=area,
                state_province="Greater Manchester",
                postal_code="M32 0TA",
            )
        )
        links.append(ServiceAtLocation(service=service, location=location))
        schedules.append(_schedule(service, rng))
        attributes.append(Attribute(service=service, taxonomy_term=terms[code]))
    Service.objects.bulk_create(services)
    Location.objects.bulk_create(locations)
    LocationAddress.objects.bulk_create(addresses)
    ServiceAtLocation.objects.bulk_create(links)
    Schedule.objects.bulk_create(schedules)
    Attribute.objects.bulk_create(attributes)


def _schedule(service: Service, rng: random.Random) -> Schedule:
    opens = rng.choice([9, 10, 12, 13, 18])
    return Schedule(
        service=service,
        freq=Schedule.Frequency.WEEKLY,
        interval=1,
        byday=",".join(sorted(rng.sample(["MO", "TU", "WE", "TH", "FR", "SA"], 2))),
        opens_at=f"{opens:02}:00",
        closes_at=f"{opens + 2:02}:00",
    )


def request_mix(count: int, term_ids: list[str], rng: random.Random) -> list[dict[str, str]]:
    mix: list[dict[str, str]] = []
    for _ in range(count):
        roll = rng.random()
        params: dict[str, str] = {}
        if roll < 0.6:
            params["search"] = rng.choice(SEARCHES)
        if 0.4 < roll < 0.8:
            params["taxonomy_term_id"] = rng.choice(term_ids)
        if rng.random() < 0.3:
            params["page"] = str(rng.randint(2, 5))
        mix.append(params)
    return mix


def timed_run(client: Client, mix: list[dict[str, str]]) -> list[float]:
    timings = []
    for params in mix:
        started = time.perf_counter()
        response = client.get("/openreferral/services", params)
        timings.append((time.perf_counter() - started) * 1000)
        if response.status_code != 200:
            raise RuntimeError(f"{params}: {response.status_code} {response.content[:200]!r}")
    return timings


def query_counts(client: Client, mix: list[dict[str, str]]) -> list[int]:
    counts = []
    for params in mix:
        with CaptureQueriesContext(connection) as captured:
            client.get("/openreferral/services", params)
        counts.append(len(captured.captured_queries))
    return counts


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


@contextlib.contextmanager
def test_database() -> Iterator[str]:
    """A fresh, migrated database: a temporary SQLite file, or test_<name> on the server."""
    with tempfile.TemporaryDirectory(prefix="doorstep-directory-bench-") as folder:
        database = settings.DATABASES["default"]
        if database["ENGINE"].endswith("sqlite3"):
            database.setdefault("TEST", {})["NAME"] = str(Path(folder) / "bench.sqlite3")
        old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
        try:
            yield connection.settings_dict["NAME"]
        finally:
            connection.creation.destroy_test_db(old_name, verbosity=0)


def machine() -> dict[str, Any]:
    if connection.vendor == "sqlite":
        database = f"SQLite {sqlite3.sqlite_version}"
    else:
        with connection.cursor() as cursor:
            cursor.execute("SHOW server_version")
            database = f"PostgreSQL {cursor.fetchone()[0]}"
    return {
        "cores": os.cpu_count(),
        "cpu": _cpu_model(),
        "python": platform.python_version(),
        "django": importlib.metadata.version("django"),
        "django_ninja": importlib.metadata.version("django-ninja"),
        "database": database,
        "client": "django.test.Client, in process",
    }


def _cpu_model() -> str:
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    return platform.processor()


def measure(args: argparse.Namespace) -> dict[str, Any]:
    rng = random.Random(args.seed)
    with test_database():
        started = time.perf_counter()
        term_ids = build(args.services, rng)
        build_s = time.perf_counter() - started
        client = Client()
        mix = request_mix(args.requests, term_ids, rng)
        timed_run(client, mix[:50])  # warm up: imports, caches, the database's pages
        runs = [timed_run(client, mix) for _ in range(args.repeat)]
        counts = query_counts(client, mix[: min(200, len(mix))])
        facts = machine()
    p50s = [percentile(run, 0.50) for run in runs]
    p95s = [percentile(run, 0.95) for run in runs]
    p95 = statistics.median(p95s)
    return {
        "id": "directory-api",
        "what": "Open Referral UK /services search and filters, 50 per page",
        "services": args.services,
        "requests_per_repetition": len(mix),
        "repetitions": args.repeat,
        "p50_ms": round(statistics.median(p50s), 2),
        "p95_ms": round(p95, 2),
        "p99_ms": round(statistics.median(percentile(run, 0.99) for run in runs), 2),
        "p95_ms_each_repetition": [round(v, 2) for v in p95s],
        "queries_per_request": {"min": min(counts), "max": max(counts)},
        "build_s": round(build_s, 1),
        "target": {"p95_ms": TARGET_P95_MS, "max_queries_per_request": MAX_QUERIES},
        "met": p95 <= TARGET_P95_MS and max(counts) <= MAX_QUERIES,
        "machine": facts,
        "measured_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
    }


def _key(row: dict[str, Any]) -> tuple[str, str]:
    """One row per figure and database engine (SQLite, PostgreSQL)."""
    database = str(row.get("machine", {}).get("database", ""))
    return (str(row.get("id")), database.split(" ", 1)[0])


def write_results(row: dict[str, Any], path: Path) -> None:
    kept: list[dict[str, Any]] = []
    if path.exists():
        with contextlib.suppress(ValueError):
            kept = [r for r in json.loads(path.read_text()) if isinstance(r, dict)]
    merged = [r for r in kept if _key(r) != _key(row)] + [row]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(merged, indent=2) + "\n")


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--services", type=int, default=10_000)
    parser.add_argument("--requests", type=int, default=1_000, help="per repetition")
    parser.add_argument("--repeat", type=int, default=3, help="repetitions; medians reported")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--output", type=Path, default=RESULTS)
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    row = measure(args)
    print(json.dumps(row), flush=True)
    write_results(row, args.output)
    return 0 if row["met"] else 1


if __name__ == "__main__":
    sys.exit(main())
