"""Recompute every hash in the audit log and report the first broken link, if any."""

from __future__ import annotations

import argparse
import re
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection

from doorstep.audit import guards
from doorstep.audit.verify import Anchor, ChainWalk, entries_in_order, walk_chain

_ANCHOR = re.compile(r"^(\d+):([0-9a-f]{64})$")


def anchor(value: str) -> Anchor:
    """Parse SEQUENCE:HASH as printed by an earlier run."""
    match = _ANCHOR.match(value.strip().lower())
    if match is None:
        raise argparse.ArgumentTypeError("expected SEQUENCE:HASH, e.g. 1042:9f86d0...")
    return Anchor(int(match[1]), match[2])


def positive(value: str) -> int:
    if not value.isdigit() or int(value) < 1:
        raise argparse.ArgumentTypeError("expected a whole number, 1 or more")
    return int(value)


class Command(BaseCommand):
    help = (
        "Walk the audit log in sequence order, recompute every hash and report the first "
        "broken link. Exits non-zero if the chain is broken or the database guards are missing."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--batch-size", type=positive, default=2000, help="rows fetched at a time"
        )
        parser.add_argument(
            "--anchor",
            type=anchor,
            help="SEQUENCE:HASH of an entry noted earlier (outside the database): proves "
            "the log was neither truncated nor rewritten since",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        walk = walk_chain(entries_in_order(options["batch_size"]), options["anchor"])
        if walk.broken is not None:
            raise CommandError(str(walk.broken))
        self.stdout.write(f"Audit chain intact: {walk.entries} entries")
        if walk.entries:
            self.stdout.write(_head(walk))
        if not guards.installed(connection):
            raise CommandError(
                "The database guards on the audit log are missing or disabled: it can be "
                "changed without error. Run `manage.py migrate audit` (or reinstall them)."
            )


def _head(walk: ChainWalk) -> str:
    return (
        f"Latest entry: sequence {walk.last_sequence}, hash {walk.last_hash}\n"
        f"Keep it somewhere else; later run with --anchor {walk.last_sequence}:{walk.last_hash}"
    )
