"""Properties of the access policy over generated agreements, actors and requests."""

from __future__ import annotations

import dataclasses

from hypothesis import given, settings
from hypothesis import strategies as st

from doorstep.sharing import catalogue as cat
from doorstep.sharing.policy import (
    Actor,
    AgreementTerms,
    ConsentState,
    Decision,
    decide,
    decide_share,
)
from tests.sharing import strategies as gen
from tests.sharing.engine_helpers import NOW, TODAY

thorough = settings(max_examples=300, deadline=None)
Reader = tuple[Actor, str]  # (actor, purpose)


def read(
    reader: Reader,
    record_type: str,
    owner: int,
    agreements: list[AgreementTerms],
    consent: ConsentState | None,
    requested: frozenset[str] | None = None,
    task_fields: frozenset[str] | None = None,
) -> Decision:
    actor, purpose = reader
    return decide(
        actor,
        purpose,
        record_type,
        owner,
        agreements,
        consent,
        NOW,
        requested=requested,
        task_fields=task_fields,
    )


def consent_permits(terms: AgreementTerms, purpose: str, consent: ConsentState | None) -> bool:
    if not terms.requires_consent:
        return True
    return consent is not None and not consent.withdrawn and purpose in consent.purposes


def assert_within_an_agreement(
    decision: Decision,
    agreements: list[AgreementTerms],
    between: tuple[int, int],
    purpose: str,
    record_type: str,
    consent: ConsentState | None,
) -> None:
    """An allowed cross-organisation decision is justified by one agreement in force."""
    used = next(a for a in agreements if a.id == decision.agreement_id)
    assert used.in_force_on(TODAY)
    assert between[0] in used.parties and between[1] in used.parties
    assert purpose in used.purposes
    assert decision.fields <= used.fields.get(record_type, frozenset())
    assert consent_permits(used, purpose, consent)
    assert decision.basis == used.lawful_basis
    if cat.special_category_fields(record_type, decision.fields):
        assert used.special_category_condition


def owned_by_reader(reader: Reader, owner: int) -> bool:
    return reader[0].organisation_id == owner


@thorough
@given(
    gen.readers(),
    gen.record_types,
    gen.orgs,
    gen.agreement_lists(),
    gen.consents,
    gen.requests,
    gen.task_field_sets,
)
def test_a_decision_never_goes_beyond_an_agreement_role_or_request(
    reader: Reader,
    record_type: str,
    owner: int,
    agreements: list[AgreementTerms],
    consent: ConsentState | None,
    requested: frozenset[str] | None,
    task_fields: frozenset[str] | None,
) -> None:
    actor, purpose = reader
    decision = read(reader, record_type, owner, agreements, consent, requested, task_fields)
    assert decision.fields <= cat.all_fields(record_type)
    assert decision.fields <= cat.role_view(
        actor.role, purpose, record_type, task_fields or frozenset()
    )
    if requested is not None:
        assert decision.fields <= requested
    if not decision.allowed:
        assert (decision.fields, decision.agreement_id) == (frozenset(), None)
        assert decision.reason
    elif owned_by_reader(reader, owner):
        assert decision.agreement_id is None
    else:
        between = (actor.organisation_id or 0, owner)
        assert_within_an_agreement(decision, agreements, between, purpose, record_type, consent)


@thorough
@given(gen.readers(), gen.record_types, gen.orgs, gen.agreement_lists(), gen.consents)
def test_agreements_that_are_not_active_never_share(
    reader: Reader,
    record_type: str,
    owner: int,
    agreements: list[AgreementTerms],
    consent: ConsentState | None,
) -> None:
    stopped = [
        dataclasses.replace(a, status=status)
        for a, status in zip(agreements, ("draft", "suspended", "expired", "draft"), strict=False)
    ]
    decision = read(reader, record_type, owner, stopped, consent)
    assert owned_by_reader(reader, owner) or not decision.allowed


@thorough
@given(gen.readers(), gen.record_types, gen.orgs, gen.agreement_lists(), gen.consents)
def test_agreements_past_their_end_date_never_share(
    reader: Reader,
    record_type: str,
    owner: int,
    agreements: list[AgreementTerms],
    consent: ConsentState | None,
) -> None:
    ended = [dataclasses.replace(a, ends=TODAY.replace(year=TODAY.year - 1)) for a in agreements]
    decision = read(reader, record_type, owner, ended, consent)
    assert owned_by_reader(reader, owner) or not decision.allowed


