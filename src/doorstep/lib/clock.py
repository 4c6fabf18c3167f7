"""The one source of the current time, so clocks and retention can be tested."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager

_frozen: dt.datetime | None = None


def now() -> dt.datetime:
    """The current time, timezone-aware (UTC)."""
    if _frozen is not None:
        return _frozen
    return dt.datetime.now(tz=dt.UTC)


def set_now(moment: dt.datetime | None) -> None:
    """Freeze time at `moment` (or unfreeze with None). For tests and replays."""
    global _frozen
    if moment is not None and moment.tzinfo is None:
        raise ValueError("set_now needs a timezone-aware datetime")
    _frozen = moment


def advance(delta: dt.timedelta) -> dt.datetime:
    """Move a frozen clock forward; returns the new time."""
    if _frozen is None:
        raise RuntimeError("advance() needs a frozen clock: call set_now() first")
    set_now(_frozen + delta)
    return now()


@contextmanager
def frozen_at(moment: dt.datetime) -> Iterator[None]:
    previous = _frozen
    set_now(moment)
    try:
        yield
    finally:
        set_now(previous)
