"""Run Doorstep's scheduled jobs: one process instead of a crontab.

    manage.py run_jobs           # run for ever: clocks every minute, the purge daily...
    manage.py run_jobs --once    # run every job once and stop (e.g. from cron)

A job that fails is reported on stderr and tried again at its next turn; the others go on.
"""

from __future__ import annotations

import datetime as dt
import time
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser

from doorstep.jobs.schedule import JOBS, Job, due, next_wake
from doorstep.lib import clock


class Command(BaseCommand):
    help = "Run the scheduled jobs (clocks, inbox retries, agreement reminders, retention purge)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--once", action="store_true", help="run each job once, then stop")

    def handle(self, *args: Any, **options: Any) -> None:
        last_run: dict[str, dt.datetime] = {}
        while True:
            for job in due(JOBS, last_run, clock.now()):
                self._run(job)
                last_run[job.command] = clock.now()
            if options["once"]:
                return
            time.sleep(max(1.0, next_wake(JOBS, last_run, clock.now())))

    def _run(self, job: Job) -> None:
        try:
            call_command(job.command, stdout=self.stdout, stderr=self.stderr)
        except Exception as exc:
            self.stderr.write(f"{job.command} failed ({job.why}): {exc}")
