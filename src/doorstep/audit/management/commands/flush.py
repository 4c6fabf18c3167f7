"""Django's `flush`, which also empties the audit log: its guards are lifted, then put back.

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
    help = f"{flush.Command.help} The audit log is emptied too."

    def handle(self, **options: Any) -> None:
        connection = connections[options["database"]]
        with guards.lifted(connection):
            super().handle(**options)
