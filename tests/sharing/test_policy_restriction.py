"""Restriction (UK GDPR Art. 18) and objection (Art. 21) in the pure policy.

Restricted: the record is stored, and used only for safeguarding or the person's own rights
requests, by anyone. Objected: no sharing for the objected purposes under an agreement on
public task or legitimate interests, unless the purpose overrides (safeguarding, rights).
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from doorstep.sharing import catalogue as cat
from doorstep.sharing.policy import (
    NO_RESTRICTIONS,
    OBJECTABLE_BASES,
    OVERRIDING_PURPOSES,
    RESTRICTED,
    USES_UNDER_RESTRICTION,
    Actor,
    AgreementTerms,
    ConsentState,
    Decision,
    Restrictions,
    decide,
    decide_share,
)
from tests.sharing import strategies as gen
from tests.sharing.engine_helpers import HUB, NHS, NOW, actor, consent, terms

thorough = settings(max_examples=300, deadline=None)
restrictions = st.builds(Restrictions, st.booleans(), st.frozensets(gen.purposes))
objections = st.builds(Restrictions, st.just(False), st.frozensets(gen.purposes, min_size=1))
Reader = tuple[Actor, str]


def read(
    reader: Reader,
    record_type: str,
    owner: int,
    agreements: list[AgreementTerms],
    consent_state: ConsentState | None,
    rights: Restrictions = NO_RESTRICTIONS,
    requested: frozenset[str] | None = None,
) -> Decision:
    actor_, purpose = reader
    return decide(
        actor_,
        purpose,
        record_type,
        owner,
        agreements,
        consent_state,
        NOW,
        requested=requested,
        restrictions=rights,
    )


# Examples


def test_a_restriction_stops_casework_even_in_the_residents_own_organisation() -> None:
    decision = decide(
        actor(), "casework", cat.RESIDENT, HUB, [], None, NOW, restrictions=Restrictions(True)
    )
    assert not decision.allowed
    assert decision.reason == RESTRICTED


def test_a_restricted_record_is_still_open_for_safeguarding() -> None:
    decision = decide(
        actor(), "safeguarding", cat.RESIDENT, HUB, [], None, NOW, restrictions=Restrictions(True)
    )
    assert decision.allowed
    assert decision.fields == cat.all_fields(cat.RESIDENT)


def share_first_name(purpose: str, rights: Restrictions) -> Decision:
    agreement = terms(purposes=("casework", "referral", "safeguarding"))
    return decide_share(
        HUB, NHS, purpose, cat.RESIDENT, {"first_name"}, [agreement], None, NOW, restrictions=rights
    )


def test_a_restriction_stops_a_share_whatever_the_agreement() -> None:
    assert share_first_name("referral", Restrictions(True)).reason == RESTRICTED
    assert share_first_name("safeguarding", Restrictions(True)).allowed
    assert share_first_name("referral", NO_RESTRICTIONS).allowed


def test_an_objection_stops_sharing_on_public_task_for_that_purpose_only() -> None:
    partner = actor("partner_caseworker", NHS)
    objection = Restrictions(objected=frozenset({"referral"}))
    agreements = [terms(lawful_basis="public_task")]
    refused = read((partner, "referral"), cat.RESIDENT, HUB, agreements, None, objection)
    assert not refused.allowed
    assert "objected" in refused.reason
    allowed = read((partner, "casework"), cat.RESIDENT, HUB, agreements, None, objection)
    assert allowed.allowed


def test_an_objection_does_not_stop_sharing_on_consent() -> None:
    partner = actor("partner_caseworker", NHS)
    objection = Restrictions(objected=frozenset({"referral"}))
    agreements = [terms(lawful_basis="consent")]
    decision = read(
        (partner, "referral"), cat.RESIDENT, HUB, agreements, consent("referral"), objection
    )
    assert decision.allowed
    assert decision.basis == "consent"


def test_safeguarding_overrides_an_objection() -> None:
    objection = Restrictions(objected=frozenset(cat.PURPOSES))
    agreements = [terms(purposes=("safeguarding",), lawful_basis="legitimate_interests")]
    guide_elsewhere = actor("safeguarding_lead", NHS)
    decision = read(
        (guide_elsewhere, "safeguarding"), cat.RESIDENT, HUB, agreements, None, objection
    )
    assert decision.allowed


def test_an_objection_leaves_the_organisations_own_use_alone() -> None:
    objection = Restrictions(objected=frozenset(cat.PURPOSES))
    decision = read((actor(), "casework"), cat.RESIDENT, HUB, [], None, objection)
    assert decision.allowed


# Properties


@thorough
@given(
    reader=gen.readers(),
    record_type=gen.record_types,
    owner=gen.orgs,
    agreements=gen.agreement_lists(),
    consent_state=gen.consents,
    requested=gen.requests,
)
def test_under_restriction_nothing_is_seen_except_for_the_allowed_uses(
    reader: Reader,
    record_type: str,
    owner: int,
    agreements: list[AgreementTerms],
    consent_state: ConsentState | None,
    requested: frozenset[str] | None,
) -> None:
    restricted = Restrictions(restricted=True)
    decision = read(reader, record_type, owner, agreements, consent_state, restricted, requested)
    if reader[1] not in USES_UNDER_RESTRICTION:
        assert not decision.allowed
        assert decision.fields == frozenset()
    else:
        plain = read(reader, record_type, owner, agreements, consent_state, requested=requested)
        assert decision == plain


@thorough
@given(
    between=st.tuples(gen.orgs, gen.orgs),
    purpose=gen.purposes,
    record_type=gen.record_types,
    fields=st.frozensets(gen.field_names),
    agreements=gen.agreement_lists(),
    consent_state=gen.consents,
)
def test_under_restriction_nothing_is_shared_except_for_the_allowed_uses(
    between: tuple[int, int],
    purpose: str,
    record_type: str,
    fields: frozenset[str],
    agreements: list[AgreementTerms],
    consent_state: ConsentState | None,
) -> None:
    sender, recipient = between
    restricted = Restrictions(restricted=True)
    decision = decide_share(
        *(sender, recipient, purpose, record_type, fields, agreements, consent_state, NOW),
        restrictions=restricted,
    )
    if purpose not in USES_UNDER_RESTRICTION:
        assert not decision.allowed


@thorough
@given(
    reader=gen.readers(),
    record_type=gen.record_types,
    owner=gen.orgs,
    agreements=gen.agreement_lists(),
    consent_state=gen.consents,
    rights=restrictions,
    requested=gen.requests,
)
def test_rights_requests_never_widen_what_is_seen(
    reader: Reader,
    record_type: str,
    owner: int,
    agreements: list[AgreementTerms],
    consent_state: ConsentState | None,
    rights: Restrictions,
    requested: frozenset[str] | None,
) -> None:
    limited = read(reader, record_type, owner, agreements, consent_state, rights, requested)
    plain = read(reader, record_type, owner, agreements, consent_state, requested=requested)
    assert limited.fields <= plain.fields
    assert not limited.allowed or plain.allowed


@thorough
@given(
    reader=gen.readers(),
    record_type=gen.record_types,
    owner=gen.orgs,
    agreements=gen.agreement_lists(),
    consent_state=gen.consents,
    objection=objections,
)
def test_an_objected_purpose_is_never_shared_on_public_task_or_legitimate_interests(
    reader: Reader,
    record_type: str,
    owner: int,
    agreements: list[AgreementTerms],
    consent_state: ConsentState | None,
    objection: Restrictions,
) -> None:
    decision = read(reader, record_type, owner, agreements, consent_state, objection)
    actor_, purpose = reader
    across = actor_.organisation_id != owner
    objected = purpose in objection.objected and purpose not in OVERRIDING_PURPOSES
    if decision.allowed and across and objected:
        assert decision.basis not in OBJECTABLE_BASES


@thorough
@given(
    reader=gen.readers(),
    record_type=gen.record_types,
    agreements=gen.agreement_lists(),
    consent_state=gen.consents,
    objection=objections,
)
def test_an_objection_never_changes_the_organisations_own_use(
    reader: Reader,
    record_type: str,
    agreements: list[AgreementTerms],
    consent_state: ConsentState | None,
    objection: Restrictions,
) -> None:
    owner = reader[0].organisation_id
    assert owner is not None
    with_objection = read(reader, record_type, owner, agreements, consent_state, objection)
    assert with_objection == read(reader, record_type, owner, agreements, consent_state)


@thorough
@given(
    reader=gen.readers(),
    record_type=gen.record_types,
    owner=gen.orgs,
    agreements=gen.agreement_lists(),
    consent_state=gen.consents,
    objection=objections,
)
def test_an_objection_to_other_purposes_changes_nothing(
    reader: Reader,
    record_type: str,
    owner: int,
    agreements: list[AgreementTerms],
    consent_state: ConsentState | None,
    objection: Restrictions,
) -> None:
    unrelated = Restrictions(objected=objection.objected - {reader[1]})
    decision = read(reader, record_type, owner, agreements, consent_state, unrelated)
    assert decision == read(reader, record_type, owner, agreements, consent_state)
