"""Django's `flush`, which also empties the append-only tables: their guards are lifted, then
put back (the audit log, share events: every guard registered in `doorstep.audit.guards`).

`flush` deletes every row of every table; it is how Django's transactional tests reset the
database between tests (on PostgreSQL with TRUNCATE, which the audit log otherwise refuses).
Never run it on a live database: it deletes all data, the audit log included.
"""

from __future__ import annotations

from typing import Any

from django.core.management.commands import flush
from django.db import connections

from doorstep.audit import guards


class Command(flush.Command):
    help = f"{flush.Command.help} The audit log and share events are emptied too."

    def handle(self, **options: Any) -> None:
        connection = connections[options["database"]]
        with guards.all_lifted(connection):
            super().handle(**options)
