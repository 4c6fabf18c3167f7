"""The matching engine's Django adapter: needs and offers in, proposals with names out.

The engine (``doorstep.matching``) is pure; this module reads a ``Need``, the hub's active
``Offer``s and the resident's own network, and turns them into ``NeedSpec`` and
``OfferSpec``. The ``OfferIndex`` is built per call, which is fine at a hub's size.
Follow-up: cache the index per organisation and rebuild it when an offer changes.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass

from django.utils import timezone

from doorstep.assignments.models import Assignment
from doorstep.cases.models import Need, Tier
from doorstep.lib import clock
from doorstep.matching import (
    BatchResult,
    NeedSpec,
    OfferIndex,
    OfferSpec,
    Proposal,
    WeeklySlot,
    assign_batch,
    explain_no_match,
    propose,
)
from doorstep.matching.engine_explain import distance_phrase
from doorstep.matching.engine_types import Availability
from doorstep.offers.models import Helper, Offer
from doorstep.people.models import NetworkMember, Resident

TIER_LABELS: dict[str, str] = dict(Tier.choices)

# How far a helper will go is their own radius; the need itself adds only a borough-wide
# ceiling. Nearer helpers still rank higher (distance is part of the fit).
HELPERS_DECIDE_KM = 25.0

_DIET_WORDS = re.compile(r"\b(halal|kosher|vegetarian|vegan)\b", re.IGNORECASE)


@dataclass(frozen=True)
class ProposalRow:
    """One proposal as a guide reads it."""

    proposal: Proposal
    helper_name: str
    helper_kind: str
    tier_label: str
    distance: str
    reasons: tuple[str, ...]


def need_spec(need: Need) -> NeedSpec:
    """The engine's view of one need of one resident."""
    resident = need.help_request.resident
    return NeedSpec(
        id=need.pk,
        code=need.code,
        resident_id=resident.pk,
        location=resident_location(resident),
        language=resident.language or "en",
        needs_language_match=resident.language not in ("", "en"),
        diet=resident_diet(resident),
        own_network_helper_ids=frozenset(spec.helper_id for spec in network_specs(need)),
        previous_helper_ids=previous_helper_ids(resident),
        resident_name=resident.first_name,
        max_distance_km=HELPERS_DECIDE_KM,
    )


def resident_location(resident: Resident) -> tuple[float, float] | None:
    address = resident.address or (resident.household.address if resident.household else None)
    if address is None or address.latitude is None or address.longitude is None:
        return None
    return (address.latitude, address.longitude)


def previous_helper_ids(resident: Resident) -> frozenset[int]:
    """Helpers who took on a task for this resident before: continuity counts."""
    done = Assignment.objects.filter(
        need__help_request__resident=resident,
        helper__isnull=False,
        status__in=(Assignment.Status.ACCEPTED, Assignment.Status.DONE),
    )
    return frozenset(done.values_list("helper_id", flat=True))


def resident_diet(resident: Resident) -> frozenset[str]:
    """The diets recorded for the resident; before any were, those named in their notes."""
    return frozenset(resident.diets) or diet_from_text(resident.accessibility_needs)


def diet_from_text(text: str) -> frozenset[str]:
    """Diets named in free text such as "Eats halal".

    For residents recorded before the diet field: it reads the accessibility notes, so
    "not vegan" would still count as vegan. A diet recorded on the resident wins.
    """
    return frozenset(word.lower() for word in _DIET_WORDS.findall(text or ""))


def network_specs(need: Need) -> list[OfferSpec]:
    """The resident's own people who said they help with this need, as own-network offers.

    Someone the resident named speaks with them and knows what they eat, so they are
    given the resident's language and diet. They have no DBS check on record, so the
    engine never proposes them for checked work (personal care, children).
    """
    resident = need.help_request.resident
    language = resident.language or "en"
    members = NetworkMember.objects.filter(resident=resident).order_by("pk")
    return [
        OfferSpec(
            id=f"network-{member.pk}",
            helper_id=f"network-{member.pk}",
            helper_name=member.name,
            tier="own_network",
            codes=frozenset({need.code}),
            languages=frozenset({"en", language}),
            diets=resident_diet(resident),
        )
        for member in members
        if need.code in (member.helps_with or [])
    ]


def offer_specs(organisation_id: int) -> list[OfferSpec]:
    """Every active helper's offers known to a hub."""
    offers = Offer.objects.filter(
        helper__organisation_id=organisation_id, helper__active=True
    ).select_related("helper")
    today = timezone.localdate(clock.now())
    return [offer_spec(offer, today) for offer in offers.order_by("pk")]


