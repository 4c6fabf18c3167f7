"""Which scheduled jobs are due. Pure: no Django.

Every job is idempotent, so running one late, or twice after a restart, does no harm; the
schedule only keeps them from running more often than they need to.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Job:
    command: str  # a manage.py command
    every: dt.timedelta
    why: str


JOBS: tuple[Job, ...] = (
    Job("check_clocks", dt.timedelta(minutes=1), "alert coordinators and record breaches"),
    Job("process_inbox", dt.timedelta(minutes=5), "retry stored messages that failed"),
    Job("agreement_reminders", dt.timedelta(days=1), "reviews due within 30 days"),
    Job("purge_expired", dt.timedelta(days=1), "anonymise what has passed its retention"),
)


def due(jobs: Sequence[Job], last_run: Mapping[str, dt.datetime], now: dt.datetime) -> list[Job]:
    """Jobs never run, or last run at least their interval ago, in the order given."""
    return [
        job
        for job in jobs
        if job.command not in last_run or now - last_run[job.command] >= job.every
    ]


def next_wake(jobs: Sequence[Job], last_run: Mapping[str, dt.datetime], now: dt.datetime) -> float:
    """Seconds until the next job is due (0 when one is due now)."""
    waits = [
        (last_run[job.command] + job.every - now).total_seconds()
        if job.command in last_run
        else 0.0
        for job in jobs
    ]
    return max(0.0, min(waits, default=60.0))
