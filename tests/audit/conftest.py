from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator

import pytest

from doorstep.accounts.models import User
from doorstep.audit.actions import record_event
from doorstep.audit.models import AuditEvent
from doorstep.lib import clock

Recorder = Callable[[int], list[AuditEvent]]


@pytest.fixture
def ticking_clock() -> Iterator[None]:
    """A frozen clock that moves on a second before each entry, so times are distinct."""
    clock.set_now(dt.datetime(2026, 11, 23, 9, 0, tzinfo=dt.UTC))
    yield
    clock.set_now(None)


@pytest.fixture
def record_some(alice: User, ticking_clock: None) -> Recorder:
    """Append n reads of different residents by Alice."""

    def record(n: int) -> list[AuditEvent]:
        events = []
        for i in range(n):
            clock.advance(dt.timedelta(seconds=1))
            subject = ("people.Resident", 100 + i)
            events.append(record_event(alice, "read", subject=subject, purpose="casework"))
        return events

    return record
