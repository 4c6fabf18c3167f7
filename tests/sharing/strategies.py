"""Hypothesis strategies: generated agreements, actors, consent and requests."""

from __future__ import annotations

import dataclasses
import datetime as dt

from hypothesis import strategies as st

from doorstep.sharing import catalogue as cat
from doorstep.sharing.policy import AGREEMENT_STATUSES, PARTY_ROLES, Actor, AgreementTerms
from doorstep.sharing.policy import ConsentState as Consent
from tests.sharing.engine_helpers import TODAY

ORGS = (1, 2, 3, 4)
ROLES = tuple(cat.ROLE_LABELS)
PURPOSES = tuple(cat.PURPOSES)
RECORD_TYPES = tuple(cat.FIELD_CATALOGUE)
ALL_FIELD_NAMES = sorted({f for kind in RECORD_TYPES for f in cat.all_fields(kind)})

orgs = st.sampled_from(ORGS)
roles = st.sampled_from(ROLES)
purposes = st.sampled_from(PURPOSES)
record_types = st.sampled_from(RECORD_TYPES)
field_names = st.sampled_from([*ALL_FIELD_NAMES, "bank_details", "religion"])


def days(low: int, high: int) -> st.SearchStrategy[dt.date]:
    return st.integers(min_value=low, max_value=high).map(lambda n: TODAY + dt.timedelta(days=n))


# Weighted towards agreements in force, so that many requests get past the first checks.
statuses = st.sampled_from(("active",) * 6 + AGREEMENT_STATUSES)
conditions = st.sampled_from(["", *cat.SPECIAL_CATEGORY_CONDITIONS])


def field_sets(record_type: str) -> st.SearchStrategy[frozenset[str]]:
    return st.frozensets(st.sampled_from(sorted(cat.all_fields(record_type))))


allow_lists = st.fixed_dictionaries({}, optional={kind: field_sets(kind) for kind in RECORD_TYPES})


@st.composite
def agreement_terms(draw: st.DrawFn, agreement_id: int = 1) -> AgreementTerms:
    return AgreementTerms(
        id=agreement_id,
        parties=draw(st.dictionaries(orgs, st.sampled_from(PARTY_ROLES), min_size=2, max_size=4)),
        purposes=draw(st.frozensets(purposes, min_size=1)),
        fields=draw(allow_lists),
        lawful_basis=draw(st.sampled_from(tuple(cat.LAWFUL_BASES))),
        status=draw(statuses),
        starts=draw(days(-400, 20)),
        review_date=draw(days(-60, 400)),
        ends=draw(st.none() | days(-20, 400)),
        special_category_condition=draw(conditions),
    )


@st.composite
def agreement_lists(draw: st.DrawFn, max_size: int = 4) -> list[AgreementTerms]:
    drawn = draw(st.lists(agreement_terms(), max_size=max_size))
    return [dataclasses.replace(terms, id=n) for n, terms in enumerate(drawn, start=1)]


actors = st.builds(Actor, st.integers(1, 99), orgs, roles)
# Half the time a role with a purpose it may use, so that requests often get that far.
_ROLE_PURPOSES = sorted((r, p) for r, views in cat.ROLE_VIEWS.items() for p in views)
role_purposes = st.sampled_from(_ROLE_PURPOSES) | st.tuples(roles, purposes)


@st.composite
def readers(draw: st.DrawFn) -> tuple[Actor, str]:
    """(actor, purpose)"""
    role, purpose = draw(role_purposes)
    return Actor(draw(st.integers(1, 99)), draw(orgs), role), purpose


consents = st.none() | st.builds(Consent, st.frozensets(purposes, min_size=3), st.booleans())
requests = st.none() | st.frozensets(field_names)
task_field_sets = st.none() | st.frozensets(
    st.sampled_from(["address", "phone", "email", "accessibility_needs", "last_name"])
)
