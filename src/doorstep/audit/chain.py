"""The audit log's hash chain: canonical content and its SHA-256. No database here.

An entry's hash is ``sha256(canonical_json(content))`` as lowercase hex, where ``content``
is a JSON object of the entry's columns (see ``AuditEvent.content``) including
``prev_hash``, the hash of the entry before it (64 zeros for the first entry).
docs/subsystems/audit.md describes the format so it can be checked outside Doorstep.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Mapping
from typing import TypeAlias

GENESIS_HASH = "0" * 64
FORMAT_VERSION = 1

JSONValue: TypeAlias = bool | int | str | list["JSONValue"] | dict[str, "JSONValue"] | None


class NotCanonical(ValueError):
    """A value cannot go into the audit log: its JSON text would not be stable."""


def canonical_json(value: object) -> bytes:
    """Keys sorted, no whitespace, UTF-8 with no \\u escapes beyond those JSON requires."""
    text = json.dumps(
        value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False
    )
    return text.encode("utf-8")


def chain_hash(content: Mapping[str, JSONValue]) -> str:
    """The lowercase hex SHA-256 of the content's canonical JSON."""
    return hashlib.sha256(canonical_json(content)).hexdigest()


def format_time(moment: dt.datetime) -> str:
    """UTC, always with microseconds and a Z: 2026-11-23T09:00:00.000000Z."""
    if moment.tzinfo is None:
        raise NotCanonical("audit times must be timezone-aware")
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def normalise(value: object) -> JSONValue:
    """The value as it will read back from any database's JSON column.

    Floats are refused: PostgreSQL's jsonb may give back 1e+20 as 100000000000000000000,
    which would change the hash. Record numbers as integers or strings.
    """
    _refuse_floats(value)
    try:
        loaded: JSONValue = json.loads(canonical_json(value))
    except (TypeError, ValueError) as error:
        raise NotCanonical(f"not JSON: {error}") from error
    return loaded


def _refuse_floats(value: object) -> None:
    if isinstance(value, float):
        raise NotCanonical(f"floats are not allowed in the audit log ({value!r})")
    if isinstance(value, Mapping):
        value = list(value.values())
    if isinstance(value, list | tuple):
        for item in value:
            _refuse_floats(item)
