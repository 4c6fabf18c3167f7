"""Load the demo: Trafford's wards and postcodes, a hub, its staff, residents and requests."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from doorstep.demo.activity import DemoError
from doorstep.demo.builder import build_demo, demo_loaded, summary_lines
from doorstep.demo.reference import SharedDataMissing
from doorstep.demo.staff import HUB_NAME


class Command(BaseCommand):
    help = (
        "Load the demo data (made-up people in Trafford's real wards and postcodes). "
        "Does nothing if it is already loaded, unless --reset is given."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--reset", action="store_true", help="delete the demo's rows first, then load again"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        loaded = demo_loaded()
        if loaded and not options["reset"]:
            self.stdout.write(
                f"The demo is already loaded (the hub {HUB_NAME!r} exists): nothing changed. "
                "Run `manage.py load_demo --reset` to delete it and load it again."
            )
            return
        try:
            summary = build_demo(reset=loaded)
        except (SharedDataMissing, DemoError) as exc:
            raise CommandError(str(exc)) from exc
        for line in summary_lines(summary):
            self.stdout.write(line)
