"""Benchmark rows ``triage-quality`` and ``triage-speed`` (see benchmarks.md).

    python benchmarks/triage.py

Quality is measured on the TEST split only (never trained or tuned on), next to a
TF-IDF + logistic regression baseline trained on the same train split in the same run.
Prints one JSON line per row and writes benchmarks/results/triage.json.
"""

from __future__ import annotations

import json
import os
import platform
import statistics
import subprocess
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Sequence
from importlib import metadata
from pathlib import Path
from typing import Any

os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

import numpy as np  # noqa: E402
from sklearn.feature_extraction.text import TfidfVectorizer  # type: ignore[import-untyped]  # noqa: E402
from sklearn.linear_model import LogisticRegression  # type: ignore[import-untyped]  # noqa: E402

from doorstep.triage import NEED_CODES, URGENCIES, TriageResult, model_version, triage  # noqa: E402
from doorstep.triage.training import (  # noqa: E402
    Example,
    default_data_paths,
    load_examples,
    read_annotation,
)

RESULTS = ROOT / "benchmarks" / "results" / "triage.json"
TARGETS = {
    "emergency_recall": 0.97,
    "safeguarding_recall": 0.95,
    "needs_micro_f1": 0.85,
    "needs_margin_over_baseline": 0.05,
    "language_accuracy_20_plus": 0.95,
    "messages_per_second": 1000.0,
    "p99_ms": 30.0,
    "startup_seconds": 2.0,
}
SPEED_ROUNDS = 3
SPEED_PASSES = 4
MIN_LANGUAGE_CHARS = 20


def recall(gold: Sequence[bool], guess: Sequence[bool]) -> float | None:
    positives = sum(gold)
    if not positives:
        return None
    return round(sum(1 for g, p in zip(gold, guess, strict=True) if g and p) / positives, 4)


def precision(gold: Sequence[bool], guess: Sequence[bool]) -> float | None:
    chosen = sum(guess)
    if not chosen:
        return None
    return round(sum(1 for g, p in zip(gold, guess, strict=True) if g and p) / chosen, 4)


def micro_f1(gold: Sequence[set[str]], guess: Sequence[set[str]]) -> float:
    tp = sum(len(g & p) for g, p in zip(gold, guess, strict=True))
    fp = sum(len(p - g) for g, p in zip(gold, guess, strict=True))
    fn = sum(len(g - p) for g, p in zip(gold, guess, strict=True))
    return round(2 * tp / (2 * tp + fp + fn), 4) if tp else 0.0


def per_need(gold: Sequence[set[str]], guess: Sequence[set[str]]) -> dict[str, dict[str, Any]]:
    table = {}
    for code in NEED_CODES:
        g = [code in s for s in gold]
        p = [code in s for s in guess]
        tp = sum(1 for a, b in zip(g, p, strict=True) if a and b)
        f1 = 2 * tp / (sum(g) + sum(p)) if tp else 0.0
        table[code] = {
            "support": sum(g),
            "precision": precision(g, p),
            "recall": recall(g, p),
            "f1": round(f1, 4),
        }
    return table


def confusion(gold: Sequence[str], guess: Sequence[str]) -> dict[str, dict[str, int]]:
    counts = Counter(zip(gold, guess, strict=True))
    return {g: {p: counts[(g, p)] for p in URGENCIES} for g in URGENCIES}


def engine_scores(test: Sequence[Example], results: Sequence[TriageResult]) -> dict[str, Any]:
    gold_needs = [set(e.needs) for e in test]
    guess_needs = [set(r.needs) for r in results]
    long_enough = [i for i, e in enumerate(test) if len(e.text) >= MIN_LANGUAGE_CHARS]
    return {
        "n": len(test),
        "emergency_recall": recall(
            [e.urgency == "emergency" for e in test], [r.urgency == "emergency" for r in results]
        ),
        "emergency_precision": precision(
            [e.urgency == "emergency" for e in test], [r.urgency == "emergency" for r in results]
        ),
        "safeguarding_recall": recall(
            [e.safeguarding for e in test], [r.safeguarding for r in results]
        ),
        "safeguarding_precision": precision(
            [e.safeguarding for e in test], [r.safeguarding for r in results]
        ),
        "needs_micro_f1": micro_f1(gold_needs, guess_needs),
        "urgency_accuracy": round(
            float(np.mean([e.urgency == r.urgency for e, r in zip(test, results, strict=True)])), 4
        ),
        "language_accuracy_20_plus": round(
            float(np.mean([test[i].language == results[i].language for i in long_enough])), 4
        )
        if long_enough
        else None,
        "offer_recall": recall([e.is_offer for e in test], [r.is_offer for r in results]),
        "spam_recall": recall([e.is_spam for e in test], [r.is_spam for r in results]),
    }


