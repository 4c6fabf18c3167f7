"""Which language a message is written in (ISO 639-1), offline.

Unique scripts decide at once (Chinese, Bengali, Gurmukhi). Romanised Urdu, Bengali
and Punjabi and Arabizi look like English to a detector, so a small lexicon of common
words ("hai", "nahi", "mujhe"...) decides those. Everything else goes to lingua, built
once, lazily, for the twelve languages we serve only: adding confusable languages
(Hindi, Persian, Italian, German, Dutch...) did not improve accuracy on the train split
and made some Urdu and English messages go astray.
"""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from doorstep.triage.lexicons import all_lexicons
from doorstep.triage.matcher import expand
from doorstep.triage.normalise import fold_phrase

if TYPE_CHECKING:
    from lingua import LanguageDetector

SUPPORTED: tuple[str, ...] = (
    "en",
    "fr",
    "ur",
    "pl",
    "ar",
    "ro",
    "bn",
    "so",
    "es",
    "pt",
    "pa",
    "zh",
)
LANGUAGE_NAMES: dict[str, str] = {
    "en": "English",
    "fr": "French",
    "ur": "Urdu",
    "pl": "Polish",
    "ar": "Arabic",
    "ro": "Romanian",
    "bn": "Bengali",
    "so": "Somali",
    "es": "Spanish",
    "pt": "Portuguese",
    "pa": "Punjabi",
    "zh": "Chinese",
    "und": "unknown",
}
UNIQUE_SCRIPTS: tuple[tuple[str, int, int], ...] = (
    ("zh", 0x3400, 0x9FFF),
    ("bn", 0x0980, 0x09FF),
    ("pa", 0x0A00, 0x0A7F),
)
MIN_LETTERS = 3
MARKER_MIN_HITS = 2
MARKER_MIN_SHARE = 0.25
ENGLISH_SHARE_TENTHS = 4
ENGLISH_MIN_HITS = 2
LOW_ACCURACY_MODE = True
"""Lingua's low-accuracy mode: measured as accurate as the full mode on messages of 20+
characters in the train split, and it loads in a fraction of the time."""

_lock = threading.Lock()
_detector: list[LanguageDetector] = []


@dataclass(frozen=True)
class LanguageGuess:
    """A language code and the plain-English reason for it."""

    code: str
    reason: str


def _build_detector() -> LanguageDetector:
    from lingua import IsoCode639_1, LanguageDetectorBuilder

    codes = [getattr(IsoCode639_1, code.upper()) for code in SUPPORTED]
    builder = LanguageDetectorBuilder.from_iso_codes_639_1(*codes)
    if LOW_ACCURACY_MODE:
        builder = builder.with_low_accuracy_mode()
    return builder.with_preloaded_language_models().build()


def detector() -> LanguageDetector:
    """The shared lingua detector, built on first use."""
    if not _detector:
        with _lock:
            if not _detector:
                _detector.append(_build_detector())
    return _detector[0]


@cache
def _markers() -> dict[str, frozenset[str]]:
    found: dict[str, frozenset[str]] = {}
    for lexicon in all_lexicons():
        words = {
            word
            for pattern in lexicon.section("markers")
            for variant in expand(pattern)
            for word in fold_phrase(variant)
        }
        if words:
            found[lexicon.language] = frozenset(words)
    return found


def _script_language(text: str) -> str:
    if text.isascii():
        return ""
    counts: Counter[str] = Counter()
    letters = 0
    for char in text:
        if char.isalpha():
            letters += 1
            point = ord(char)
            for code, low, high in UNIQUE_SCRIPTS:
                if low <= point <= high:
                    counts[code] += 1
    if not counts:
        return ""
    code, count = counts.most_common(1)[0]
    return code if count * 2 >= letters else ""


def _marker_language(words: list[str]) -> tuple[str, list[str]]:
    best, best_hits = "", list[str]()
    for code, markers in _markers().items():
        if code == "en":
            continue
        hits = sorted({w for w in words if w in markers})
        share = sum(1 for w in words if w in markers) / max(len(words), 1)
        enough = len(hits) >= MARKER_MIN_HITS and share >= MARKER_MIN_SHARE
        if enough and len(hits) > len(best_hits):
            best, best_hits = code, hits
    return best, best_hits


def _lingua_language(text: str) -> str:
    language = detector().detect_language_of(text)
    if language is None:
        return "und"
    return language.iso_code_639_1.name.lower()


def detect_language(
    text: str, words: list[str], surface: Callable[[str], str] | None = None
) -> LanguageGuess:
    """Guess the language of ``text``; ``words`` are its normalised words and ``surface``
    turns one back into the writer's spelling for the reason."""
    if sum(1 for char in text if char.isalpha()) < MIN_LETTERS:
        return LanguageGuess("und", "Too few letters to tell the language")
    script = _script_language(text)
    if script:
        return LanguageGuess(script, f"Language {_name(script)}: written in its own script")
    marked, hits = _marker_language(words)
    if marked:
        quoted = ", ".join(f'"{surface(w) if surface else w}"' for w in hits[:4])
        return LanguageGuess(marked, f"Language {_name(marked)} (romanised): words {quoted}")
    if _mostly_english(words):
        return LanguageGuess("en", 'Language "en" (English): mostly common English words')
    code = _lingua_language(text)
    if code == "und":
        return LanguageGuess("und", "The language could not be told")
    return LanguageGuess(code, f"Language {_name(code)}, detected by lingua")


def _mostly_english(words: list[str]) -> bool:
    """Mostly common English words: English, without asking lingua (which is slower, and
    takes short English texts such as "food pls" for Somali)."""
    english = _markers().get("en", frozenset())
    hits = sum(1 for word in words if word in english)
    return hits >= ENGLISH_MIN_HITS and hits * 10 >= len(words) * ENGLISH_SHARE_TENTHS


def _name(code: str) -> str:
    return f'"{code}" ({LANGUAGE_NAMES.get(code, code)})'