@thorough
@given(gen.readers(), gen.record_types, gen.orgs, gen.agreement_lists(), gen.consents)
def test_a_purpose_the_agreements_do_not_name_is_never_shared(
    reader: Reader,
    record_type: str,
    owner: int,
    agreements: list[AgreementTerms],
    consent: ConsentState | None,
) -> None:
    purpose = reader[1]
    without = [dataclasses.replace(a, purposes=a.purposes - {purpose}) for a in agreements]
    decision = read(reader, record_type, owner, without, consent)
    assert owned_by_reader(reader, owner) or not decision.allowed


@thorough
@given(
    gen.readers(), gen.record_types, gen.orgs, gen.agreement_lists(), st.frozensets(gen.purposes)
)
def test_withdrawing_consent_stops_only_consent_based_sharing(
    reader: Reader,
    record_type: str,
    owner: int,
    agreements: list[AgreementTerms],
    scope: frozenset[str],
) -> None:
    withdrawn = read(reader, record_type, owner, agreements, ConsentState(scope, True))
    if withdrawn.agreement_id is not None:
        used = next(a for a in agreements if a.id == withdrawn.agreement_id)
        assert not used.requires_consent
    other_bases = [a for a in agreements if not a.requires_consent]
    before = read(reader, record_type, owner, other_bases, ConsentState(scope))
    after = read(reader, record_type, owner, other_bases, ConsentState(scope, True))
    assert before == after


@thorough
@given(gen.readers(), gen.record_types, gen.orgs, gen.agreement_lists())
def test_consent_covering_the_purpose_shares_as_another_basis_would(
    reader: Reader, record_type: str, owner: int, agreements: list[AgreementTerms]
) -> None:
    on_consent = [dataclasses.replace(a, lawful_basis="consent") for a in agreements]
    on_task = [dataclasses.replace(a, lawful_basis="public_task") for a in agreements]
    given_consent = ConsentState(frozenset(cat.PURPOSES))
    with_consent = read(reader, record_type, owner, on_consent, given_consent)
    without_need = read(reader, record_type, owner, on_task, None)
    assert with_consent.fields == without_need.fields
    assert with_consent.agreement_id == without_need.agreement_id
    no_consent = read(reader, record_type, owner, on_consent, None)
    assert owned_by_reader(reader, owner) or not no_consent.allowed
    withdrawn = dataclasses.replace(given_consent, withdrawn=True)
    after_withdrawal = read(reader, record_type, owner, on_consent, withdrawn)
    assert owned_by_reader(reader, owner) or not after_withdrawal.allowed


@thorough
@given(
    st.sampled_from(sorted(cat.MINIMAL_VIEW_ROLES)),
    gen.orgs,
    gen.purposes,
    gen.record_types,
    gen.orgs,
    gen.agreement_lists(),
    gen.consents,
    gen.task_field_sets,
)
def test_volunteers_and_community_leaders_never_see_more_than_the_minimal_view(
    role: str,
    org: int,
    purpose: str,
    record_type: str,
    owner: int,
    agreements: list[AgreementTerms],
    consent: ConsentState | None,
    task_fields: frozenset[str] | None,
) -> None:
    reader = (Actor(1, org, role), purpose)
    decision = read(reader, record_type, owner, agreements, consent, None, task_fields)
    minimal = cat.MINIMAL_VIEW.get(record_type, frozenset())
    if record_type == cat.RESIDENT:
        minimal |= (task_fields or frozenset()) & cat.TASK_CONTACT_FIELDS
    assert decision.fields <= minimal


@thorough
@given(gen.readers(), gen.record_types, gen.orgs, gen.agreement_lists(), gen.consents)
def test_the_order_of_agreements_does_not_change_the_decision(
    reader: Reader,
    record_type: str,
    owner: int,
    agreements: list[AgreementTerms],
    consent: ConsentState | None,
) -> None:
    forwards = read(reader, record_type, owner, agreements, consent)
    backwards = read(reader, record_type, owner, agreements[::-1], consent)
    assert forwards == backwards


@thorough
@given(
    gen.orgs,
    gen.orgs,
    gen.purposes,
    gen.record_types,
    st.frozensets(gen.field_names),
    gen.agreement_lists(),
    gen.consents,
)
def test_a_share_is_allowed_only_within_an_agreement_in_force(
    sender: int,
    recipient: int,
    purpose: str,
    record_type: str,
    fields: frozenset[str],
    agreements: list[AgreementTerms],
    consent: ConsentState | None,
) -> None:
    decision = decide_share(
        sender, recipient, purpose, record_type, fields, agreements, consent, NOW
    )
    assert decision.fields <= fields
    if decision.allowed:
        assert sender != recipient
        between = (sender, recipient)
        assert_within_an_agreement(decision, agreements, between, purpose, record_type, consent)
