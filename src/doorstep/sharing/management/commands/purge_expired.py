"""Anonymise residents whose data has passed its retention period. Run it daily."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from doorstep.sharing.retention import purge_expired


class Command(BaseCommand):
    help = (
        "Anonymise residents with no open request whose last activity is older than their "
        "retention period, unless a legal or safeguarding hold keeps them. "
        "--dry-run prints what would be purged and why, and changes nothing."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--dry-run", action="store_true", help="Print what would be purged; change nothing."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        report = purge_expired(dry_run=options["dry_run"])
        for line in report.lines():
            self.stdout.write(line)
