"""Database triggers that refuse UPDATE, DELETE (and on PostgreSQL TRUNCATE) of audit rows.

Installed by migration 0002_append_only_guards; this module is the one copy of their SQL.
They hold even for raw SQL, so a bug or an injection in any part of Doorstep cannot rewrite
the log. Whoever owns the database can still drop them: the hash chain is what makes that
detectable (see docs/subsystems/audit.md).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from django.db.backends.base.base import BaseDatabaseWrapper

TABLE = "audit_auditevent"
MESSAGE = "audit log is append-only"
PG_FUNCTION = "doorstep_audit_append_only"

# No % signs anywhere: Django may pass these through a driver that formats parameters.
_POSTGRESQL_INSTALL = (
    f"""CREATE OR REPLACE FUNCTION {PG_FUNCTION}() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION USING
        MESSAGE = '{MESSAGE}: ' || TG_OP || ' on ' || TG_TABLE_NAME || ' refused',
        ERRCODE = 'integrity_constraint_violation';
END;
$$""",
    f"""CREATE TRIGGER {TABLE}_append_only BEFORE UPDATE OR DELETE ON {TABLE}
    FOR EACH ROW EXECUTE FUNCTION {PG_FUNCTION}()""",
    f"""CREATE TRIGGER {TABLE}_no_truncate BEFORE TRUNCATE ON {TABLE}
    FOR EACH STATEMENT EXECUTE FUNCTION {PG_FUNCTION}()""",
)
_POSTGRESQL_REMOVE = (
    f"DROP TRIGGER IF EXISTS {TABLE}_append_only ON {TABLE}",
    f"DROP TRIGGER IF EXISTS {TABLE}_no_truncate ON {TABLE}",
    f"DROP FUNCTION IF EXISTS {PG_FUNCTION}()",
)
_POSTGRESQL_INSTALLED = """SELECT tgname FROM pg_trigger
    WHERE tgrelid = to_regclass('audit_auditevent') AND NOT tgisinternal
    AND tgenabled IN ('O', 'A')"""

_SQLITE_INSTALL = tuple(
    f"""CREATE TRIGGER {TABLE}_no_{op.lower()} BEFORE {op} ON {TABLE}
BEGIN
    SELECT RAISE(ABORT, '{MESSAGE}: {op} refused');
END"""
    for op in ("UPDATE", "DELETE")
)
_SQLITE_REMOVE = (
    f"DROP TRIGGER IF EXISTS {TABLE}_no_update",
    f"DROP TRIGGER IF EXISTS {TABLE}_no_delete",
)
_SQLITE_INSTALLED = (
    "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit_auditevent'"
)

_SQL = {
    "postgresql": (_POSTGRESQL_INSTALL, _POSTGRESQL_REMOVE, _POSTGRESQL_INSTALLED),
    "sqlite": (_SQLITE_INSTALL, _SQLITE_REMOVE, _SQLITE_INSTALLED),
}
TRIGGERS = {
    "postgresql": frozenset({f"{TABLE}_append_only", f"{TABLE}_no_truncate"}),
    "sqlite": frozenset({f"{TABLE}_no_update", f"{TABLE}_no_delete"}),
}


class UnsupportedDatabase(NotImplementedError):
    """The guards exist for PostgreSQL and SQLite only."""


def _sql(connection: BaseDatabaseWrapper) -> tuple[tuple[str, ...], tuple[str, ...], str]:
    try:
        return _SQL[connection.vendor]
    except KeyError:
        raise UnsupportedDatabase(
            f"audit guards are written for PostgreSQL and SQLite, not {connection.vendor}"
        ) from None


def _run(connection: BaseDatabaseWrapper, statements: tuple[str, ...]) -> None:
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


def install(connection: BaseDatabaseWrapper) -> None:
    """Create the triggers. Replaces any that are there."""
    remove(connection)
    _run(connection, _sql(connection)[0])


def remove(connection: BaseDatabaseWrapper) -> None:
    _run(connection, _sql(connection)[1])


def installed(connection: BaseDatabaseWrapper) -> bool:
    """True when every trigger is in place (and, on PostgreSQL, enabled)."""
    if connection.vendor not in TRIGGERS:
        return False
    with connection.cursor() as cursor:
        cursor.execute(_sql(connection)[2])
        names = {row[0] for row in cursor.fetchall()}
    return TRIGGERS[connection.vendor] <= names


@contextmanager
def lifted(connection: BaseDatabaseWrapper) -> Iterator[None]:
    """Remove the guards for the duration, then put them back. Only `flush` uses this."""
    was_installed = installed(connection)
    if was_installed:
        remove(connection)
    try:
        yield
    finally:
        if was_installed:
            install(connection)
