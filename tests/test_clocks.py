from __future__ import annotations

import datetime as dt

import pytest

from doorstep.cases import clocks
from doorstep.cases.clocks import ClockState, ClockTimes

START = dt.datetime(2026, 11, 23, 9, 0, tzinfo=dt.UTC)


@pytest.mark.parametrize(
    ("urgency", "hours"), [("emergency", 3), ("urgent", 24), ("routine", 24 * 7)]
)
def test_first_contact_is_due_after_the_time_for_its_urgency(urgency: str, hours: int) -> None:
    assert clocks.due_at(START, urgency) == START + dt.timedelta(hours=hours)


def test_a_fresh_clock_is_running() -> None:
    times = ClockTimes(START, START + dt.timedelta(hours=3))
    assert clocks.state(times, START + dt.timedelta(hours=1)) == ClockState.RUNNING


def test_it_is_nearing_once_three_quarters_of_the_time_is_used() -> None:
    times = ClockTimes(START, START + dt.timedelta(hours=4))
    assert clocks.state(times, START + dt.timedelta(hours=2, minutes=59)) == ClockState.RUNNING
    assert clocks.state(times, START + dt.timedelta(hours=3)) == ClockState.NEARING


def test_it_is_breached_at_the_due_time() -> None:
    times = ClockTimes(START, START + dt.timedelta(hours=3))
    assert clocks.state(times, START + dt.timedelta(hours=3)) == ClockState.BREACHED


def test_first_contact_stops_the_clock_as_met_or_met_late() -> None:
    due = START + dt.timedelta(hours=3)
    on_time = ClockTimes(START, due, stopped_at=START + dt.timedelta(hours=2))
    late = ClockTimes(START, due, stopped_at=START + dt.timedelta(hours=4))
    much_later = START + dt.timedelta(days=9)
    assert clocks.state(on_time, much_later) == ClockState.MET
    assert clocks.state(late, much_later) == ClockState.MET_LATE


def test_remaining_time_is_described_in_words() -> None:
    times = ClockTimes(START, START + dt.timedelta(hours=3))
    assert clocks.describe_remaining(times, START + dt.timedelta(minutes=50)) == (
        "2 hours 10 minutes left"
    )
    assert clocks.describe_remaining(times, START + dt.timedelta(hours=3, minutes=1)) == (
        "overdue by 1 minute"
    )


def test_due_times_are_shown_in_uk_time() -> None:
    summer = dt.datetime(2026, 7, 1, 14, 5, tzinfo=dt.UTC)
    assert clocks.format_due(summer) == "3:05pm on Wednesday 1 July"
