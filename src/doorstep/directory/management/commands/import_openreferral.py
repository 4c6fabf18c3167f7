"""Import another council's Open Referral UK feed from a file or a paged /services URL."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from doorstep.accounts.models import NoHub, hub_for_number
from doorstep.accounts.models import Organisation as DoorstepOrganisation
from doorstep.directory.importer import FeedUnreadable, import_records, read_feed
from doorstep.directory.models import LOCAL_SOURCE, ReviewState
from doorstep.directory.upsert import Feed


class Command(BaseCommand):
    help = (
        "Import services in the Open Referral UK (HSDS 3.0 UK profile) shape from a JSON file "
        "or a paged /services URL. Valid records are imported (updated by id if already "
        "there), invalid ones reported with the reason; nothing is half-written."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("feed", help="a JSON file, or an http(s) URL of a /services feed")
        parser.add_argument(
            "--source",
            default="",
            help="a name for where these services come from (default: the file or URL)",
        )
        parser.add_argument(
            "--owner",
            type=int,
            default=None,
            help="id of the Doorstep organisation whose staff keep them (default: the hub)",
        )
        parser.add_argument(
            "--draft",
            action="store_true",
            help="new services start as drafts, to be reviewed and published on the staff pages",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        source = (options["source"] or options["feed"])[:200]
        if source == LOCAL_SOURCE:
            raise CommandError(f"--source {LOCAL_SOURCE!r} is kept for services made in Doorstep")
        state = ReviewState.DRAFT if options["draft"] else ReviewState.PUBLISHED
        feed = Feed(source=source, owner=_owner(options["owner"]), new_state=state)
        try:
            records = read_feed(options["feed"])
        except FeedUnreadable as exc:
            raise CommandError(str(exc)) from exc
        head, *problems = import_records(records, feed).lines()
        self.stdout.write(head)
        for line in problems:
            self.stderr.write(line)


def _owner(pk: int | None) -> DoorstepOrganisation:
    try:
        return DoorstepOrganisation.objects.get(pk=pk) if pk else hub_for_number()
    except DoorstepOrganisation.DoesNotExist as exc:
        raise CommandError(f"There is no Doorstep organisation with id {pk}") from exc
    except NoHub as exc:
        raise CommandError(str(exc)) from exc
