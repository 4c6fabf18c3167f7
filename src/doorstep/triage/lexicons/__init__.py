"""Word lists for the triage rules, one plain-text file per language.

Each ``<language>.txt`` file has sections that start with ``[name]`` and hold one
pattern per line (``#`` starts a comment). Patterns use the syntax described in
:mod:`doorstep.triage.matcher`. Sections:

- critical signals: ``risk_to_life``, ``suicidal``, ``abuse``, ``no_food_today``,
  ``no_medication_today``, ``homeless_tonight``, ``no_heating`` and ``vulnerable``;
- negation: ``negation_before`` and ``negation_after`` (cues that negate a nearby
  phrase), ``negation_words`` (words that make a phrase negative in itself, such as
  "no" in "no food"), ``pseudo_negation`` (cues that do not negate: "can not stop"),
  ``terminators`` (words that end a negation's scope: "but");
- ``need:<code>``: words that suggest a need, for reasons and model features;
- ``markers``: common words that identify a language the detector cannot see
  (romanised Urdu).

The files are written by hand from our own knowledge of the languages and from the
train split only; never from the test split.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

LEXICON_DIR = Path(__file__).resolve().parent
SIGNAL_SECTIONS: tuple[str, ...] = (
    "risk_to_life",
    "suicidal",
    "abuse",
    "no_food_today",
    "no_medication_today",
    "homeless_tonight",
    "no_heating",
    "vulnerable",
)


@dataclass(frozen=True)
class LanguageLexicon:
    """The sections of one language's lexicon file."""

    language: str
    sections: dict[str, tuple[str, ...]]

    def section(self, name: str) -> tuple[str, ...]:
        return self.sections.get(name, ())

    def need_sections(self) -> dict[str, tuple[str, ...]]:
        prefix = "need:"
        return {k[len(prefix) :]: v for k, v in self.sections.items() if k.startswith(prefix)}


def parse_lexicon(language: str, text: str) -> LanguageLexicon:
    """Parse the text of one lexicon file."""
    sections: dict[str, list[str]] = {}
    current: list[str] | None = None
    for raw_line in text.splitlines():
        line = raw_line.split("#", 1)[0].strip()
        if line.startswith("[") and line.endswith("]"):
            current = sections.setdefault(line[1:-1].strip(), [])
        elif line and current is not None:
            current.append(line)
    return LanguageLexicon(language, {name: tuple(lines) for name, lines in sections.items()})


@cache
def lexicon_languages() -> tuple[str, ...]:
    """The languages that have a lexicon file, English first."""
    names = sorted(path.stem for path in LEXICON_DIR.glob("*.txt"))
    return tuple(sorted(names, key=lambda name: name != "en"))


@cache
def load_lexicon(language: str) -> LanguageLexicon:
    """The lexicon for one language (an empty one if there is no file)."""
    path = LEXICON_DIR / f"{language}.txt"
    if not path.is_file():
        return LanguageLexicon(language, {})
    return parse_lexicon(language, path.read_text(encoding="utf-8"))


def all_lexicons() -> list[LanguageLexicon]:
    """Every language's lexicon, English first."""
    return [load_lexicon(language) for language in lexicon_languages()]
