"""Test-only helpers that get past the audit log's guards, written independently of them.

Tamper tests drop the triggers inside a savepoint that is always rolled back, so the
triggers (and the rows) are back as soon as the `with tampering():` block ends.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from django.db import connection, transaction

TRIGGERS = {
    "postgresql": {"audit_auditevent_append_only", "audit_auditevent_no_truncate"},
    "sqlite": {"audit_auditevent_no_update", "audit_auditevent_no_delete"},
}
_LIST_TRIGGERS = {
    "postgresql": "SELECT tgname FROM pg_trigger "
    "WHERE tgrelid = 'audit_auditevent'::regclass AND NOT tgisinternal",
    "sqlite": "SELECT name FROM sqlite_master "
    "WHERE type = 'trigger' AND tbl_name = 'audit_auditevent'",
}


def trigger_names() -> set[str]:
    """The triggers on the audit table, straight from the database's catalogue."""
    with connection.cursor() as cursor:
        cursor.execute(_LIST_TRIGGERS[connection.vendor])
        return {str(row[0]) for row in cursor.fetchall()}


def drop_triggers() -> None:
    on_table = " ON audit_auditevent" if connection.vendor == "postgresql" else ""
    with connection.cursor() as cursor:
        for name in sorted(TRIGGERS[connection.vendor]):
            cursor.execute(f"DROP TRIGGER {name}{on_table}")


def execute(sql: str, params: list[str | int] | None = None) -> None:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


@contextmanager
def tampering() -> Iterator[None]:
    """Drop the triggers for the block; undo it and everything done in it afterwards."""
    with transaction.atomic():
        drop_triggers()
        yield
        transaction.set_rollback(True)
