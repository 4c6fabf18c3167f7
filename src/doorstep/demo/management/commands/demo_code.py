"""Print the current sign-in code for a demo account (the demo's stand-in for a phone app)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from doorstep.demo.second_factor import current_code


class Command(BaseCommand):
    help = "Print the 6-number code a demo account's authenticator app would show now."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username", help="a demo username, like guide or coordinator")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            self.stdout.write(current_code(options["username"]))
        except LookupError as exc:
            raise CommandError(str(exc)) from exc
