"""The one door from sharing to the audit log (`doorstep.audit`), imported lazily.

Actions call `record` inside their transaction, so a failed audit write rolls the
action back: nothing is shared that is not logged.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

from django.db import models

if TYPE_CHECKING:
    from doorstep.accounts.models import User

# The audit log's actions that sharing writes (doorstep.audit.models.AuditEvent.Action).
CREATE, READ, UPDATE, SHARE, BREAK_GLASS = "create", "read", "update", "share", "break_glass"

Subject = models.Model | tuple[str, str | int] | None


def record(
    actor: User | None,
    action: str,
    *,
    subject: Subject = None,
    purpose: str = "",
    basis: str = "",
    fields: Iterable[str] = (),
    detail: Mapping[str, object] | None = None,
    flagged: bool = False,
) -> None:
    """Append one audit entry; `actor` None is the system (a scheduled command)."""
    # Imported here, not at the top: the audit app may load after this one.
    from doorstep.audit.actions import record_event

    record_event(
        actor,
        action,
        subject=subject,
        purpose=purpose,
        basis=basis,
        fields=sorted(fields),
        detail=detail,
        flagged=flagged,
    )
