"""A resident's records as plain dicts of catalogue fields, built only for allowed fields.

Building lazily matters: a field the reader may not see is never even loaded.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from types import MappingProxyType
from typing import Any

from doorstep.cases.models import CaseNote, HelpRequest, Need
from doorstep.conversations.models import Conversation
from doorstep.people.models import Resident
from doorstep.sharing.catalogue import HELP_REQUEST, NEED, RESIDENT

# The model behind each record type, as the audit log names subjects.
RECORD_MODELS: Mapping[str, str] = MappingProxyType(
    {RESIDENT: "people.Resident", HELP_REQUEST: "cases.HelpRequest", NEED: "cases.Need"}
)


def _network(resident: Resident) -> list[dict[str, Any]]:
    return [
        {"name": m.name, "relationship": m.get_relationship_display(), "phone": m.phone}
        for m in resident.network.all()
    ]


def _notes(request: HelpRequest, kind: str) -> list[dict[str, Any]]:
    notes = request.notes.filter(kind=kind).select_related("author")
    return [
        {"at": n.created_at, "author": n.author.display_name if n.author else "", "body": n.body}
        for n in notes
    ]


def _thread(request: HelpRequest) -> list[dict[str, Any]]:
    conversation = Conversation.objects.filter(resident_id=request.resident_id).first()
    if conversation is None:
        return []
    return [
        {"at": m.received_at, "direction": m.direction, "channel": m.channel, "body": m.body}
        for m in conversation.messages.all()
    ]


RESIDENT_FIELDS: Mapping[str, Callable[[Resident], Any]] = MappingProxyType(
    {
        "first_name": lambda r: r.first_name,
        "last_name": lambda r: r.last_name,
        "phone": lambda r: r.phone,
        "email": lambda r: r.email,
        "address": lambda r: str(r.address) if r.address_id else "",
        "year_of_birth": lambda r: r.year_of_birth,
        "language": lambda r: r.language,
        "preferred_channel": lambda r: r.get_preferred_channel_display(),
        "preferred_times": lambda r: r.preferred_times,
        "safe_to_text": lambda r: r.safe_to_text,
        "accessibility_needs": lambda r: r.accessibility_needs,
        "diets": lambda r: list(r.diets),
        "network": _network,
    }
)
HELP_REQUEST_FIELDS: Mapping[str, Callable[[HelpRequest], Any]] = MappingProxyType(
    {
        "status": lambda h: h.get_status_display(),
        "opened_at": lambda h: h.opened_at,
        "urgency": lambda h: h.get_urgency_display(),
        "needs": lambda h: [n.code for n in h.needs.all()],
        "safeguarding": lambda h: h.safeguarding,
        "risk_to_life": lambda h: h.risk_to_life,
        "guide": lambda h: h.guide.display_name if h.guide else "",
        "notes_fact": lambda h: _notes(h, CaseNote.Kind.FACT),
        "notes_opinion": lambda h: _notes(h, CaseNote.Kind.OPINION),
        "thread": _thread,
    }
)
NEED_FIELDS: Mapping[str, Callable[[Need], Any]] = MappingProxyType(
    {
        "code": lambda n: n.code,
        "description": lambda n: n.get_code_display(),
        "status": lambda n: n.get_status_display(),
        "outcome": lambda n: n.outcome,
    }
)


def resident_values(resident: Resident, fields: Iterable[str]) -> dict[str, Any]:
    return {f: RESIDENT_FIELDS[f](resident) for f in sorted(fields) if f in RESIDENT_FIELDS}


def help_request_values(request: HelpRequest, fields: Iterable[str]) -> dict[str, Any]:
    return {f: HELP_REQUEST_FIELDS[f](request) for f in sorted(fields) if f in HELP_REQUEST_FIELDS}


def need_values(need: Need, fields: Iterable[str]) -> dict[str, Any]:
    return {f: NEED_FIELDS[f](need) for f in sorted(fields) if f in NEED_FIELDS}
