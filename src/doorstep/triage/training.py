"""Training the classifier on the labelled data set, and retraining with corrections.

    python -m doorstep.triage.training                 # train split -> new model
    python -m doorstep.triage.training --corrections corrections.jsonl

Only the train split is ever used: :func:`train` refuses test examples, and
:func:`examples_from_corrections` drops any correction whose text is a test message.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np
from scipy import sparse  # type: ignore[import-untyped]
from sklearn.linear_model import LogisticRegression  # type: ignore[import-untyped]

from doorstep.triage.features import BLOCK_NAMES, Analysed, Block, fit_block, vectorise
from doorstep.triage.loader import CURRENT_FILE, MODELS_DIR, reload_model
from doorstep.triage.model import COLUMN, HEADS, Model, Thresholds, load_model, save_model
from doorstep.triage.reading import Reading, read_message
from doorstep.triage.result import CHANNELS, NEED_CODES, URGENCIES
from doorstep.triage.scan import lexicon_fingerprint
from doorstep.triage.tuning import TUNING, cross_validate, tune_thresholds

PACKAGE_DIR = Path(__file__).resolve().parent
DATA_DIR = PACKAGE_DIR / "data"
DATA_FILES = ("messages_en.jsonl", "messages_multilingual.jsonl", "messages_extra.jsonl")


@dataclass(frozen=True)
class Example:
    """One labelled message."""

    id: str
    text: str
    channel: str = "web"
    language: str = "en"
    needs: tuple[str, ...] = ("other",)
    urgency: str = "routine"
    safeguarding: bool = False
    is_offer: bool = False
    is_spam: bool = False
    split: str = "train"
    source: str = "core"
    """How the message came to be: ``core`` (written message by message, the first data set
    and rounds 1 to 4), ``bulk`` (rounds 5 onwards, written in parallel from one brief) or
    ``correction`` (a guide's correction of a real message)."""


SOURCES = ("core", "bulk", "correction")


@dataclass(frozen=True)
class TrainConfig:
    """Settings chosen by 5-fold cross-validation on the train split."""

    min_df: tuple[int, int, int] = (2, 2, 1)
    max_features: tuple[int, int, int] = (30_000, 60_000, 1_000)
    scales: tuple[float, float, float] = (1.0, 1.0, 1.0)
    c_binary: float = 16.0
    c_urgency: float = 2.0
    source_weights: tuple[tuple[str, float], ...] = (
        ("core", 3.0),
        ("bulk", 1.0),
        ("correction", 3.0),
    )
    """How much one example counts in training, by its source: the bulk rounds are many
    messages from few writers and one brief, so each counts a third of a core message
    (chosen by cross-validation on the core messages, see docs/subsystems/triage.md); a
    guide's correction counts like a core message."""
    need_weight_power: float | None = None
    """Class weights of the need heads: ``None`` is scikit-learn's "balanced"; a number
    p weighs a positive example (negatives / positives) ** p and a negative one 1."""
    folds: int = 5
    seed: int = 7


def example_from_dict(row: Mapping[str, Any], default_split: str = "train") -> Example:
    """An example from a JSON row; unknown codes are dropped, odd values defaulted."""
    needs = tuple(n for n in row.get("needs") or () if n in NEED_CODES) or ("other",)
    channel = row.get("channel")
    urgency = row.get("urgency")
    return Example(
        id=str(row.get("id") or _text_hash(str(row.get("text", "")))),
        text=str(row.get("text", "")),
        channel=channel if channel in CHANNELS else "web",
        language=str(row.get("language") or "und"),
        needs=needs,
        urgency=urgency if urgency in URGENCIES else "routine",
        safeguarding=bool(row.get("safeguarding")),
        is_offer=bool(row.get("is_offer")),
        is_spam=bool(row.get("is_spam")),
        split=str(row.get("split") or default_split),
        source=str(row.get("source")) if row.get("source") in SOURCES else "core",
    )


def load_examples(paths: Iterable[Path | str]) -> list[Example]:
    """Every example in the given JSONL files (both splits; filter before training)."""
    examples: list[Example] = []
    for path in paths:
        with Path(path).open(encoding="utf-8") as lines:
            examples += [example_from_dict(json.loads(line)) for line in lines if line.strip()]
    return examples


def default_data_paths(data_dir: Path = DATA_DIR) -> list[Path]:
    return [data_dir / name for name in DATA_FILES if (data_dir / name).is_file()]


def train_split(examples: Iterable[Example]) -> list[Example]:
    return [example for example in examples if example.split == "train"]


def _text_hash(text: str) -> str:
    return hashlib.sha256(" ".join(text.casefold().split()).encode()).hexdigest()[:12]


def test_texts(data_dir: Path = DATA_DIR) -> frozenset[str]:
    """Hashes of the test-split texts, so corrections can never leak them into training."""
    examples = load_examples(default_data_paths(data_dir))
    return frozenset(_text_hash(e.text) for e in examples if e.split == "test")


def examples_from_corrections(
    rows: Iterable[Mapping[str, Any]], excluded_texts: frozenset[str] | None = None
) -> list[Example]:
    """Guide corrections as training examples, minus any test-split message."""
    excluded = test_texts() if excluded_texts is None else excluded_texts
    examples = [example_from_dict(row, default_split="train") for row in rows]
    return [
        replace(example, id=f"correction-{example.id}", split="train", source="correction")
        for example in examples
        if example.text.strip() and _text_hash(example.text) not in excluded
    ]


def data_version(
    examples: Sequence[Example], when: datetime | None = None, config: TrainConfig | None = None
) -> str:
    """Date of training plus a short hash of what the model was made from: the training
    examples, the lexicon files (they make features), the training settings and the
    rules that choose thresholds."""
    canonical = json.dumps(
        {
            "examples": sorted((asdict(e) for e in examples), key=lambda d: (d["id"], d["text"])),
            "lexicons": lexicon_fingerprint(),
            "config": asdict(config or TrainConfig()),
            "tuning": TUNING,
        },
        sort_keys=True,
        ensure_ascii=False,
    )
    digest = hashlib.sha256(canonical.encode()).hexdigest()[:8]
    return f"{(when or datetime.now(UTC)):%Y%m%d}-{digest}"


def read_all(examples: Sequence[Example]) -> list[Reading]:
    """Read every example the way the engine reads a message."""
    return [read_message(e.text, e.channel) for e in examples]


def _matrix(analysed: Sequence[Analysed], blocks: Sequence[Block]) -> sparse.csr_matrix:
    rows, cols, values = [], [], []
    for row, item in enumerate(analysed):
        columns, weights = vectorise(item, blocks)
        rows.append(np.full(len(columns), row))
        cols.append(columns)
        values.append(weights)
    shape = (len(analysed), sum(len(block.vocabulary) for block in blocks))
    data = (np.concatenate(values), (np.concatenate(rows), np.concatenate(cols)))
    return sparse.csr_matrix(data, shape=shape, dtype=np.float64)


def fit_blocks(analysed: Sequence[Analysed], config: TrainConfig) -> list[Block]:
    """One block per feature kind, with columns laid out one after another."""
    blocks: list[Block] = []
    offset = 0
    for index, name in enumerate(BLOCK_NAMES):
        documents = [item.block(name) for item in analysed]
        block = fit_block(
            documents,
            config.min_df[index],
            config.max_features[index],
            offset,
            config.scales[index],
        )
        blocks.append(block)
        offset += len(block.vocabulary)
    return blocks


def _targets(examples: Sequence[Example]) -> dict[str, np.ndarray]:
    targets = {f"need:{c}": np.array([c in e.needs for e in examples]) for c in NEED_CODES}
    targets["offer"] = np.array([e.is_offer for e in examples])
    targets["spam"] = np.array([e.is_spam for e in examples])
    targets["safeguarding"] = np.array([e.safeguarding for e in examples])
    return targets


def sample_weights(examples: Sequence[Example], config: TrainConfig) -> np.ndarray:
    """Each example's weight in training, from its source."""
    by_source = dict(config.source_weights)
    return np.array([by_source.get(e.source, 1.0) for e in examples])


def _fit_binary(
    x: sparse.csr_matrix,
    y: np.ndarray,
    config: TrainConfig,
    sample_weight: np.ndarray,
    power: float | None = None,
) -> tuple[np.ndarray, float]:
    positives = int(y.sum())
    if positives < 2 or positives > len(y) - 2:
        prior = (positives + 0.5) / (len(y) + 1.0)
        return np.zeros(x.shape[1]), float(np.log(prior / (1 - prior)))
    weights: str | dict[bool, float] = "balanced"
    if power is not None:
        weights = {True: float(((len(y) - positives) / positives) ** power), False: 1.0}
    head = LogisticRegression(C=config.c_binary, class_weight=weights, solver="liblinear")
    head.fit(x, y, sample_weight=sample_weight)
    return head.coef_[0], float(head.intercept_[0])


def _fit_urgency(
    x: sparse.csr_matrix, labels: Sequence[str], config: TrainConfig, sample_weight: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    head = LogisticRegression(C=config.c_urgency, class_weight="balanced", max_iter=3000)
    head.fit(x, list(labels), sample_weight=sample_weight)
    order = [list(head.classes_).index(u) for u in URGENCIES]
    return head.coef_[order].T, head.intercept_[order]


def fit_heads(
    examples: Sequence[Example], analysed: Sequence[Analysed], config: TrainConfig
) -> tuple[list[Block], np.ndarray, np.ndarray]:
    """Vocabularies, idf and every head's weights, fitted on the given examples."""
    blocks = fit_blocks(analysed, config)
    x = _matrix(analysed, blocks)
    weights = np.zeros((x.shape[1], len(HEADS)))
    bias = np.zeros(len(HEADS))
    example_weights = sample_weights(examples, config)
    for head, y in _targets(examples).items():
        power = config.need_weight_power if head.startswith("need:") else None
        column = COLUMN[head]
        weights[:, column], bias[column] = _fit_binary(x, y, config, example_weights, power)
    columns = [COLUMN[f"urgency:{u}"] for u in URGENCIES]
    urgencies = [e.urgency for e in examples]
    weights[:, columns], bias[columns] = _fit_urgency(x, urgencies, config, example_weights)
    return blocks, weights.astype(np.float32), bias.astype(np.float32)


def _model(version: str, fitted: tuple[list[Block], np.ndarray, np.ndarray]) -> Model:
    blocks, weights, bias = fitted
    return Model(version, blocks, weights, bias, Thresholds())


def train(
    examples: Sequence[Example], config: TrainConfig | None = None, version: str | None = None
) -> Model:
    """Train a model on train-split examples (raises if any test example is given)."""
    config = config or TrainConfig()
    if any(e.split == "test" for e in examples):
        raise ValueError("Test-split examples must never be used for training")
    if len(examples) < config.folds * 2:
        raise ValueError(f"Need at least {config.folds * 2} examples to train")
    readings = read_all(examples)
    out_of_fold = cross_validate(
        examples, readings, lambda ex, an: _model("cv", fit_heads(ex, an, config)), config
    )
    thresholds, scores = tune_thresholds(examples, out_of_fold)
    analysed = [reading.analysed for reading in readings]
    version = version or data_version(examples, config=config)
    model = _model(version, fit_heads(examples, analysed, config))
    model.thresholds = thresholds
    model.info = _info(examples, config, scores)
    return model


def _info(
    examples: Sequence[Example], config: TrainConfig, scores: dict[str, float]
) -> dict[str, Any]:
    import sklearn  # type: ignore[import-untyped]

    return {
        "trained_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "examples": len(examples),
        "corrections": sum(1 for e in examples if e.id.startswith("correction-")),
        "config": asdict(config),
        "tuning": TUNING,
        "cross_validation": scores,
        "lexicon_fingerprint": lexicon_fingerprint(),
        "scikit_learn": sklearn.__version__,
    }


def save(model: Model, path: Path | str) -> Path:
    """Write a model file."""
    save_model(model, Path(path))
    return Path(path)


def load(path: Path | str) -> Model:
    """Read a model file."""
    return load_model(Path(path))


def model_path(version: str, models_dir: Path = MODELS_DIR) -> Path:
    return models_dir / f"triage-{version}.joblib"


def publish(model: Model, models_dir: Path = MODELS_DIR) -> Path:
    """Save the model and make it the current one (``current.txt`` names it)."""
    path = save(model, model_path(model.version, models_dir))
    (models_dir / CURRENT_FILE).write_text(path.name + "\n", encoding="utf-8")
    return path


def retrain(
    corrections: Iterable[Mapping[str, Any]] = (),
    data_dir: Path = DATA_DIR,
    models_dir: Path = MODELS_DIR,
) -> Model:
    """Train on the train split plus guide corrections and publish the new model."""
    base = train_split(load_examples(default_data_paths(data_dir)))
    extra = examples_from_corrections(corrections, test_texts(data_dir))
    model = train(base + extra)
    publish(model, models_dir)
    reload_model()
    return model


def _read_jsonl(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as lines:
        return [json.loads(line) for line in lines if line.strip()]


def read_annotation(name: str, data_dir: Path = DATA_DIR) -> list[dict[str, Any]]:
    """One annotator's labels, ``agreement/<name>.jsonl`` (rows with an ``id``). Training
    never reads these: the data files hold the adjudicated labels."""
    return _read_jsonl(data_dir / "agreement" / f"{name}.jsonl")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Train the triage classifier.")
    parser.add_argument("--data-dir", type=Path, default=DATA_DIR)
    parser.add_argument("--models-dir", type=Path, default=MODELS_DIR)
    parser.add_argument("--corrections", type=Path, help="JSONL file of guide corrections")
    args = parser.parse_args(argv)
    rows = _read_jsonl(args.corrections) if args.corrections else []
    model = retrain(rows, args.data_dir, args.models_dir)
    print(json.dumps({"version": model.version, **model.info}, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
