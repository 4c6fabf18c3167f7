"""Turn models into the policy engine's plain inputs: actors, agreement terms, consent, rights."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

from django.utils import timezone

from doorstep.accounts.models import User
from doorstep.lib import clock
from doorstep.people.models import Resident
from doorstep.sharing import catalogue as cat
from doorstep.sharing.models import Agreement, Consent, RightsRequest
from doorstep.sharing.policy import (
    NO_RESTRICTIONS,
    Actor,
    AgreementTerms,
    ConsentState,
    Restrictions,
)


def local_now() -> dt.datetime:
    """Now, in the project's time zone: agreements start and end on local dates."""
    return timezone.localtime(clock.now())


def actor_of(user: User) -> Actor:
    return Actor(user.pk, user.organisation_id, user.role)


def agreement_terms(agreement: Agreement) -> AgreementTerms:
    return AgreementTerms(
        id=agreement.pk,
        parties={party.organisation_id: party.role for party in agreement.parties.all()},
        purposes=frozenset(agreement.purposes),
        fields={kind: frozenset(names) for kind, names in agreement.field_allow_list.items()},
        lawful_basis=agreement.lawful_basis,
        status=agreement.status,
        starts=agreement.starts,
        review_date=agreement.review_date,
        ends=agreement.ends,
        special_category_condition=agreement.special_category_condition,
        title=agreement.title,
    )


def terms_between(first_org_id: int | None, second_org_id: int | None) -> list[AgreementTerms]:
    """Every agreement naming both organisations, whatever its status (to explain refusals)."""
    if first_org_id is None or second_org_id is None or first_org_id == second_org_id:
        return []
    agreements = Agreement.objects.between(first_org_id, second_org_id).prefetch_related("parties")
    return [agreement_terms(agreement) for agreement in agreements]


def consent_state(resident: Resident | None) -> ConsentState | None:
    """The resident's consent: current scopes together; else the latest withdrawn one."""
    if resident is None:
        return None
    return consent_state_of(Consent.objects.filter(resident=resident).order_by("-given_at"))


def consent_state_of(consents: Iterable[Consent]) -> ConsentState | None:
    records = list(consents)
    current = [c for c in records if c.withdrawn_at is None]
    if current:
        return ConsentState(frozenset(p for c in current for p in c.purposes))
    if records:
        return ConsentState(frozenset(records[0].purposes), withdrawn=True)
    return None


def restrictions_of(resident: Resident | None) -> Restrictions:
    """The resident's unresolved restriction and objection requests, for the policy."""
    if resident is None:
        return NO_RESTRICTIONS
    kinds = (RightsRequest.Kind.RESTRICTION, RightsRequest.Kind.OBJECTION)
    flags = RightsRequest.objects.filter(resident=resident, kind__in=kinds).unresolved()
    return restrictions_from(list(flags.values_list("kind", "purposes")))


def restrictions_from(flags: Iterable[tuple[str, Sequence[str]]]) -> Restrictions:
    """(kind, purposes) of open flags; an objection naming no purposes objects to them all."""
    restricted = False
    objected: set[str] = set()
    for kind, purposes in flags:
        if kind == RightsRequest.Kind.RESTRICTION:
            restricted = True
        elif kind == RightsRequest.Kind.OBJECTION:
            objected |= set(purposes or cat.PURPOSES)
    return Restrictions(restricted, frozenset(objected))
