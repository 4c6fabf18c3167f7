"""Text to comparable tokens: casefolded, without diacritics, text-speak expanded.

Every token keeps the span of the text it came from, so that a reason can quote the
resident's own words. Lexicon phrases go through the same :func:`fold`, so a rule
written as "niebezpieczeństwie" matches "niebezpieczenstwie" and "NIEBEZPIECZENSTWIEE".
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from doorstep.triage.lexicons.textspeak import TEXT_SPEAK_RAW

_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_MARKS = (
    "\u0300-\u036f\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06dc\u06df-\u06e8\u06ea-\u06ed"
    "\u0900-\u0963\u0966-\u0a7f\u200c\u200d"
)
_WORD = rf"(?:(?![{_HAN}])[^\W_]|[{_MARKS}])+"
_APOSTROPHE = "'\u2019\u2018`\u02bc\u00b4"
TOKEN_RE = re.compile(rf"[{_HAN}]|{_WORD}(?:[{_APOSTROPHE}]{_WORD})*")
_APOSTROPHE_RE = re.compile(rf"[{_APOSTROPHE}]")
_SENTENCE_END = re.compile("[.!?\n\u0964\u061f\u06d4\u3002\uff01\uff1f]")
_CLAUSE_END = re.compile("[,;:()\u060c\u061b\u2013\u2014\uff0c]| - ")
_REPEATS = re.compile(r"([^\W\d_])\1+")

_LETTER_VARIANTS = {
    # Latin letters that do not decompose into a base letter and a diacritic
    "\u0142": "l",
    "\u0111": "d",
    "\u00f8": "o",
    "\u00df": "ss",
    "\u00e6": "ae",
    "\u0153": "oe",
    "\u0131": "i",
    # Arabic-script letters that keyboards and writers use interchangeably: alef with
    # hamza or madda, ta marbuta and the heh forms, alef maqsura and the yeh forms, kaf
    "\u0623": "\u0627",
    "\u0625": "\u0627",
    "\u0622": "\u0627",
    "\u0671": "\u0627",
    "\u0629": "\u0647",
    "\u06c1": "\u0647",
    "\u06c0": "\u0647",
    "\u06d5": "\u0647",
    "\u0649": "\u064a",
    "\u06cc": "\u064a",
    "\u06d0": "\u064a",
    "\u0643": "\u06a9",
}
_CHAR_MAP = str.maketrans(
    {
        **_LETTER_VARIANTS,
        "\u0640": None,  # tatweel
        "\u200c": None,
        "\u200d": None,
        **{chr(0x0660 + d): str(d) for d in range(10)},
        **{chr(0x06F0 + d): str(d) for d in range(10)},
    }
)

BOUNDARY_NONE = 0
BOUNDARY_CLAUSE = 1
BOUNDARY_SENTENCE = 2

_EN_CLITICS = frozenset({"m", "s", "re", "ve", "d", "t"})
_ELISIONS = frozenset({"l", "d", "j", "n", "m", "t", "s", "c", "qu", "jusqu", "lorsqu", "puisqu"})


@dataclass(frozen=True, slots=True)
class Token:
    """One normalised word, the span it came from and the break before it."""

    norm: str
    start: int
    end: int
    boundary: int = BOUNDARY_NONE


@lru_cache(maxsize=65536)
def fold(word: str) -> str:
    """Casefold, drop diacritics, unify letter variants and collapse repeated letters."""
    decomposed = unicodedata.normalize("NFKD", word.casefold())
    bare = "".join(char for char in decomposed if not unicodedata.combining(char))
    return _REPEATS.sub(r"\1", bare.translate(_CHAR_MAP))


def _fold_text_speak() -> dict[str, tuple[str, ...]]:
    return {
        fold(short): tuple(fold(w) for w in long.split()) for short, long in TEXT_SPEAK_RAW.items()
    }


_TEXT_SPEAK = _fold_text_speak()
_WILL = fold("will")
_LL = fold("ll")


def _expand(folded: str) -> tuple[str, ...]:
    return _TEXT_SPEAK.get(folded, (folded,)) if folded else ()


@lru_cache(maxsize=65536)
def normalise_word(raw: str) -> tuple[str, ...]:
    """The normalised tokens for one written word ("I'm" gives "i", "am")."""
    parts = [part for part in _APOSTROPHE_RE.split(raw) if part]
    if len(parts) < 2:
        return _expand(fold(raw))
    folded = [fold(part) for part in parts]
    if len(folded) == 2 and folded[1] == _LL:
        return (*_expand(folded[0]), _WILL)
    if folded[-1] in _EN_CLITICS or folded[0] not in _ELISIONS:
        return _expand(fold("".join(parts)))
    return tuple(token for part in folded for token in _expand(part))


def _boundary(gap: str) -> int:
    if _SENTENCE_END.search(gap):
        return BOUNDARY_SENTENCE
    if _CLAUSE_END.search(gap):
        return BOUNDARY_CLAUSE
    return BOUNDARY_NONE


def tokenise(text: str) -> list[Token]:
    """Split text into normalised tokens; Chinese characters are one token each."""
    tokens: list[Token] = []
    previous_end = 0
    for match in TOKEN_RE.finditer(text):
        boundary = _boundary(text[previous_end : match.start()]) if tokens else BOUNDARY_NONE
        for position, norm in enumerate(normalise_word(match.group())):
            gap = boundary if position == 0 else BOUNDARY_NONE
            tokens.append(Token(norm, match.start(), match.end(), gap))
        previous_end = match.end()
    return tokens


def fold_phrase(phrase: str) -> list[str]:
    """A lexicon phrase as normalised tokens, the same way the text is normalised."""
    return [token.norm for token in tokenise(phrase)]
