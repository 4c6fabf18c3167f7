"""The trained classifier: linear heads over TF-IDF features, in plain numpy.

A model file holds vocabularies, idf weights, one weight matrix for every head and the
decision thresholds chosen by cross-validation on the train split. Reading it needs
numpy and joblib but not scikit-learn, which keeps start-up fast.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import joblib  # type: ignore[import-untyped]
import numpy as np
import numpy.typing as npt

from doorstep.triage.features import Analysed, Block, Columns, Values, vectorise
from doorstep.triage.result import NEED_CODES, URGENCIES

FORMAT = 1
HEADS: tuple[str, ...] = (
    *(f"need:{code}" for code in NEED_CODES),
    *(f"urgency:{u}" for u in URGENCIES),
    "offer",
    "spam",
    "safeguarding",
)
COLUMN = {head: index for index, head in enumerate(HEADS)}
URGENCY_COLUMNS = [COLUMN[f"urgency:{u}"] for u in URGENCIES]
Floats = npt.NDArray[np.float32]


@dataclass
class Thresholds:
    """Decision thresholds, chosen on out-of-fold predictions for the train split."""

    needs: dict[str, float] = field(default_factory=lambda: dict.fromkeys(NEED_CODES, 0.5))
    emergency: float = 0.5
    urgent: float = 0.5
    offer: float = 0.5
    spam: float = 0.5
    safeguarding: float = 0.5
    need_floor: float = 0.2
    need_ratio: float = 0.0
    max_needs: int = 4
    rule_need_confidence: float = 0.6


@dataclass
class Prediction:
    """What the classifier says about one message, before the rules are applied."""

    needs: dict[str, float]
    urgency: dict[str, float]
    offer: float
    spam: float
    safeguarding: float
    columns: Columns
    values: Values


@dataclass
class Model:
    """A loaded, ready to use classifier."""

    version: str
    blocks: list[Block]
    weights: Floats
    bias: Floats
    thresholds: Thresholds
    info: dict[str, Any] = field(default_factory=dict)
    _word_names: list[str] = field(default_factory=list, repr=False)

    def predict(self, analysed: Analysed) -> Prediction:
        """Probabilities for every head."""
        columns, values = vectorise(analysed, self.blocks)
        logits = self.bias + values.astype(np.float32) @ self.weights[columns]
        return _prediction(logits, columns, values)

    def top_words(self, prediction: Prediction, head: str, limit: int = 3) -> list[str]:
        """The message's word features that pushed a head up the most."""
        in_words = prediction.columns < len(self.blocks[0].vocabulary)
        columns = prediction.columns[in_words]
        scores = prediction.values[in_words] * self.weights[columns, COLUMN[head]]
        order = np.argsort(-scores)[:limit]
        return [self._word_name(int(columns[i])) for i in order if scores[i] > 0]

    def _word_name(self, index: int) -> str:
        if not self._word_names:
            names = [""] * len(self.blocks[0].vocabulary)
            for token, position in self.blocks[0].vocabulary.items():
                names[position] = token
            self._word_names = names
        return self._word_names[index]


def _sigmoid(values: Floats) -> Floats:
    return np.asarray(0.5 * (1.0 + np.tanh(0.5 * values)), dtype=np.float32)


def _softmax(values: Floats) -> Floats:
    shifted = np.exp(values - values.max())
    return np.asarray(shifted / shifted.sum(), dtype=np.float32)


def _prediction(logits: Floats, columns: Columns, values: Values) -> Prediction:
    probs = _sigmoid(logits)
    urgency = _softmax(logits[URGENCY_COLUMNS])
    return Prediction(
        needs={code: float(probs[COLUMN[f"need:{code}"]]) for code in NEED_CODES},
        urgency={u: float(urgency[i]) for i, u in enumerate(URGENCIES)},
        offer=float(probs[COLUMN["offer"]]),
        spam=float(probs[COLUMN["spam"]]),
        safeguarding=float(probs[COLUMN["safeguarding"]]),
        columns=columns,
        values=values,
    )


def _block_state(block: Block) -> dict[str, Any]:
    tokens = sorted(block.vocabulary, key=block.vocabulary.__getitem__)
    idf = np.asarray(block.idf, dtype=np.float32)
    return {"tokens": tokens, "idf": idf, "scale": block.scale}


def _blocks_from_state(states: list[dict[str, Any]]) -> list[Block]:
    blocks, offset = [], 0
    for state in states:
        tokens: list[str] = list(state["tokens"])
        idf = [float(v) for v in state["idf"]]
        blocks.append(Block({t: i for i, t in enumerate(tokens)}, idf, offset, state["scale"]))
        offset += len(tokens)
    return blocks


def save_model(model: Model, path: Path) -> None:
    """Write a model file (plain types and numpy arrays only, compressed)."""
    state = {
        "format": FORMAT,
        "version": model.version,
        "heads": list(HEADS),
        "blocks": [_block_state(block) for block in model.blocks],
        "weights": model.weights.astype(np.float16),
        "bias": model.bias.astype(np.float32),
        "thresholds": vars(model.thresholds),
        "info": model.info,
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    joblib.dump(state, path, compress=("zlib", 6))


def load_model(path: Path) -> Model:
    """Read a model file written by :func:`save_model`."""
    state = joblib.load(path)
    if state.get("format") != FORMAT or list(state["heads"]) != list(HEADS):
        raise ValueError(f"{path} is not a triage model this version can read")
    return Model(
        version=str(state["version"]),
        blocks=_blocks_from_state(state["blocks"]),
        weights=np.asarray(state["weights"], dtype=np.float32),
        bias=np.asarray(state["bias"], dtype=np.float32),
        thresholds=Thresholds(**state["thresholds"]),
        info=dict(state["info"]),
    )
