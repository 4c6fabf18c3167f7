"""Cleaning text that arrives from outside: encodings, control characters, size."""

from __future__ import annotations

import re
import unicodedata

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


class UnreadableText(ValueError):
    """The text cannot be stored as a message; the message says what to do."""


def decode_bytes(raw: bytes) -> str:
    """Decode UTF-8, falling back to Windows-1252 (common in old phones and email)."""
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace")


def clean_message_text(text: str, max_chars: int) -> str:
    """Normalise a message body, or raise UnreadableText saying what to do."""
    cleaned = unicodedata.normalize("NFC", _CONTROL.sub("", text)).strip()
    if not cleaned:
        raise UnreadableText("The message is empty: write what you need help with")
    if len(cleaned) > max_chars:
        raise UnreadableText(
            f"The message is too long ({len(cleaned):,} characters): "
            f"keep it under {max_chars:,} characters"
        )
    return cleaned


def normalise_name(name: str) -> str:
    folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z ]", "", folded.lower()).strip()
