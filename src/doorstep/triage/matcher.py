"""Finding lexicon phrases in tokenised text, with tolerance for typos.

A phrase is written in a small pattern language, folded like the text:

- ``{a|b c|}``: alternatives, each one or more whole words (an empty one makes the
  group optional);
- ``word*``: any word starting with "word";
- ``...``: up to three words that do not cross the end of a sentence (``...6``: up
  to six).

All the patterns live in one graph: words shared by patterns are shared nodes, and the
alternatives of a group meet again in one node, so ``{a|b|c} {x|y|z}`` costs six edges,
not nine phrases. A message is walked through the graph once from each word.

Chosen "typo target" words of six letters or more are also found with one typo
("medicaton", "sucidal"), provided the first letter is right.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache

from doorstep.triage.normalise import BOUNDARY_SENTENCE, Token, tokenise

LITERAL, PREFIX, GAP = 0, 1, 2
DEFAULT_GAP = 3
FUZZY_MIN_LENGTH = 6
_GROUP = re.compile(r"\{([^{}]*)\}")
_ITEM = re.compile(r"\{[^{}]*\}|[^\s{}]+")
_GAP = re.compile(r"\.\.\.(\d?)")
_ARABIC_AND = "\u0648"

Element = tuple[int, str]
Alternative = tuple[Element, ...]
Slot = tuple[Alternative, ...]


@dataclass(frozen=True)
class Phrase:
    """One compiled pattern and what it stands for."""

    label: str
    language: str
    source: str
    slots: tuple[Slot, ...]


@dataclass(frozen=True)
class Match:
    """A phrase found at tokens ``start`` to ``end`` (exclusive); ``skipped`` are the
    positions covered by a ``...`` gap rather than by the phrase's own words."""

    phrase: Phrase
    start: int
    end: int
    skipped: tuple[int, ...] = ()


def expand(pattern: str) -> list[str]:
    """All the plain variants of a pattern with ``{a|b}`` groups (for small word lists)."""
    pieces = _GROUP.split(pattern)
    choices = [
        [piece] if index % 2 == 0 else piece.split("|") for index, piece in enumerate(pieces)
    ]
    return [" ".join("".join(combo).split()) for combo in itertools.product(*choices)]


@cache
def _piece_elements(piece: str) -> Alternative:
    gap = _GAP.fullmatch(piece)
    if gap:
        return ((GAP, gap.group(1) or str(DEFAULT_GAP)),)
    if piece.endswith("*"):
        return tuple((PREFIX, token.norm) for token in tokenise(piece[:-1]))
    return tuple((LITERAL, token.norm) for token in tokenise(piece))


def _alternative(text: str) -> Alternative:
    return tuple(element for piece in text.split() for element in _piece_elements(piece))


def parse_pattern(pattern: str) -> tuple[Slot, ...]:
    """A pattern as slots, each slot a choice of alternatives."""
    slots: list[Slot] = []
    for item in _ITEM.findall(pattern):
        if item.startswith("{"):
            slots.append(tuple(dict.fromkeys(_alternative(a) for a in item[1:-1].split("|"))))
        else:
            slots.append((_alternative(item),))
    return tuple(slot for slot in slots if slot != ((),))


def _starts_with_gap(slots: tuple[Slot, ...]) -> bool:
    return bool(slots) and any(alt and alt[0][0] == GAP for alt in slots[0])


def compile_phrases(label: str, language: str, patterns: Iterable[str]) -> list[Phrase]:
    """Compile patterns for one label (patterns that start with a gap are dropped)."""
    phrases = []
    for pattern in patterns:
        slots = parse_pattern(pattern)
        if slots and not _starts_with_gap(slots):
            phrases.append(Phrase(label, language, pattern, slots))
    return phrases


def damerau_levenshtein(a: str, b: str) -> int:
    """Edit distance counting an adjacent swap as one edit."""
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, char_a in enumerate(a, start=1):
        current = [i] + [0] * len(b)
        for j, char_b in enumerate(b, start=1):
            cost = 0 if char_a == char_b else 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and char_a == b[j - 2] and a[i - 2] == char_b:
                current[j] = min(current[j], previous2[j - 2] + 1)
        previous2, previous = previous, current
    return previous[-1]


def _deletes(word: str) -> set[str]:
    return {word[:i] + word[i + 1 :] for i in range(len(word))} | {word}


@dataclass
class Corrector:
    """Maps a word with one typo to the lexicon word it was meant to be.

    ``protected`` words are never corrected: a word the lexicon knows is no typo.
    """

    vocabulary: frozenset[str]
    protected: frozenset[str] = frozenset()
    _index: dict[str, list[str]] = field(default_factory=dict, init=False, repr=False)
    _cache: dict[str, str] = field(default_factory=dict, init=False, repr=False)

    def __post_init__(self) -> None:
        for word in sorted(self.vocabulary):
            if len(word) >= FUZZY_MIN_LENGTH:
                for key in _deletes(word):
                    self._index.setdefault(key, []).append(word)

    def __call__(self, word: str) -> str:
        cached = self._cache.get(word)
        if cached is None:
            cached = self._lookup(word)
            if len(self._cache) < 100_000:
                self._cache[word] = cached
        return cached

    def _lookup(self, word: str) -> str:
        if len(word) < FUZZY_MIN_LENGTH or word in self.vocabulary or word in self.protected:
            return word
        for key in sorted(_deletes(word)):
            for candidate in self._index.get(key, ()):
                if candidate[0] == word[0] and damerau_levenshtein(word, candidate) == 1:
                    return candidate
        return word


