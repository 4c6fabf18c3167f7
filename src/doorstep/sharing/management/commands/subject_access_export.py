"""Export everything held about one resident, with every share, as JSON or HTML."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from doorstep.accounts.models import User
from doorstep.people.models import Resident
from doorstep.sharing.errors import NotAllowed
from doorstep.sharing.rights import render_subject_access, subject_access_export


class Command(BaseCommand):
    help = (
        "Write a subject access export of one resident: all their data and every share "
        "(to whom, when, why, on what basis). The export is written to the audit log."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("resident_id", type=int)
        parser.add_argument("--format", choices=("json", "html"), default="json")
        parser.add_argument("--output", required=True, help="The file to write")
        parser.add_argument(
            "--requested-by",
            default="",
            help="Username of the data protection lead answering the request (default: system)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        resident = Resident.objects.filter(pk=options["resident_id"]).first()
        if resident is None:
            raise CommandError(f"No resident with id {options['resident_id']}.")
        actor = _requester(options["requested_by"])
        try:
            export = subject_access_export(actor, resident)
        except NotAllowed as refused:
            raise CommandError(str(refused)) from refused
        if options["format"] == "html":
            text = render_subject_access(export)
        else:
            text = json.dumps(export, indent=2, ensure_ascii=False)
        Path(options["output"]).write_text(text, encoding="utf-8")
        self.stdout.write(f"Subject access export of resident {resident.pk} written.")


def _requester(username: str) -> User | None:
    if not username:
        return None
    user = User.objects.filter(username=username).first()
    if user is None:
        raise CommandError(f"No user called {username!r}.")
    return user