def per_language(test: Sequence[Example], results: Sequence[TriageResult]) -> dict[str, Any]:
    groups: dict[str, list[int]] = defaultdict(list)
    for i, example in enumerate(test):
        groups[example.language].append(i)
    return {
        lang: engine_scores([test[i] for i in idx], [results[i] for i in idx])
        for lang, idx in sorted(groups.items())
    }


def missed(
    test: Sequence[Example], results: Sequence[TriageResult], field: str
) -> list[dict[str, Any]]:
    rows = []
    for example, result in zip(test, results, strict=True):
        if (
            field == "emergency"
            and example.urgency == "emergency"
            and result.urgency != "emergency"
        ):
            rows.append(
                {
                    "id": example.id,
                    "language": example.language,
                    "text": example.text,
                    "predicted": result.urgency,
                    "reasons": result.reasons,
                }
            )
        if field == "safeguarding" and example.safeguarding and not result.safeguarding:
            rows.append({"id": example.id, "language": example.language, "text": example.text})
    return rows


def baseline(train: Sequence[Example], test: Sequence[Example]) -> dict[str, Any]:
    """TF-IDF (word 1-2 grams) + one-vs-rest logistic regression, 0.5 threshold, >= 1 need."""
    vectoriser = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, min_df=1)
    x_train = vectoriser.fit_transform([e.text for e in train])
    x_test = vectoriser.transform([e.text for e in test])
    probs = np.zeros((len(test), len(NEED_CODES)))
    for j, code in enumerate(NEED_CODES):
        y = [code in e.needs for e in train]
        model = LogisticRegression(class_weight="balanced", solver="liblinear").fit(x_train, y)
        probs[:, j] = model.predict_proba(x_test)[:, 1]
    guess = [
        {NEED_CODES[j] for j in np.flatnonzero(row >= 0.5)} or {NEED_CODES[int(row.argmax())]}
        for row in probs
    ]
    urgency = (
        LogisticRegression(class_weight="balanced", max_iter=2000)
        .fit(x_train, [e.urgency for e in train])
        .predict(x_test)
    )
    safe = (
        LogisticRegression(class_weight="balanced", solver="liblinear")
        .fit(x_train, [e.safeguarding for e in train])
        .predict(x_test)
    )
    return {
        "needs_micro_f1": micro_f1([set(e.needs) for e in test], guess),
        "emergency_recall": recall(
            [e.urgency == "emergency" for e in test], [u == "emergency" for u in urgency]
        ),
        "safeguarding_recall": recall([e.safeguarding for e in test], [bool(s) for s in safe]),
        "urgency_accuracy": round(
            float(np.mean([u == e.urgency for u, e in zip(urgency, test, strict=True)])), 4
        ),
    }


def startup_seconds() -> list[float]:
    code = (
        "import time; t = time.perf_counter(); from doorstep.triage import triage; "
        "triage('hello, can someone ring me'); print(time.perf_counter() - t)"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    runs = []
    for _ in range(3):
        out = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True
        )
        runs.append(round(float(out.stdout.strip().splitlines()[-1]), 4))
    return runs


def _percentile(sorted_values: Sequence[float], share: float) -> float:
    return sorted_values[min(len(sorted_values) - 1, int(len(sorted_values) * share))]


def _speed_round(messages: Sequence[tuple[str, str]]) -> dict[str, float]:
    """One pass: wall-clock and CPU time of every call, on this one thread."""
    wall, cpu = [], []
    began_wall, began_cpu = time.perf_counter(), time.thread_time()
    for text, channel in messages:
        start_wall, start_cpu = time.perf_counter(), time.thread_time()
        triage(text, channel)
        wall.append(time.perf_counter() - start_wall)
        cpu.append(time.thread_time() - start_cpu)
    total_wall, total_cpu = time.perf_counter() - began_wall, time.thread_time() - began_cpu
    wall.sort()
    cpu.sort()
    return {
        "per_cpu_second": len(messages) / total_cpu,
        "per_wall_second": len(messages) / total_wall,
        "p50_ms": _percentile(cpu, 0.5) * 1000,
        "p99_ms": _percentile(cpu, 0.99) * 1000,
        "wall_p50_ms": _percentile(wall, 0.5) * 1000,
        "wall_p99_ms": _percentile(wall, 0.99) * 1000,
    }