@dataclass(eq=False)
class Node:
    """A point in the phrase graph: what may follow, and the phrases that end here."""

    literals: dict[str, Node] = field(default_factory=dict)
    prefixes: dict[str, Node] = field(default_factory=dict)
    prefix_lengths: set[int] = field(default_factory=set)
    gaps: list[tuple[int, Node]] = field(default_factory=list)
    joins: list[Node] = field(default_factory=list)
    ends: list[Phrase] = field(default_factory=list)

    def child(self, element: Element) -> Node:
        kind, value = element
        if kind == GAP:
            node = Node()
            self.gaps.append((int(value), node))
            return node
        if kind == PREFIX:
            self.prefix_lengths.add(len(value))
            return self.prefixes.setdefault(value, Node())
        return self.literals.setdefault(value, Node())

    def path(self, alternative: Alternative) -> Node:
        node = self
        for element in alternative:
            node = node.child(element)
        return node


def _add_slot(start: Node, slot: Slot, first: bool) -> Node:
    """Add one slot's alternatives after ``start``; they meet again in the node returned."""
    if len(slot) == 1 and not first:
        return start.path(slot[0])
    meet = Node()
    for alternative in slot:
        end = start.path(alternative)
        end.joins.append(meet)
    return meet


@dataclass
class PhraseSet:
    """Many phrases in one graph, so a message is scanned once, word by word."""

    phrases: Sequence[Phrase]
    typo_targets: frozenset[str] = frozenset()
    root: Node = field(default_factory=Node, init=False, repr=False)
    corrector: Corrector = field(init=False, repr=False)

    def __post_init__(self) -> None:
        known: set[str] = set()
        for phrase in self.phrases:
            self._add(phrase)
            known.update(v for slot in phrase.slots for alt in slot for k, v in alt if k == LITERAL)
        self.corrector = Corrector(self.typo_targets, frozenset(known))

    def _add(self, phrase: Phrase) -> None:
        node = self.root
        for index, slot in enumerate(phrase.slots):
            # Alternatives in the first slot hang from the shared root, so they must meet
            # in a node of their own; a single later word can extend the path directly.
            node = _add_slot(node, slot, first=index == 0)
        node.ends.append(phrase)

    def corrected(self, tokens: Sequence[Token]) -> list[str]:
        """The tokens' words, each corrected towards the lexicon if it has one typo."""
        return [self.corrector(token.norm) for token in tokens]

    def find(self, tokens: Sequence[Token], words: Sequence[str] | None = None) -> list[Match]:
        """Every phrase occurrence (once per phrase, start and end), in text order."""
        words = self.corrected(tokens) if words is None else words
        breaks = [token.boundary == BOUNDARY_SENTENCE for token in tokens]
        variants = [word_variants(w) for w in words]
        walk = _Walk(variants, breaks)
        root = self.root
        for start, candidates in enumerate(variants):
            if any(_opens(root, word) for word in candidates):
                walk.start = start
                walk.step(root, start, ())
        return list(walk.found.values())


def _opens(root: Node, word: str) -> bool:
    """Whether any phrase can start with this word."""
    if word in root.literals:
        return True
    return any(word[:length] in root.prefixes for length in root.prefix_lengths)


def word_variants(word: str) -> tuple[str, ...]:
    """The word, and without the Arabic "and" that is written joined to the next word."""
    if len(word) > 2 and word[0] == _ARABIC_AND:
        return (word, word[1:])
    return (word,)


@dataclass
class _Walk:
    """Depth-first walks of the phrase graph from each start position."""

    variants: list[tuple[str, ...]]
    breaks: list[bool]
    start: int = 0
    found: dict[tuple[int, int, int], Match] = field(default_factory=dict)

    def step(self, node: Node, i: int, skipped: tuple[int, ...]) -> None:
        for phrase in node.ends:
            self.found.setdefault(
                (id(phrase), self.start, i), Match(phrase, self.start, i, skipped)
            )
        for joined in node.joins:
            self.step(joined, i, skipped)
        if self._can_read(i):
            for word in self.variants[i]:
                self._follow(node, word, i, skipped)
        for size, after in node.gaps:
            self._skip(after, i, size, skipped)

    def _can_read(self, i: int) -> bool:
        return i < len(self.variants) and not (i > self.start and self.breaks[i])

    def _follow(self, node: Node, word: str, i: int, skipped: tuple[int, ...]) -> None:
        child = node.literals.get(word)
        if child is not None:
            self.step(child, i + 1, skipped)
        for length in node.prefix_lengths:
            after = node.prefixes.get(word[:length])
            if after is not None:
                self.step(after, i + 1, skipped)

    def _skip(self, after: Node, i: int, size: int, skipped: tuple[int, ...]) -> None:
        for j in range(i, i + size + 1):
            if j > i and (j > len(self.variants) or self.breaks[j - 1]):
                break
            self._read_after_gap(after, j, (*skipped, *range(i, j)))

    def _read_after_gap(self, node: Node, j: int, skipped: tuple[int, ...]) -> None:
        """After a gap the next word must match (a phrase never ends in a gap)."""
        for joined in node.joins:
            self._read_after_gap(joined, j, skipped)
        if self._can_read(j):
            for word in self.variants[j]:
                self._follow(node, word, j, skipped)
