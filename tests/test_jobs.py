"""The schedule of jobs, and run_jobs running each of them."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.management import call_command

from doorstep.accounts.models import Organisation
from doorstep.cases.models import ClockAlert, HelpRequest
from doorstep.jobs.schedule import JOBS, Job, due, next_wake
from tests import factories

NOW = dt.datetime(2026, 11, 23, 9, 0, tzinfo=dt.UTC)
MINUTE = Job("a", dt.timedelta(minutes=1), "")
DAILY = Job("b", dt.timedelta(days=1), "")


def test_jobs_never_run_are_due_in_order() -> None:
    assert due([MINUTE, DAILY], {}, NOW) == [MINUTE, DAILY]


def test_a_job_is_due_again_only_after_its_interval() -> None:
    last = {"a": NOW, "b": NOW}
    assert due([MINUTE, DAILY], last, NOW + dt.timedelta(seconds=59)) == []
    assert due([MINUTE, DAILY], last, NOW + dt.timedelta(minutes=1)) == [MINUTE]
    assert due([MINUTE, DAILY], last, NOW + dt.timedelta(days=1)) == [MINUTE, DAILY]


def test_the_next_wake_is_the_soonest_job() -> None:
    last = {"a": NOW, "b": NOW}
    assert next_wake([MINUTE, DAILY], last, NOW + dt.timedelta(seconds=20)) == 40.0
    assert next_wake([MINUTE, DAILY], {"b": NOW}, NOW) == 0.0


def test_every_job_is_a_real_command() -> None:
    from django.core.management import get_commands

    assert {job.command for job in JOBS} <= set(get_commands())


@pytest.mark.django_db
def test_run_jobs_once_runs_every_job(hub: Organisation, frozen_clock: dt.datetime) -> None:
    resident = factories.make_resident(hub)
    request = HelpRequest.objects.create(
        organisation=hub,
        resident=resident,
        opened_at=frozen_clock - dt.timedelta(hours=30),
        first_contact_due=frozen_clock - dt.timedelta(hours=6),
    )
    out, err = io.StringIO(), io.StringIO()
    call_command("run_jobs", "--once", stdout=out, stderr=err)
    assert ClockAlert.objects.filter(help_request=request, kind="breached").exists()
    assert "Processed 0 waiting messages" in out.getvalue()
    assert "resident(s)" in out.getvalue()  # the purge's report
    assert err.getvalue() == ""


@pytest.mark.django_db
def test_a_failing_job_is_reported_and_the_others_still_run(
    hub: Organisation, frozen_clock: dt.datetime, monkeypatch: pytest.MonkeyPatch
) -> None:
    from doorstep.jobs.management.commands import run_jobs

    broken = Job("no_such_command", dt.timedelta(minutes=1), "a test")
    monkeypatch.setattr(run_jobs, "JOBS", (broken, *JOBS[:1]))
    resident = factories.make_resident(hub)
    HelpRequest.objects.create(
        organisation=hub,
        resident=resident,
        opened_at=frozen_clock - dt.timedelta(hours=30),
        first_contact_due=frozen_clock - dt.timedelta(hours=6),
    )
    err = io.StringIO()
    call_command("run_jobs", "--once", stdout=io.StringIO(), stderr=err)
    assert "no_such_command failed (a test)" in err.getvalue()
    assert ClockAlert.objects.filter(kind="breached").exists()
