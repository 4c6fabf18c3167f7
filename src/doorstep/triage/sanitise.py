"""Making any input safe to read: HTML, binary noise, surrogates, huge messages."""

from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import dataclass

RULES_MAX_CHARS = 200_000
"""The rules read this much of a message (the model reads the first 400 words)."""
LONG_MESSAGE = 10_000
BINARY_SHARE = 0.3

_TAG_HINT = re.compile(r"<\s*[a-zA-Z!/][^<>]{0,2000}>")
_SCRIPT = re.compile(r"<\s*(script|style)\b.*?(<\s*/\s*\1\s*>|$)", re.IGNORECASE | re.DOTALL)
_COMMENT = re.compile(r"<!--.*?(-->|$)", re.DOTALL)
_TAG = re.compile(r"<[^<>]{0,2000}>")
_SURROGATES = re.compile("[\ud800-\udfff]")
_SPACES = re.compile(r"[ \t\f\v\u00a0]+")
_KEEP_CONTROLS = frozenset("\n\t\r")


@dataclass(frozen=True)
class CleanText:
    """Text ready to read, with notes on what was done to it."""

    text: str
    notes: tuple[str, ...] = ()
    readable: bool = True
    original_length: int = 0

    @property
    def has_words(self) -> bool:
        return any(char.isalnum() for char in self.text)


def as_text(raw: object) -> str:
    """Whatever arrived, as a string (bytes are decoded, None is empty)."""
    if raw is None:
        return ""
    if isinstance(raw, bytes | bytearray):
        return bytes(raw).decode("utf-8", errors="replace")
    if isinstance(raw, str):
        return raw
    try:
        return str(raw)
    except Exception:
        return ""


def _strip_html(text: str) -> tuple[str, list[str]]:
    if not _TAG_HINT.search(text):
        return text, []
    notes = ["HTML tags were removed before reading"]
    without_scripts = _SCRIPT.sub(" ", text)
    if without_scripts != text:
        notes.append("A script or style block was ignored")
    stripped = _TAG.sub(" ", _COMMENT.sub(" ", without_scripts))
    return html.unescape(stripped), notes


def _is_noise(char: str) -> bool:
    if char in _KEEP_CONTROLS:
        return False
    return char == "\ufffd" or unicodedata.category(char) in {"Cc", "Co", "Cn", "Cs"}


_MAYBE_NOISE = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffd\ue000-\uf8ff\U000f0000-\U0010ffff]"
)


def _remove_noise(text: str) -> tuple[str, bool]:
    if not _MAYBE_NOISE.search(text):
        return text, False
    noise = sum(1 for char in text if _is_noise(char))
    binary = len(text) >= 8 and noise >= BINARY_SHARE * len(text)
    if not noise:
        return text, False
    return "".join(char for char in text if not _is_noise(char)), binary


def clean_input(raw: object) -> CleanText:
    """Clean a message for reading; never raises."""
    text = _SURROGATES.sub("", as_text(raw))
    original_length = len(text)
    notes: list[str] = []
    if original_length > RULES_MAX_CHARS:
        text = text[:RULES_MAX_CHARS]
        notes.append(f"Only the first {RULES_MAX_CHARS:,} characters were read")
    text, html_notes = _strip_html(text)
    text, binary = _remove_noise(text)
    if binary:
        notes.append("The text looks like binary data, not words")
    text = _SPACES.sub(" ", unicodedata.normalize("NFC", text)).strip()
    if original_length >= LONG_MESSAGE:
        notes.append(
            f"Long message ({original_length:,} characters): the classifier read the start, "
            "the critical-signal rules read all of it"
        )
    return CleanText(text, tuple(html_notes + notes), not binary, original_length)