def speed(test: Sequence[Example]) -> dict[str, Any]:
    """Messages per second on one core: CPU time of this single thread (the machine may
    be shared, so wall-clock figures are reported too, with the load average)."""
    messages = [(e.text, e.channel) for e in test] * SPEED_PASSES
    rounds = [_speed_round(messages) for _ in range(SPEED_ROUNDS)]
    median = {key: round(statistics.median(r[key] for r in rounds), 3) for key in rounds[0]}
    starts = startup_seconds()
    return {
        "messages": len(messages),
        "rounds": SPEED_ROUNDS,
        "basis": "CPU time of one thread (medians of the rounds); wall_* are wall-clock",
        "messages_per_second": round(median["per_cpu_second"], 1),
        "wall_messages_per_second": round(median["per_wall_second"], 1),
        "p50_ms": median["p50_ms"],
        "p99_ms": median["p99_ms"],
        "wall_p50_ms": median["wall_p50_ms"],
        "wall_p99_ms": median["wall_p99_ms"],
        "startup_seconds": round(statistics.median(starts), 3),
        "startup_runs": starts,
        "load_average_1m": round(os.getloadavg()[0], 2),
    }


def machine() -> dict[str, Any]:
    packages: dict[str, str | None] = {}
    for name in ("numpy", "scipy", "scikit-learn", "joblib", "lingua-language-detector"):
        try:
            packages[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            packages[name] = None
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return {
        "cores": cores,
        "cpu_count": os.cpu_count(),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "packages": packages,
        "database": None,
        "single_core": True,
    }


def checks(row: dict[str, Any], names: Sequence[str]) -> dict[str, bool]:
    out = {}
    for name in names:
        value, target = row.get(name), TARGETS[name]
        if value is None:
            out[name] = False
        elif name in {"p99_ms", "startup_seconds"}:
            out[name] = value <= target if name == "p99_ms" else value < target
        else:
            out[name] = value >= target
    return out


QUALITY_TARGETS = (
    "emergency_recall",
    "safeguarding_recall",
    "needs_micro_f1",
    "needs_margin_over_baseline",
    "language_accuracy_20_plus",
)
SPEED_TARGETS = ("messages_per_second", "p99_ms", "startup_seconds")


def first_annotator_f1(test: Sequence[Example], results: Sequence[TriageResult]) -> float:
    """Needs micro-F1 against the test labels as they were before the blind adjudication
    (README.md of the data, "Double annotation and adjudication")."""
    first = {row["id"]: set(row["needs"]) for row in read_annotation("test_first")}
    return micro_f1([first[e.id] for e in test], [set(r.needs) for r in results])


def quality_row(train: Sequence[Example], test: Sequence[Example]) -> dict[str, Any]:
    """The ``triage-quality`` row: the engine and the baseline on the test split."""
    results = [triage(e.text, e.channel) for e in test]
    scores = engine_scores(test, results)
    base = baseline(train, test)
    margin = scores["needs_micro_f1"] - base["needs_micro_f1"]
    scores["needs_margin_over_baseline"] = round(margin, 4)
    scores["needs_micro_f1_first_annotator"] = first_annotator_f1(test, results)
    row = {
        "id": "triage-quality",
        "model_version": model_version(),
        "train_examples": len(train),
        "test_examples": len(test),
        **scores,
        "baseline": base,
        "ratio_needs_f1_to_baseline": round(scores["needs_micro_f1"] / base["needs_micro_f1"], 4),
        "targets": {k: TARGETS[k] for k in QUALITY_TARGETS},
        "urgency_confusion_gold_by_predicted": confusion(
            [e.urgency for e in test], [r.urgency for r in results]
        ),
        "per_need": per_need([set(e.needs) for e in test], [set(r.needs) for r in results]),
        "per_language": per_language(test, results),
        "missed_emergencies": missed(test, results, "emergency"),
        "missed_safeguarding": missed(test, results, "safeguarding"),
        "machine": machine(),
    }
    row["meets"] = checks(row, QUALITY_TARGETS)
    return row


def speed_row(test: Sequence[Example]) -> dict[str, Any]:
    """The ``triage-speed`` row."""
    row = {
        "id": "triage-speed",
        "model_version": model_version(),
        **speed(test),
        "targets": {k: TARGETS[k] for k in SPEED_TARGETS},
        "machine": machine(),
    }
    row["meets"] = checks(row, SPEED_TARGETS)
    return row


def main() -> int:
    examples = load_examples(default_data_paths())
    train = [e for e in examples if e.split == "train"]
    test = [e for e in examples if e.split == "test"]
    rows = [quality_row(train, test), speed_row(test)]
    for row in rows:
        print(json.dumps(row, ensure_ascii=False))
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(rows, ensure_ascii=False, indent=2) + "\n"
    RESULTS.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
