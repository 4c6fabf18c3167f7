"""Alert coordinators to clocks nearing a breach and record breaches. Run it often."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from doorstep.cases.actions import do_check_clocks


class Command(BaseCommand):
    help = "Check every running clock once, or every N seconds with --every N."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--every", type=int, default=0, help="repeat every N seconds")

    def handle(self, *args: Any, **options: Any) -> None:
        while True:
            counts = do_check_clocks()
            if counts["nearing"] or counts["breached"]:
                self.stdout.write(
                    f"Clocks: {counts['nearing']} nearing, {counts['breached']} breached"
                )
            if not options["every"]:
                return
            time.sleep(options["every"])
