"""The clock: when first contact is due, and whether it is running, nearing, met or breached.

Pure: no Django, so it can be tested with any time.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum
from zoneinfo import ZoneInfo

DUE_AFTER = {
    "emergency": dt.timedelta(hours=3),
    "urgent": dt.timedelta(hours=24),
    "routine": dt.timedelta(days=7),
}


class ClockState(StrEnum):
    RUNNING = "running"
    NEARING = "nearing"
    BREACHED = "breached"
    MET = "met"
    MET_LATE = "met_late"


@dataclass(frozen=True)
class ClockTimes:
    started_at: dt.datetime
    due_at: dt.datetime
    stopped_at: dt.datetime | None = None


def due_at(started_at: dt.datetime, urgency: str) -> dt.datetime:
    return started_at + DUE_AFTER[urgency]


def fraction_used(times: ClockTimes, at: dt.datetime) -> float:
    allowed = (times.due_at - times.started_at).total_seconds()
    used = ((times.stopped_at or at) - times.started_at).total_seconds()
    return used / allowed if allowed > 0 else 1.0


def state(times: ClockTimes, at: dt.datetime, nearing_fraction: float = 0.75) -> ClockState:
    if times.stopped_at is not None:
        return ClockState.MET if times.stopped_at <= times.due_at else ClockState.MET_LATE
    if at >= times.due_at:
        return ClockState.BREACHED
    if fraction_used(times, at) >= nearing_fraction:
        return ClockState.NEARING
    return ClockState.RUNNING


def format_due(moment: dt.datetime, tz: str = "Europe/London") -> str:
    """'3:15pm on Tuesday 24 November', in the hub's time zone."""
    local = moment.astimezone(ZoneInfo(tz))
    hour = local.strftime("%I").lstrip("0")
    ampm = local.strftime("%p").lower()
    return f"{hour}:{local:%M}{ampm} on {local:%A} {local.day} {local:%B}"


def describe_remaining(times: ClockTimes, at: dt.datetime) -> str:
    """'2 hours 10 minutes left' or 'overdue by 35 minutes', for people."""
    if times.stopped_at is not None:
        return "First contact made"
    delta = times.due_at - at
    words = _duration_words(abs(delta))
    return f"{words} left" if delta.total_seconds() > 0 else f"overdue by {words}"


def _duration_words(delta: dt.timedelta) -> str:
    minutes = int(delta.total_seconds() // 60)
    days, rest = divmod(minutes, 24 * 60)
    hours, mins = divmod(rest, 60)
    if days:
        return _plural(days, "day") + (f" {_plural(hours, 'hour')}" if hours else "")
    if hours:
        return _plural(hours, "hour") + (f" {_plural(mins, 'minute')}" if mins else "")
    return _plural(mins, "minute")


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"