def offer_spec(offer: Offer, today: dt.date) -> OfferSpec:
    helper = offer.helper
    return OfferSpec(
        id=offer.pk,
        helper_id=helper.pk,
        helper_name=helper.name,
        tier=helper.tier,
        codes=frozenset(offer.need_codes),
        preferred_codes=frozenset(offer.preferred_codes),
        location=helper.location,
        radius_km=helper.radius_km,
        languages=frozenset(helper.languages),
        diets=frozenset(helper.diets),
        availability=weekly_slots(offer.availability),
        capacity_left=offer.capacity_left_on(today),
        dbs_level=helper.dbs_level,
        dbs_expires=helper.dbs_expires,
        load=offer.load_on(today),
    )


def weekly_slots(slots: list[dict[str, object]]) -> Availability:
    """Slots for the engine; none stored means any time. Malformed slots are skipped."""
    if not slots:
        return "always"
    parsed: list[WeeklySlot] = []
    for slot in slots:
        try:
            start = dt.time.fromisoformat(str(slot["start"]))
            end = dt.time.fromisoformat(str(slot["end"]))
            parsed.append(WeeklySlot(int(str(slot["weekday"])), start, end))
        except (KeyError, TypeError, ValueError):
            continue
    return tuple(parsed)


def _specs(need: Need) -> tuple[NeedSpec, list[OfferSpec]]:
    offers = network_specs(need) + offer_specs(need.help_request.organisation_id)
    return need_spec(need), offers


def proposals_for(need: Need, include_lower_tiers: bool = False) -> list[Proposal]:
    """Who can help with a need, best tier first (only the best tier unless asked)."""
    spec, offers = _specs(need)
    return propose(spec, OfferIndex(offers), clock.now(), include_lower_tiers=include_lower_tiers)


def find_proposal(need: Need, offer_key: str) -> Proposal | None:
    """The proposal for one offer (any tier), if it can still help with the need now.

    ``offer_key`` is the offer's id as a page sends it: an offer's number, or
    "network-<n>" for one of the resident's own people.
    """
    spec, offers = _specs(need)
    proposals = propose(
        spec, OfferIndex(offers), clock.now(), include_lower_tiers=True, limit=len(offers)
    )
    return next((p for p in proposals if str(p.offer_id) == offer_key), None)


def plan_batch(needs: list[Need], organisation_id: int) -> BatchResult:
    """The best assignment of many needs at once, with greedy first-come for comparison."""
    specs = [need_spec(need) for need in needs]
    network = _merged([spec for need in needs for spec in network_specs(need)])
    offers = OfferIndex(network + offer_specs(organisation_id))
    return assign_batch(specs, offers, clock.now())


def helper_names(proposals: Iterable[Proposal]) -> dict[str, str]:
    """Offer key (as ``find_proposal`` takes it) to the helper's name."""
    keys = {str(p.offer_id) for p in proposals}
    members = [int(k.removeprefix("network-")) for k in keys if k.startswith("network-")]
    offers = [int(k) for k in keys if k.isdigit()]
    names = {f"network-{m.pk}": m.name for m in NetworkMember.objects.filter(pk__in=members)}
    for offer in Offer.objects.filter(pk__in=offers).select_related("helper"):
        names[str(offer.pk)] = offer.helper.name
    return names


def _merged(specs: list[OfferSpec]) -> list[OfferSpec]:
    """One offer per person in someone's network, helping with every need they named."""
    merged: dict[object, OfferSpec] = {}
    for spec in specs:
        seen = merged.get(spec.id)
        codes = spec.codes | seen.codes if seen else spec.codes
        merged[spec.id] = dataclasses.replace(spec, codes=codes)
    return list(merged.values())


def proposal_rows(need: Need, include_lower_tiers: bool = False) -> list[ProposalRow]:
    """Proposals with the helper's name and kind and plain-English labels, for a page."""
    spec, offers = _specs(need)
    by_id = {offer.id: offer for offer in offers}
    kinds = _helper_kinds(offers)
    proposals = propose(
        spec, OfferIndex(offers), clock.now(), include_lower_tiers=include_lower_tiers
    )
    return [
        ProposalRow(
            proposal=proposal,
            helper_name=by_id[proposal.offer_id].helper_name,
            helper_kind=kinds.get(proposal.helper_id, "Someone they know"),
            tier_label=TIER_LABELS[proposal.tier],
            distance=distance_phrase(proposal.distance_km),
            reasons=proposal.reasons,
        )
        for proposal in proposals
    ]


def no_match_steps(need: Need) -> list[str]:
    """Why nobody can help, step by step (for an empty proposals page)."""
    spec, offers = _specs(need)
    return explain_no_match(spec, OfferIndex(offers), clock.now())


def _helper_kinds(offers: list[OfferSpec]) -> dict[object, str]:
    ids = [offer.helper_id for offer in offers if isinstance(offer.helper_id, int)]
    helpers = Helper.objects.filter(pk__in=ids).only("pk", "kind")
    return {helper.pk: helper.get_kind_display() for helper in helpers}
