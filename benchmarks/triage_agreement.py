"""How far two annotators agree on need labels, next to the engine's needs micro-F1.

    python benchmarks/triage_agreement.py

Every message's needs were labelled twice, independently: first when the message was
written, then by a second annotator who read only the text, the channel and the written
need guidelines, blind to the first labels and to the engine. A third reader settled each
disagreement, again blind to the engine; the data files hold those final labels, and
``src/doorstep/triage/data/agreement/`` holds both annotators' labels.

The safeguarding flag of the train messages written after the rules (rounds 5 to 7) was
labelled twice and adjudicated the same way (``safeguarding_*.jsonl``).

Needs micro-F1 between two careful annotators is about as much as any engine can show on
a single-annotator test split. On the test split the engine is scored against the first,
the second and the final labels (not on the train split: the engine was trained on it).
Nothing here trains or tunes anything. Prints one JSON line and writes
benchmarks/results/triage_agreement.json.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from doorstep.triage import NEED_CODES, model_version, triage  # noqa: E402
from doorstep.triage.training import (  # noqa: E402
    Example,
    default_data_paths,
    load_examples,
    read_annotation,
)
from doorstep.triage.tuning import micro_f1  # noqa: E402

RESULTS = ROOT / "benchmarks" / "results" / "triage_agreement.json"
NeedSets = list[frozenset[str]]


def read_labels(name: str) -> dict[str, frozenset[str]]:
    """One annotator's need sets by message id."""
    return {row["id"]: frozenset(row["needs"]) for row in read_annotation(name)}


def kappa(first: Sequence[bool], second: Sequence[bool]) -> float | None:
    """Cohen's kappa of two yes/no annotations (None when chance agreement is total)."""
    n = len(first)
    observed = sum(a == b for a, b in zip(first, second, strict=True)) / n
    p1, p2 = sum(first) / n, sum(second) / n
    chance = p1 * p2 + (1 - p1) * (1 - p2)
    return None if chance >= 1 else round((observed - chance) / (1 - chance), 3)


def f1(gold: NeedSets, guess: NeedSets) -> float:
    return round(micro_f1(gold, guess), 4)


def agreement(first: NeedSets, second: NeedSets, final: NeedSets) -> dict[str, Any]:
    """Micro-F1, exact-set agreement and per-need kappa of the two annotators."""
    same = sum(a == b for a, b in zip(first, second, strict=True))
    return {
        "n": len(first),
        "first_vs_second_micro_f1": f1(first, second),
        "exact_set_agreement": round(same / len(first), 4),
        "first_vs_final_micro_f1": f1(final, first),
        "second_vs_final_micro_f1": f1(final, second),
        "per_need_kappa": {
            code: kappa([code in a for a in first], [code in b for b in second])
            for code in NEED_CODES
        },
    }


def split_row(examples: Sequence[Example], split: str, with_engine: bool) -> dict[str, Any]:
    """Agreement on one split and, when asked, the engine against every set of labels."""
    first_by_id = read_labels(f"{split}_first")
    second_by_id = read_labels(f"{split}_second")
    chosen = [e for e in examples if e.split == split and e.id in second_by_id]
    first = [first_by_id[e.id] for e in chosen]
    second = [second_by_id[e.id] for e in chosen]
    final = [frozenset(e.needs) for e in chosen]
    row = agreement(first, second, final)
    if with_engine:
        engine = [frozenset(triage(e.text, e.channel).needs) for e in chosen]
        row["engine_vs_first"] = f1(first, engine)
        row["engine_vs_second"] = f1(second, engine)
        row["engine_vs_final"] = f1(final, engine)
    return row


def read_flags(name: str) -> dict[str, bool]:
    """One annotator's safeguarding flags by message id."""
    return {row["id"]: bool(row["safeguarding"]) for row in read_annotation(name)}


def safeguarding_row(examples: Sequence[Example]) -> dict[str, Any]:
    """Agreement on the safeguarding flag, for the messages that were labelled twice."""
    first = read_flags("safeguarding_first")
    second = read_flags("safeguarding_second")
    chosen = [e for e in examples if e.id in second]
    a, b = [first[e.id] for e in chosen], [second[e.id] for e in chosen]
    final = [e.safeguarding for e in chosen]
    return {
        "n": len(chosen),
        "agreement": round(sum(x == y for x, y in zip(a, b, strict=True)) / len(chosen), 4),
        "kappa": kappa(a, b),
        "first_vs_final_agreement": round(
            sum(x == y for x, y in zip(a, final, strict=True)) / len(chosen), 4
        ),
    }


def main() -> int:
    examples = load_examples(default_data_paths())
    row = {
        "id": "triage-agreement",
        "model_version": model_version(),
        "test": split_row(examples, "test", with_engine=True),
        "train": split_row(examples, "train", with_engine=False),
        "train_safeguarding": safeguarding_row(examples),
    }
    print(json.dumps(row, ensure_ascii=False))
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(row, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
