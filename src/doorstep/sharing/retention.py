"""The retention purge: anonymise residents whose data has passed its retention period.

    report = purge_expired()               # run daily (manage.py purge_expired)
    report = purge_expired(dry_run=True)   # what would go, and why; changes nothing

A resident is purged when they have no open help request, every request is closed, and
their last activity (the latest request closing, or the latest message) is older than
their retention period. The period is `settings.DOORSTEP_RETENTION_DAYS` (730 days by
default) for each kind of record held (resident; help request and need when they asked
for help), unless an agreement their data was shared under sets days for that kind of
record: then the longest such agreement's days. The resident's period is the longest of
their kinds of record. An active legal or safeguarding hold keeps them, whatever the dates.

Purging anonymises: names, contact details, address and household links, year of birth,
accessibility notes and their own network go; message bodies and every free-text field
(notes, outcomes, contact notes, triage reasons) are blanked; possible matches are deleted.
Rows that count (requests with their needs, urgency, status and dates; messages' channel
and times; share events) stay, for statistics and accountability. Every organisation the
resident's records were shared with is sent an erasure notice (a share event of kind
"erasure" per record, naming the fields it received), as for any erasure. Residents merged into
the one purged go with it. One audit entry per resident (action "purge", counts only) and
a `Purge` row are written; the purge is idempotent. The audit log itself is never purged.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db import models, transaction
from django.db.models import Exists, F, Max, OuterRef, Q

from doorstep.cases.models import CaseNote, ContactAttempt, HelpRequest, Need
from doorstep.conversations.models import Message, PossibleMatch
from doorstep.lib import clock
from doorstep.people.models import NetworkMember, Resident
from doorstep.sharing import audit_hook
from doorstep.sharing import catalogue as cat
from doorstep.sharing.actions import pass_on_erasure
from doorstep.sharing.models import Agreement, Hold, Purge, RightsRequest, ShareEvent
from doorstep.sharing.rights import shares_about

DEFAULT_RETENTION_DAYS = 730
PURGE = "purge"

# What anonymising does to each kind of row: the values written, or None to delete.
BLANKS: Mapping[str, Mapping[str, Any] | None] = {
    "residents": {
        "first_name": "",
        "last_name": "",
        "phone": "",
        "email": "",
        "address": None,
        "household": None,
        "year_of_birth": None,
        "accessibility_needs": "",
        "diets": [],
        "preferred_times": "",
    },
    "network_members": None,
    "possible_matches": None,
    "messages": {"body": "", "sender": {}, "referrer": {}, "to": "", "processing_error": ""},
    "help_requests": {"guide_reason": "", "triage_reasons": []},
    "needs": {"outcome": "", "met_by": ""},
    "notes": {"body": ""},
    "contact_attempts": {"note": ""},
    "rights_requests": {"note": "", "resolution": ""},
    "holds": {"reason": ""},
}


@dataclass(frozen=True)
class Purged:
    """One resident purged (or, in a dry run, who would be), and why."""

    resident_id: int
    last_activity_at: dt.datetime
    retention_days: int
    counts: dict[str, int]

    @property
    def why(self) -> str:
        return (
            f"no open request; last activity {self.last_activity_at:%Y-%m-%d} is more than "
            f"{self.retention_days} days ago"
        )


@dataclass(frozen=True)
class Held:
    """A resident whose retention has passed but who is kept by a hold."""

    resident_id: int
    kinds: tuple[str, ...]


@dataclass
class PurgeReport:
    now: dt.datetime
    dry_run: bool
    purged: list[Purged] = field(default_factory=list)
    held: list[Held] = field(default_factory=list)

    def lines(self) -> list[str]:
        verb = "Would purge" if self.dry_run else "Purged"
        lines = [f"{verb} resident {p.resident_id}: {p.why}; {_counted(p)}" for p in self.purged]
        lines += [f"Kept resident {h.resident_id}: {', '.join(h.kinds)} hold" for h in self.held]
        lines.append(f"{verb} {len(self.purged)} resident(s); {len(self.held)} kept by a hold.")
        return lines


def default_retention_days() -> int:
    return int(getattr(settings, "DOORSTEP_RETENTION_DAYS", DEFAULT_RETENTION_DAYS))


def purge_expired(now: dt.datetime | None = None, dry_run: bool = False) -> PurgeReport:
    """Anonymise every resident past retention without an active hold (see the module doc)."""
    report = PurgeReport(now=now or clock.now(), dry_run=dry_run)
    for resident in _candidates(report.now):
        last_activity = _last_activity(resident)
        if last_activity is None:
            continue
        days = retention_days_for(resident)
        if last_activity >= report.now - dt.timedelta(days=days):
            continue
        holds = _hold_kinds(resident, report.now)
        if holds:
            report.held.append(Held(resident.pk, holds))
            continue
        purged = Purged(resident.pk, last_activity, days, _counts(resident))
        if dry_run or _purge(resident, purged, report.now):
            report.purged.append(purged)
    return report


def retention_days_for(resident: Resident) -> int:
    """The longest period over the kinds of record held, agreements overriding the default."""
    default = default_retention_days()
    kinds = {cat.RESIDENT}
    if HelpRequest.objects.filter(resident=resident).exists():
        kinds |= {cat.HELP_REQUEST, cat.NEED}
    by_agreement: dict[str, int] = {}
    shared = shares_about(resident).values_list("record_type", "agreement__retention_days")
    for record_type, retention in shared:
        days = _days((retention or {}).get(record_type))
        if days is not None:
            by_agreement[record_type] = max(days, by_agreement.get(record_type, 0))
    return max(by_agreement.get(kind, default) for kind in kinds)


def _candidates(now: dt.datetime) -> models.QuerySet[Resident]:
    """Residents with no open (or undated) request, last active before the earliest cutoff."""
    cutoff = now - dt.timedelta(days=_shortest_retention())
    blocking = HelpRequest.objects.filter(resident=OuterRef("pk")).filter(
        ~Q(status=HelpRequest.Status.CLOSED) | Q(closed_at__isnull=True)
    )
    return (
        Resident.objects.filter(merged_into__isnull=True)
        .exclude(Exists(blocking))
        .annotate(
            last_closed=Max("help_requests__closed_at"),
            last_message=F("conversation__last_message_at"),
            last_purged=Max("purges__purged_at"),
        )
        .filter(Q(last_closed__lt=cutoff) | Q(last_closed__isnull=True, last_message__lt=cutoff))
        .order_by("pk")
    )


def _last_activity(resident: Any) -> dt.datetime | None:
    """When the retention runs from; None if there is nothing to date it or it was purged."""
    candidates: tuple[dt.datetime | None, ...] = (resident.last_closed, resident.last_message)
    moments = [moment for moment in candidates if moment is not None]
    if not moments:
        return None
    last = max(moments)
    if resident.last_purged is not None and resident.last_purged >= last:
        return None
    return last


def _shortest_retention() -> int:
    days = [default_retention_days()]
    for retention in Agreement.objects.values_list("retention_days", flat=True):
        days += [d for d in map(_days, (retention or {}).values()) if d is not None]
    return min(days)


def _days(value: object) -> int | None:
    try:
        days = int(str(value))
    except ValueError:
        return None
    return days if days >= 0 else None


def _hold_kinds(resident: Resident, now: dt.datetime) -> tuple[str, ...]:
    kinds = Hold.objects.filter(resident=resident).active_at(now).values_list("kind", flat=True)
    return tuple(sorted(set(kinds)))


def _targets(resident: Resident) -> dict[str, models.QuerySet[Any]]:
    people = Resident.objects.filter(Q(pk=resident.pk) | Q(merged_into=resident))
    requests = HelpRequest.objects.filter(resident__in=people)
    either = Q(new_resident__in=people) | Q(known_resident__in=people)
    return {
        "residents": people,
        "network_members": NetworkMember.objects.filter(resident__in=people),
        "possible_matches": PossibleMatch.objects.filter(either),
        "messages": Message.objects.filter(conversation__resident__in=people),
        "help_requests": requests,
        "needs": Need.objects.filter(help_request__in=requests),
        "notes": CaseNote.objects.filter(help_request__in=requests),
        "contact_attempts": ContactAttempt.objects.filter(help_request__in=requests),
        "rights_requests": RightsRequest.objects.filter(resident__in=people),
        "holds": Hold.objects.filter(resident__in=people),
    }


def _counts(resident: Resident) -> dict[str, int]:
    counts = {name: rows.count() for name, rows in _targets(resident).items()}
    shared = shares_about(resident).filter(kind=ShareEvent.Kind.SHARE)
    counts["erasure_notices"] = len(set(shared.values_list("record_type", "record_id", "to_org")))
    return counts


def _purge(resident: Resident, purged: Purged, now: dt.datetime) -> bool:
    """Anonymise one resident with its audit entry, in one transaction. False if it changed."""
    with transaction.atomic():
        if Hold.objects.filter(resident=resident).active_at(now).exists() or (
            HelpRequest.objects.filter(resident=resident).open().exists()
        ):
            return False
        for name, rows in _targets(resident).items():
            blanks = BLANKS[name]
            if blanks is None:
                rows.delete()
            else:
                rows.update(**blanks)
        pass_on_erasure(shares_about(resident))
        Purge.objects.create(
            resident=resident,
            purged_at=now,
            last_activity_at=purged.last_activity_at,
            retention_days=purged.retention_days,
            counts=purged.counts,
        )
        detail = {
            "counts": purged.counts,
            "retention_days": purged.retention_days,
            "holding_organisation": resident.organisation_id,
        }
        audit_hook.record(None, PURGE, subject=resident, detail=detail)
    return True


def _counted(purged: Purged) -> str:
    parts = [f"{count} {name.replace('_', ' ')}" for name, count in purged.counts.items() if count]
    return ", ".join(parts) or "nothing else held"
