"""Share events are append-only in the database itself, like the audit log.

A share event is the record of personal data leaving an organisation: a correction or an
erasure passed on is a new row that `follows` it, never an edit. The triggers (installed by
migration 0004_share_events_append_only) refuse UPDATE and DELETE, and TRUNCATE on
PostgreSQL, even for raw SQL. The SQL is `doorstep.audit.guards.AppendOnly`; `flush` lifts
this guard with the audit log's.
"""

from __future__ import annotations

from doorstep.audit.guards import AppendOnly, register

SHARE_EVENTS = register(
    AppendOnly(
        "sharing_shareevent", "share events are append-only", "doorstep_share_events_append_only"
    )
)
install = SHARE_EVENTS.install
remove = SHARE_EVENTS.remove
installed = SHARE_EVENTS.installed
