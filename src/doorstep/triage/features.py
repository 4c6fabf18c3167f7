"""Turning a scanned message into the sparse features the classifier reads.

The same functions build the training matrix and the features of one message at run
time, so the two can never drift apart. There are three blocks: word uni- and bigrams
of the scanner's normalised words (text-speak expanded, diacritics removed), character
n-grams inside those words, and "meta" tokens: the channel, the language and the
lexicon hits ("__kw_food", "__sig_no_food_today"). The meta block is how the rules'
knowledge of eleven languages reaches the classifier.
"""

from __future__ import annotations

import itertools
import math
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np
import numpy.typing as npt

from doorstep.triage.scan import Scan
from doorstep.triage.signals import SignalReport

CHAR_NGRAMS = (2, 5)
MAX_WORDS = 400
"""Words read by the classifier; the rules always read the whole message."""
BLOCK_NAMES: tuple[str, ...] = ("words", "chars", "meta")
SIGNAL_FEATURES = False
"""Whether the critical-signal rules feed the classifier. They do not: the rules were
written with the train split in view, so a classifier trained on their output learns
to lean on them and looks better in cross-validation than it is. Kept apart, the
classifier and the rules are two independent chances to catch an emergency."""


def meta_tokens(scan: Scan, report: SignalReport, channel: str, language: str) -> list[str]:
    """Channel, language, need keyword and signal features."""
    tokens = [f"__ch_{channel}", f"__lang_{language}"]
    tokens += sorted({f"__kw_{label[5:]}" for label in scan.labels_with_prefix("need:")})
    if SIGNAL_FEATURES:
        tokens += [f"__sig_{hit.code}" for hit in report.hits]
        tokens += [f"__neg_{hit.code}" for hit in report.negated]
    return tokens


def word_tokens(words: Sequence[str]) -> list[str]:
    """Unigrams and bigrams of the first words."""
    kept = [w for w in words[:MAX_WORDS] if w]
    return kept + [f"{a} {b}" for a, b in itertools.pairwise(kept)]


@lru_cache(maxsize=65536)
def word_char_grams(word: str) -> tuple[str, ...]:
    """Character n-grams of one word padded with spaces, like scikit-learn's ``char_wb``."""
    padded = f" {word} "
    low, high = CHAR_NGRAMS
    return tuple(
        padded[i : i + size]
        for size in range(low, min(high, len(padded)) + 1)
        for i in range(len(padded) - size + 1)
    )


def char_tokens(words: Sequence[str]) -> list[str]:
    return [gram for word in words[:MAX_WORDS] for gram in word_char_grams(word)]


@dataclass(frozen=True)
class Analysed:
    """The tokens of one message for each feature block."""

    words: list[str]
    char_source: list[str]
    meta: list[str]

    @property
    def chars(self) -> list[str]:
        return char_tokens(self.char_source)

    def block(self, name: str) -> list[str]:
        tokens: list[str] = getattr(self, name)
        return tokens


def analyse(scan: Scan, report: SignalReport, channel: str, language: str) -> Analysed:
    """The feature tokens of one scanned message."""
    return Analysed(
        word_tokens(scan.words),
        [w for w in scan.words[:MAX_WORDS] if w],
        meta_tokens(scan, report, channel, language),
    )


Columns = npt.NDArray[np.int64]
Values = npt.NDArray[np.float64]


@dataclass
class Block:
    """One TF-IDF block: vocabulary, idf weights, column offset and block weight."""

    vocabulary: dict[str, int]
    idf: list[float]
    offset: int
    scale: float = 1.0
    _idf: Values = field(init=False, repr=False)
    _per_word: dict[str, list[int]] = field(default_factory=dict, init=False, repr=False)

    def __post_init__(self) -> None:
        self._idf = np.asarray(self.idf, dtype=np.float64)

    def columns(self, tokens: Iterable[str]) -> list[int]:
        """The column of each known token (repeated tokens repeat their column)."""
        get = self.vocabulary.get
        return [c for c in map(get, tokens) if c is not None]

    def char_columns(self, words: Sequence[str]) -> list[int]:
        """Columns of the words' character n-grams, cached word by word (the same as
        ``columns(char_tokens(words))``, several times faster)."""
        found: list[int] = []
        for word in words:
            cached = self._per_word.get(word)
            if cached is None:
                cached = self.columns(word_char_grams(word))
                if len(self._per_word) < 200_000:
                    self._per_word[word] = cached
            found += cached
        return found

    def weights(self, columns: list[int]) -> tuple[Columns, Values]:
        """Sublinear tf-idf, L2-normalised then scaled: global columns and values."""
        if not columns:
            return np.empty(0, dtype=np.int64), np.empty(0, dtype=np.float64)
        unique, counts = np.unique(np.asarray(columns, dtype=np.int64), return_counts=True)
        raw = (1.0 + np.log(counts)) * self._idf[unique]
        norm = float(np.sqrt(raw @ raw)) or 1.0
        return unique + self.offset, raw * (self.scale / norm)


def fit_block(
    documents: Sequence[Sequence[str]], min_df: int, max_size: int, offset: int, scale: float
) -> Block:
    """Vocabulary (the most frequent tokens, then sorted) and smoothed idf."""
    df = Counter(token for doc in documents for token in set(doc))
    kept = sorted((t for t, n in df.items() if n >= min_df), key=lambda t: (-df[t], t))
    kept = sorted(kept[:max_size])
    n_docs = len(documents)
    idf = [math.log((1 + n_docs) / (1 + df[t])) + 1.0 for t in kept]
    return Block({t: i for i, t in enumerate(kept)}, idf, offset, scale)


def vectorise(analysed: Analysed, blocks: Sequence[Block]) -> tuple[Columns, Values]:
    """All the features of one message: global columns and their values."""
    words, chars, meta = blocks
    parts = [
        words.weights(words.columns(analysed.words)),
        chars.weights(chars.char_columns(analysed.char_source)),
        meta.weights(meta.columns(analysed.meta)),
    ]
    return np.concatenate([p[0] for p in parts]), np.concatenate([p[1] for p in parts])
