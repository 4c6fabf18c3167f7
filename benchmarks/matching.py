"""Benchmarks `match-batch` and `match-one`: the matching engine on synthetic Greater Manchester.

match-batch: 5,000 open needs x 2,000 offers with capacities, end to end (offer index,
scoring every feasible pair, greedy first-come, the optimal assignment, reasons), with
greedy's total fit from the same run. Target: <= 10 s, total fit >= greedy's.

match-one: proposals for one need among 20,000 offers (the index is built once, as the
app keeps it), over 500 needs. Target: p95 <= 50 ms.

    .venv/bin/python benchmarks/matching.py            # both rows, 3 batch repetitions

Everything is synthetic: needs and offers scattered around ten town centres, with the
mix of codes, tiers, languages, diets, availability, checks and capacities described in
docs/subsystems/matching.md, and a sprinkling of bad offers (no capacity, backwards
slots, expired checks) and needs without a location. One JSON line per row is printed
and the rows are written to benchmarks/results/matching.json.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import importlib.metadata
import json
import os
import platform
import random
import statistics
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from doorstep.matching import (  # noqa: E402
    NeedSpec,
    OfferIndex,
    OfferSpec,
    WeeklySlot,
    assign_batch,
    propose,
)

RESULTS = ROOT / "benchmarks" / "results" / "matching.json"
NOW = dt.datetime(2026, 11, 23, 9, 0, tzinfo=dt.UTC)
TARGETS: dict[str, dict[str, float]] = {
    "match-batch": {"seconds": 10.0, "ratio_at_least": 1.0},
    "match-one": {"p95_ms": 50.0},
}
TOWNS = {
    "Manchester": (53.4808, -2.2426),
    "Salford": (53.4875, -2.2901),
    "Bolton": (53.5769, -2.4282),
    "Bury": (53.5933, -2.2966),
    "Rochdale": (53.6097, -2.1561),
    "Oldham": (53.5409, -2.1114),
    "Stockport": (53.4106, -2.1575),
    "Wigan": (53.5450, -2.6325),
    "Sale": (53.4250, -2.3230),
    "Ashton-under-Lyne": (53.4880, -2.0980),
}
NEED_MIX = {
    "food": 30, "shopping": 10, "befriending": 10, "medicine": 9, "money": 8,
    "mental_health": 6, "physical_care": 5, "digital": 5, "transport": 5, "housing": 4,
    "family": 3, "safety": 2, "work_skills": 1, "legal_immigration": 1, "other": 1,
}  # fmt: skip
OTHER_LANGUAGES = ("ur", "pl", "ar", "ro", "fr", "bn", "pa", "zh", "so", "ku")
TIER_MIX = {"own_network": 10, "community": 55, "vcse": 25, "statutory": 10}
DIET_MIX = {"halal": 0.25, "kosher": 0.05, "vegetarian": 0.10, "vegan": 0.03}


# --- synthetic Greater Manchester ----------------------------------------------------------


def place(rng: random.Random) -> tuple[float, float]:
    """A point near a town centre, kept inside the Greater Manchester box."""
    lat, lon = rng.choice(list(TOWNS.values()))
    lat += rng.gauss(0, 0.02)
    lon += rng.gauss(0, 0.03)
    return (min(max(lat, 53.35), 53.65), min(max(lon, -2.7), -1.9))


def jitter(rng: random.Random, point: tuple[float, float]) -> tuple[float, float]:
    """Somewhere within a few streets of the point."""
    return (point[0] + rng.gauss(0, 0.004), point[1] + rng.gauss(0, 0.006))


def pick(rng: random.Random, weights: dict[str, int]) -> str:
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def weekly_slots(rng: random.Random, tier: str) -> tuple[WeeklySlot, ...] | str:
    if rng.random() < 0.3:
        return "always"
    if tier in ("vcse", "statutory"):
        return tuple(WeeklySlot(day, dt.time(9), dt.time(17)) for day in range(5))
    slots = []
    for _ in range(rng.randint(1, 4)):
        start = rng.randint(8, 18)
        slots.append(WeeklySlot(rng.randint(0, 6), dt.time(start), dt.time(start + 3)))
    if rng.random() < 0.01:
        slots.append(WeeklySlot(rng.randint(0, 6), dt.time(17), dt.time(9)))  # backwards
    return tuple(slots)


def make_offer(rng: random.Random, number: int) -> OfferSpec:
    tier = pick(rng, TIER_MIX)
    codes = {pick(rng, NEED_MIX) for _ in range(rng.randint(1, 3))}
    size = {"own_network": (1, 2), "community": (1, 6), "vcse": (5, 25), "statutory": (10, 40)}
    capacity = rng.randint(*size[tier]) if rng.random() > 0.02 else rng.choice((0, -1))
    checked = tier != "community" or rng.random() < 0.35
    expires = NOW.date() + dt.timedelta(days=rng.randint(-90, 900))
    languages = {"en"} | ({rng.choice(OTHER_LANGUAGES)} if rng.random() < 0.35 else set())
    return OfferSpec(
        id=number,
        helper_id=f"helper-{number}",
        helper_name=f"Synthetic helper {number}",
        tier=tier,
        codes=frozenset(codes),
        location=place(rng) if rng.random() > 0.03 else None,
        radius_km={"own_network": 2.0, "community": 4.0, "vcse": 10.0, "statutory": 25.0}[tier],
        languages=frozenset(languages),
        diets=frozenset(d for d, share in DIET_MIX.items() if rng.random() < share * 2),
        availability=weekly_slots(rng, tier),  # type: ignore[arg-type]
        capacity_left=capacity,
        dbs_level="enhanced" if checked else rng.choice(("none", "basic")),
        dbs_expires=expires if checked else None,
        preferred_codes=frozenset(rng.sample(sorted(codes), 1))
        if rng.random() < 0.4
        else frozenset(),
        load=rng.randint(0, 4),
    )


def make_need(
    rng: random.Random, number: int, neighbours: Sequence[OfferSpec], helpers: Sequence[OfferSpec]
) -> NeedSpec:
    code = pick(rng, NEED_MIX)
    language = "en" if rng.random() < 0.8 else rng.choice(OTHER_LANGUAGES)
    start = NOW + dt.timedelta(hours=rng.randint(1, 24 * 6))
    window = (start, start + dt.timedelta(hours=rng.randint(2, 48))) if rng.random() < 0.5 else None
    location: tuple[float, float] | None = place(rng)
    own: set[str | int] = set()
    if rng.random() < 0.2:  # a resident who named people: live near the first of them
        anchor = rng.choice(neighbours)
        own = {anchor.helper_id, rng.choice(neighbours).helper_id}
        location = jitter(rng, anchor.location) if anchor.location else location
    before = {rng.choice(helpers).helper_id} if rng.random() < 0.15 else set()
    return NeedSpec(
        id=number,
        code=code,
        resident_id=f"resident-{number}",
        location=location if rng.random() > 0.05 else None,
        language=language,
        needs_language_match=language != "en" and rng.random() < 0.6,
        diet=frozenset(d for d, share in DIET_MIX.items() if rng.random() < share)
        if code == "food"
        else frozenset(),
        window=window,
        involves_children=rng.random() < 0.08,
        own_network_helper_ids=frozenset(own),
        previous_helper_ids=frozenset(before),
        max_distance_km=rng.choice((3.0, 5.0, 8.0, 10.0)),
    )


def world(seed: int, needs: int, offers: int) -> tuple[list[NeedSpec], list[OfferSpec]]:
    rng = random.Random(seed)
    made = [make_offer(rng, number) for number in range(offers)]
    neighbours = [o for o in made if o.tier == "own_network"] or made
    return [make_need(rng, number, neighbours, made) for number in range(needs)], made


# --- the two rows --------------------------------------------------------------------------


def match_batch(seed: int, repetitions: int) -> dict[str, Any]:
    needs, offers = world(seed, 5_000, 2_000)
    timings = []
    for _ in range(max(repetitions, 1)):
        started = time.perf_counter()
        result = assign_batch(needs, OfferIndex(offers), NOW)
        timings.append(time.perf_counter() - started)
    unrestricted = assign_batch(needs, offers, NOW, max_candidates=None)
    row: dict[str, Any] = {
        "id": "match-batch",
        "needs": len(needs),
        "offers": len(offers),
        "capacity_total": sum(max(o.capacity_left, 0) for o in offers),
        "seconds": round(statistics.median(timings), 3),
        "seconds_each": [round(t, 3) for t in timings],
        "total_fit": round(result.total_fit, 3),
        "greedy_total_fit": round(result.greedy_total_fit, 3),
        "ratio": round(result.ratio, 4),
        "assigned": len(result.assignments),
        "greedy_assigned": len(result.greedy_assignments),
        "total_score": round(result.total_score, 3),
        "greedy_total_score": round(result.greedy_total_score, 3),
        "tier_counts": dict(result.tier_counts),
        "greedy_tier_counts": dict(result.greedy_tier_counts),
        "unrestricted_total_fit": round(unrestricted.total_fit, 3),
        "target": TARGETS["match-batch"],
    }
    row["checks"] = {
        "seconds": row["seconds"] <= TARGETS["match-batch"]["seconds"],
        "fit_at_least_greedy": result.total_fit >= result.greedy_total_fit,
    }
    return row


def match_one(seed: int, samples: int) -> dict[str, Any]:
    needs, offers = world(seed, samples, 20_000)
    started = time.perf_counter()
    index = OfferIndex(offers)
    build_s = time.perf_counter() - started
    for need in needs[:20]:
        propose(need, index, NOW)  # warm up
    timings_ms, counts = [], []
    for need in needs:
        started = time.perf_counter()
        found = propose(need, index, NOW)
        timings_ms.append((time.perf_counter() - started) * 1000)
        counts.append(len(found))
    cuts = statistics.quantiles(timings_ms, n=100)
    row: dict[str, Any] = {
        "id": "match-one",
        "offers": len(offers),
        "needs_timed": len(needs),
        "p50_ms": round(cuts[49], 3),
        "p95_ms": round(cuts[94], 3),
        "p99_ms": round(cuts[98], 3),
        "max_ms": round(max(timings_ms), 3),
        "index_build_s": round(build_s, 3),
        "needs_with_proposals": sum(1 for c in counts if c),
        "target": TARGETS["match-one"],
    }
    row["checks"] = {"p95_ms": row["p95_ms"] <= TARGETS["match-one"]["p95_ms"]}
    return row


def machine() -> dict[str, Any]:
    return {
        "cores": os.cpu_count(),
        "cores_usable": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else None,
        "cpu": cpu_model(),
        "python": platform.python_version(),
        "numpy": importlib.metadata.version("numpy"),
        "scipy": importlib.metadata.version("scipy"),
        "database": None,
        "load_average_1m_before": round(os.getloadavg()[0], 2)
        if hasattr(os, "getloadavg")
        else None,
    }


def cpu_model() -> str:
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    return platform.processor()


def write_results(rows: list[dict[str, Any]], path: Path) -> None:
    kept: list[dict[str, Any]] = []
    if path.exists():
        with contextlib.suppress(ValueError):
            kept = [r for r in json.loads(path.read_text()) if isinstance(r, dict)]
    fresh = {r["id"] for r in rows}
    merged = sorted(
        [r for r in kept if r.get("id") not in fresh] + rows, key=lambda r: str(r.get("id"))
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(merged, indent=2) + "\n")


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--rows", choices=("match-batch", "match-one", "both"), default="both")
    parser.add_argument("--repetitions", type=int, default=3, help="batch runs (median kept)")
    parser.add_argument("--samples", type=int, default=500, help="needs timed for match-one")
    parser.add_argument("--seed", type=int, default=20261123)
    parser.add_argument("--output", type=Path, default=RESULTS, help="results file")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    facts = machine()  # before the run, so the load average is other people's work
    rows = []
    if args.rows in ("match-batch", "both"):
        rows.append(match_batch(args.seed, args.repetitions))
    if args.rows in ("match-one", "both"):
        rows.append(match_one(args.seed + 1, args.samples))
    for row in rows:
        row["met"] = all(row["checks"].values())
        row["machine"] = facts
        print(json.dumps(row), flush=True)
    write_results(rows, args.output)
    return 0


if __name__ == "__main__":
    sys.exit(main())
