"""One pass over a message that finds every lexicon phrase of every language.

The signals, the need keywords, the negation cues and the exclusions all live in one
:class:`~doorstep.triage.matcher.PhraseSet`, so a message is tokenised and scanned once.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cache, cached_property

from doorstep.triage.lexicons import LEXICON_DIR, all_lexicons
from doorstep.triage.matcher import Match, Phrase, PhraseSet, compile_phrases
from doorstep.triage.normalise import BOUNDARY_SENTENCE, Token, fold_phrase, tokenise


@dataclass
class Scan:
    """The tokens of a message and the phrases found in it, grouped by label."""

    tokens: list[Token]
    words: list[str]
    by_label: dict[str, list[Match]] = field(default_factory=dict)

    def matches(self, label: str) -> list[Match]:
        return self.by_label.get(label, [])

    def labels_with_prefix(self, prefix: str) -> dict[str, list[Match]]:
        return {k: v for k, v in self.by_label.items() if k.startswith(prefix)}

    @cached_property
    def sentence_ids(self) -> list[int]:
        """For each token, how many sentence breaks come before it."""
        ids, current = [], 0
        for token in self.tokens:
            current += token.boundary == BOUNDARY_SENTENCE
            ids.append(current)
        return ids

    def surface_of(self, text: str) -> Callable[[str], str]:
        """A function giving the writer's spelling of a normalised word."""

        def surface(word: str) -> str:
            for token, seen in zip(self.tokens, self.words, strict=True):
                if seen == word:
                    return text[token.start : token.end]
            return word

        return surface

    def quote(self, text: str, match: Match) -> str:
        """The resident's own words for a match."""
        return text[self.tokens[match.start].start : self.tokens[match.end - 1].end]


_CUE_SECTIONS = frozenset(
    {
        "negation_before",
        "negation_after",
        "pseudo_negation",
        "terminators",
        "markers",
        "later",
        "past",
    }
)


def _label(section: str) -> str:
    return section if section in _CUE_SECTIONS or ":" in section else f"signal:{section}"


_WORD_SECTIONS = frozenset({"negation_words", "typo_targets", "age_before", "age_after"})


def _all_phrases() -> list[Phrase]:
    phrases: list[Phrase] = []
    for lexicon in all_lexicons():
        for section, patterns in lexicon.sections.items():
            if section not in _WORD_SECTIONS:
                phrases.extend(compile_phrases(_label(section), lexicon.language, patterns))
    return phrases


def _typo_targets() -> frozenset[str]:
    words = (fold_phrase(line) for lex in all_lexicons() for line in lex.section("typo_targets"))
    return frozenset(word for folded in words for word in folded)


@cache
def phrase_set() -> PhraseSet:
    """Every lexicon phrase, compiled once per process."""
    return PhraseSet(_all_phrases(), _typo_targets())


@cache
def lexicon_fingerprint() -> str:
    """A short hash of the lexicon files, stored with a model trained on their features."""
    digest = hashlib.sha256()
    for path in sorted(LEXICON_DIR.glob("*.txt")):
        digest.update(path.read_bytes())
    return digest.hexdigest()[:8]


def scan_tokens(tokens: Sequence[Token]) -> Scan:
    """Find every phrase in already tokenised text."""
    phrases = phrase_set()
    words = phrases.corrected(tokens)
    grouped: dict[str, list[Match]] = defaultdict(list)
    for match in phrases.find(tokens, words):
        grouped[match.phrase.label].append(match)
    return Scan(list(tokens), words, dict(grouped))


def scan_text(text: str) -> Scan:
    """Tokenise and scan a text."""
    return scan_tokens(tokenise(text))
