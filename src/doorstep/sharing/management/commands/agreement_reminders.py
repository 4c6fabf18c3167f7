"""Remind data protection leads of agreements due for review. Run it daily."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from doorstep.sharing.actions import agreements_due_for_review, do_expire_ended_agreements
from doorstep.sharing.adapters import local_now
from doorstep.sharing.models import Agreement


class Command(BaseCommand):
    help = (
        "List agreements whose review is overdue or due within N days (default 30), "
        "and mark active agreements past their end date expired."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--within-days", type=int, default=30)

    def handle(self, *args: Any, **options: Any) -> None:
        for agreement in do_expire_ended_agreements():
            self.stdout.write(f"Ended: {agreement.title} (its end date, {agreement.ends}, passed)")
        due = list(agreements_due_for_review(options["within_days"]).prefetch_related("parties"))
        for agreement in due:
            self.stdout.write(reminder_line(agreement))
        self.stdout.write(f"{len(due)} agreement(s) due for review.")


def reminder_line(agreement: Agreement) -> str:
    days = (agreement.review_date - local_now().date()).days
    when = f"{-days} day(s) overdue" if days < 0 else f"due in {days} day(s)"
    if days == 0:
        when = "due today"
    parties = ", ".join(str(party.organisation) for party in agreement.parties.all())
    return f"Review {when}: {agreement.title} ({parties}), review date {agreement.review_date}"
