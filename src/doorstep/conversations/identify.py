"""Who is this? Recognise a returning resident, or flag an uncertain match for staff.

Certain: the same phone number or email (and no different name given), or the same
name at the same address. Uncertain: a similar name at the same postcode, or a known
number given with a different name. Uncertain matches are never merged silently.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import QuerySet

from doorstep.lib.text import normalise_name
from doorstep.people.models import Resident


@dataclass(frozen=True)
class SenderDetails:
    """What a message tells us about its sender. Every field may be empty."""

    first_name: str = ""
    last_name: str = ""
    phone: str = ""  # E.164, already normalised
    email: str = ""
    address_line1: str = ""
    postcode: str = ""  # normalised
    language: str = ""
    safe_to_text: bool | None = None
    year_of_birth: int | None = None


@dataclass
class Identification:
    resident: Resident | None
    possible: list[tuple[Resident, float, list[str]]] = field(default_factory=list)


def identify(organisation_id: int, sender: SenderDetails) -> Identification:
    residents = Resident.objects.filter(organisation_id=organisation_id, merged_into__isnull=True)
    for resident, reason in _contact_matches(residents, sender):
        if _names_compatible(resident, sender):
            return Identification(resident)
        return Identification(None, [(resident, 0.6, [reason, "but a different name was given"])])
    exact = _same_name_same_address(residents, sender)
    if exact is not None:
        return Identification(exact)
    return Identification(None, _similar_at_postcode(residents, sender))


def _contact_matches(
    residents: QuerySet[Resident], sender: SenderDetails
) -> list[tuple[Resident, str]]:
    found: list[tuple[Resident, str]] = []
    if sender.phone:
        found += [(r, "same phone number") for r in residents.filter(phone=sender.phone)[:1]]
    if not found and sender.email:
        found += [
            (r, "same email address") for r in residents.filter(email__iexact=sender.email)[:1]
        ]
    return found


def _names_compatible(resident: Resident, sender: SenderDetails) -> bool:
    given = normalise_name(sender.first_name)
    known = normalise_name(resident.first_name)
    return (
        not given
        or not known
        or given == known
        or (given[:1] == known[:1] and (given.startswith(known) or known.startswith(given)))
    )


def _same_name_same_address(
    residents: QuerySet[Resident], sender: SenderDetails
) -> Resident | None:
    if not (sender.first_name and sender.last_name and sender.postcode and sender.address_line1):
        return None
    candidates = residents.filter(
        first_name__iexact=sender.first_name.strip(),
        last_name__iexact=sender.last_name.strip(),
        address__postcode=sender.postcode,
    ).select_related("address")
    line = normalise_name(sender.address_line1)
    return next(
        (r for r in candidates if r.address and normalise_name(r.address.line1) == line), None
    )


def _similar_at_postcode(
    residents: QuerySet[Resident], sender: SenderDetails
) -> list[tuple[Resident, float, list[str]]]:
    if not (sender.postcode and sender.last_name):
        return []
    same_postcode = residents.filter(
        address__postcode=sender.postcode, last_name__iexact=sender.last_name.strip()
    )[:5]
    return [
        (r, 0.5, ["same surname at the same postcode", _first_name_reason(r, sender)])
        for r in same_postcode
    ]


def _first_name_reason(resident: Resident, sender: SenderDetails) -> str:
    if _names_compatible(resident, sender):
        return "first names are alike"
    return "first names differ"
