"""Database triggers that refuse UPDATE, DELETE (and on PostgreSQL TRUNCATE) of a table's rows.

``AppendOnly`` is the one copy of their SQL. The audit log is guarded (``AUDIT``, installed by
migration 0002_append_only_guards) and so are share events (``doorstep.sharing.guards``).
The triggers hold even for raw SQL, so a bug or an injection in any part of Doorstep cannot
rewrite the record. Whoever owns the database can still drop them: the hash chain is what
makes that detectable for the audit log (see docs/subsystems/audit.md).

Every guard is registered, so that `manage.py flush` (which empties every table, and is how
Django's transactional tests reset the database) can lift them all and put them back.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass

from django.db.backends.base.base import BaseDatabaseWrapper


class UnsupportedDatabase(NotImplementedError):
    """The guards exist for PostgreSQL and SQLite only."""


@dataclass(frozen=True)
class AppendOnly:
    """Refuse UPDATE and DELETE (and TRUNCATE) of ``table``'s rows with ``message``."""

    table: str
    message: str
    function: str  # the PostgreSQL function's name

    @property
    def triggers(self) -> dict[str, frozenset[str]]:
        t = self.table
        return {
            "postgresql": frozenset({f"{t}_append_only", f"{t}_no_truncate"}),
            "sqlite": frozenset({f"{t}_no_update", f"{t}_no_delete"}),
        }

    def install(self, connection: BaseDatabaseWrapper) -> None:
        """Create the triggers. Replaces any that are there."""
        self.remove(connection)
        _run(connection, self._install_sql(connection.vendor))

    def remove(self, connection: BaseDatabaseWrapper) -> None:
        _run(connection, self._remove_sql(connection.vendor))

    def installed(self, connection: BaseDatabaseWrapper) -> bool:
        """True when every trigger is in place (and, on PostgreSQL, enabled)."""
        if connection.vendor not in ("postgresql", "sqlite"):
            return False
        with connection.cursor() as cursor:
            cursor.execute(_INSTALLED_SQL[connection.vendor], [self.table])
            names = {row[0] for row in cursor.fetchall()}
        return self.triggers[connection.vendor] <= names

    @contextmanager
    def lifted(self, connection: BaseDatabaseWrapper) -> Iterator[None]:
        """Remove the guards for the duration, then put them back. Only `flush` uses this."""
        was_installed = self.installed(connection)
        if was_installed:
            self.remove(connection)
        try:
            yield
        finally:
            if was_installed:
                self.install(connection)

    # No percent signs in the DDL: Django may pass it through a driver that formats parameters.
    def _install_sql(self, vendor: str) -> tuple[str, ...]:
        t, message = self.table, self.message
        if vendor == "sqlite":
            return tuple(
                f"CREATE TRIGGER {t}_no_{op.lower()} BEFORE {op} ON {t}\n"
                f"BEGIN\n    SELECT RAISE(ABORT, '{message}: {op} refused');\nEND"
                for op in ("UPDATE", "DELETE")
            )
        _check(vendor)
        return (
            f"""CREATE OR REPLACE FUNCTION {self.function}() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION USING
        MESSAGE = '{message}: ' || TG_OP || ' on ' || TG_TABLE_NAME || ' refused',
        ERRCODE = 'integrity_constraint_violation';
END;
$$""",
            f"""CREATE TRIGGER {t}_append_only BEFORE UPDATE OR DELETE ON {t}
    FOR EACH ROW EXECUTE FUNCTION {self.function}()""",
            f"""CREATE TRIGGER {t}_no_truncate BEFORE TRUNCATE ON {t}
    FOR EACH STATEMENT EXECUTE FUNCTION {self.function}()""",
        )

    def _remove_sql(self, vendor: str) -> tuple[str, ...]:
        t = self.table
        if vendor == "sqlite":
            return (
                f"DROP TRIGGER IF EXISTS {t}_no_update",
                f"DROP TRIGGER IF EXISTS {t}_no_delete",
            )
        _check(vendor)
        return (
            f"DROP TRIGGER IF EXISTS {t}_append_only ON {t}",
            f"DROP TRIGGER IF EXISTS {t}_no_truncate ON {t}",
            f"DROP FUNCTION IF EXISTS {self.function}()",
        )


_INSTALLED_SQL = {
    "sqlite": "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = %s",
    "postgresql": """SELECT tgname FROM pg_trigger
    WHERE tgrelid = to_regclass(%s) AND NOT tgisinternal AND tgenabled IN ('O', 'A')""",
}


def _check(vendor: str) -> None:
    if vendor != "postgresql":
        raise UnsupportedDatabase(
            f"append-only guards are written for PostgreSQL and SQLite, not {vendor}"
        )


def _run(connection: BaseDatabaseWrapper, statements: tuple[str, ...]) -> None:
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


_REGISTERED: list[AppendOnly] = []


def register(guard: AppendOnly) -> AppendOnly:
    """Make `flush` lift this guard too. Returns the guard."""
    if guard not in _REGISTERED:
        _REGISTERED.append(guard)
    return guard


@contextmanager
def all_lifted(connection: BaseDatabaseWrapper) -> Iterator[None]:
    """Every registered guard lifted for the duration, then put back (for `flush`)."""
    with ExitStack() as stack:
        for guard in _REGISTERED:
            stack.enter_context(guard.lifted(connection))
        yield


AUDIT = register(
    AppendOnly("audit_auditevent", "audit log is append-only", "doorstep_audit_append_only")
)
# The audit log's guard, as migration 0002 and verify_audit_chain use it.
install = AUDIT.install
remove = AUDIT.remove
installed = AUDIT.installed
lifted = AUDIT.lifted
