"""When things happened: clocks that end in a chosen state, staff who work by day.

Pure: no database, so the times can be checked on their own.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass
from zoneinfo import ZoneInfo

ZERO = dt.timedelta(0)
MINUTE = dt.timedelta(minutes=1)
HOUR = dt.timedelta(hours=1)
DAY = dt.timedelta(days=1)
HORIZON = 10 * DAY
LOCAL = ZoneInfo("Europe/London")
WORKING_HOURS = (8, 20)  # staff act between 8am and 8pm when the clock allows


@dataclass
class Times:
    opened_at: dt.datetime
    contact_at: dt.datetime | None = None
    closed_at: dt.datetime | None = None


def schedule(
    state: str,
    due_after: dt.timedelta,
    now: dt.datetime,
    rng: random.Random,
    max_age: dt.timedelta = HORIZON,
    min_close_age: dt.timedelta = ZERO,
) -> Times | None:
    """Times that leave the clock in `state` at `now`, or None if it cannot be done.

    Residents write at any hour (mostly by day); staff act in working hours when they can.
    """
    if state == "closed":
        return _closed(due_after, now, rng, max_age, min_close_age)
    low, high = {
        "running": (0.05 * due_after, 0.65 * due_after),
        "nearing": (0.78 * due_after, 0.96 * due_after),
        "breached": (1.02 * due_after + 10 * MINUTE, max_age),
        "met": (30 * MINUTE, max_age),
        "met_late": (1.05 * due_after + 30 * MINUTE, max_age),
    }[state]
    high = min(high, max_age)
    if low >= high:
        return None
    opened = now - _draw_age(low, high, now, rng)
    if state == "met":
        earliest, latest = opened + 5 * MINUTE, min(opened + due_after, now - 10 * MINUTE)
    elif state == "met_late":
        earliest = opened + due_after + 5 * MINUTE
        latest = min(opened + 2.5 * due_after, now - 10 * MINUTE)
    else:
        return Times(opened)
    return Times(opened, between(earliest, latest, rng))


def _closed(
    due_after: dt.timedelta,
    now: dt.datetime,
    rng: random.Random,
    max_age: dt.timedelta,
    min_close_age: dt.timedelta,
) -> Times | None:
    low = max(DAY, min_close_age + 3 * HOUR)
    if low >= max_age:
        return None
    opened = now - _draw_age(low, max_age, now, rng)
    close_by = now - max(min_close_age, 30 * MINUTE)
    if rng.random() < 0.15 and opened + 1.02 * due_after + 2 * HOUR < close_by:
        earliest = opened + 1.02 * due_after  # contact made, but late
        latest = min(opened + 2 * due_after, close_by - 2 * HOUR)
    else:
        earliest, latest = opened + 5 * MINUTE, min(opened + due_after, close_by - 2 * HOUR)
    contact = between(earliest, latest, rng)
    closed = between(contact + 2 * HOUR, min(contact + 4 * DAY, close_by), rng)
    return Times(opened, contact, closed)


def _draw_age(
    low: dt.timedelta, high: dt.timedelta, now: dt.datetime, rng: random.Random
) -> dt.timedelta:
    """How long ago a message came, between low and high; more often by day than by night."""
    age = low + (high - low) * rng.random()
    for _ in range(5):
        hour = (now - age).astimezone(LOCAL).hour
        if 7 <= hour < 23 or rng.random() < 0.2:
            break
        age = low + (high - low) * rng.random()
    return age


def between(earliest: dt.datetime, latest: dt.datetime, rng: random.Random) -> dt.datetime:
    """A moment between two others, in working hours if there is one."""
    return staff_time(
        earliest + (latest - earliest) * rng.uniform(0.05, 0.9), earliest, latest, rng
    )


def staff_time(
    moment: dt.datetime, earliest: dt.datetime, latest: dt.datetime, rng: random.Random
) -> dt.datetime:
    """`moment` if staff would be at work then, else the nearest working time in range."""
    local = moment.astimezone(LOCAL)
    if WORKING_HOURS[0] <= local.hour < WORKING_HOURS[1]:
        return moment
    start = local.replace(hour=WORKING_HOURS[0], minute=0, second=0, microsecond=0)
    if local.hour >= WORKING_HOURS[1]:
        start += DAY
    later = (start + rng.uniform(0, 5) * HOUR).astimezone(dt.UTC)
    if later <= latest:
        return later
    earlier = (start - DAY).replace(hour=WORKING_HOURS[1]) - rng.uniform(0.1, 4) * HOUR
    earlier = earlier.astimezone(dt.UTC)
    return earlier if earlier >= earliest else moment  # an emergency, handled out of hours
