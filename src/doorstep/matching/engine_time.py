"""Time for the matching engine: weekly slots against a needed window. Pure: no Django.

Weekly slots are local wall-clock times (Europe/London). A window is turned into one or
two intervals of "minutes since Monday 00:00" so that it can be tested against every
slot of every offer at once with numpy.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import numpy as np
import numpy.typing as npt

from doorstep.matching.engine_types import Availability, Window

LOCAL_TZ = ZoneInfo("Europe/London")
MINUTES_PER_DAY = 24 * 60
MINUTES_PER_WEEK = 7 * MINUTES_PER_DAY

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]
BoolArray = npt.NDArray[np.bool_]
Interval = tuple[float, float]


def local_wall(moment: dt.datetime) -> dt.datetime:
    """A naive local wall-clock time; naive input is taken as already local."""
    if moment.tzinfo is None:
        return moment
    return moment.astimezone(LOCAL_TZ).replace(tzinfo=None)


def local_date(moment: dt.datetime) -> dt.date:
    return local_wall(moment).date()


def week_minute(wall: dt.datetime) -> float:
    midnight = wall.replace(hour=0, minute=0, second=0, microsecond=0)
    into_day = (wall - midnight).total_seconds() / 60
    return wall.weekday() * MINUTES_PER_DAY + into_day


def window_intervals(window: Window | None, now: dt.datetime) -> list[Interval] | None:
    """The window as week-minute intervals from now on; None means "any time".

    An empty list means the window is unusable (it ends before it starts, or is over).
    """
    if window is None:
        return None
    start, end = local_wall(window[0]), local_wall(window[1])
    start = max(start, local_wall(now))
    minutes = (end - start).total_seconds() / 60
    if minutes <= 0:
        return []
    if minutes >= MINUTES_PER_WEEK:
        return [(0.0, float(MINUTES_PER_WEEK))]
    low = week_minute(start)
    high = low + minutes
    if high <= MINUTES_PER_WEEK:
        return [(low, high)]
    return [(low, float(MINUTES_PER_WEEK)), (0.0, high - MINUTES_PER_WEEK)]


def slot_bounds(availability: Availability) -> list[Interval]:
    """Week-minute intervals of the valid slots (invalid ones are dropped)."""
    if availability == "always":
        return [(0.0, float(MINUTES_PER_WEEK))]
    return [
        (
            slot.weekday * MINUTES_PER_DAY + _minutes(slot.start),
            slot.weekday * MINUTES_PER_DAY + _minutes(slot.end),
        )
        for slot in availability
        if slot.is_valid
    ]


def _minutes(moment: dt.time) -> float:
    return moment.hour * 60 + moment.minute + moment.second / 60


class SlotTable:
    """Every slot of a group of offers, flattened, to test a window against all at once."""

    def __init__(self, bounds_per_offer: list[list[Interval]]) -> None:
        owners = [row for row, bounds in enumerate(bounds_per_offer) for _ in bounds]
        flat = [interval for bounds in bounds_per_offer for interval in bounds]
        self.size = len(bounds_per_offer)
        self.owner: IntArray = np.asarray(owners, dtype=np.int64)
        self.low: FloatArray = np.asarray([low for low, _ in flat], dtype=np.float64)
        self.high: FloatArray = np.asarray([high for _, high in flat], dtype=np.float64)

    def available(self, intervals: list[Interval] | None) -> BoolArray:
        """Which offers have a slot overlapping any of the intervals (None: any slot)."""
        mask = np.zeros(self.size, dtype=np.bool_)
        if intervals is None:
            mask[self.owner] = True
            return mask
        for low, high in intervals:
            hit = (self.low < high) & (self.high > low)
            mask[self.owner[hit]] = True
        return mask
