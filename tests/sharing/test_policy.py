from __future__ import annotations

import datetime as dt

from doorstep.sharing import catalogue as cat
from doorstep.sharing.policy import (
    BREAK_GLASS,
    OWN_ORGANISATION,
    AgreementTerms,
    Decision,
    decide,
    decide_share,
    emergency_access,
    project,
)
from tests.sharing.engine_helpers import HUB, NHS, NOW, TODAY, VCSE, actor, consent, terms


def nhs_reads(
    agreements: list[AgreementTerms],
    purpose: str = "casework",
    requested: set[str] | None = None,
    consent_state: object = None,
) -> Decision:
    return decide(
        actor("partner_caseworker", NHS),
        purpose,
        cat.RESIDENT,
        HUB,
        agreements,
        consent_state,  # type: ignore[arg-type]
        NOW,
        requested=requested,
    )


def test_a_local_guide_sees_the_whole_record_of_their_own_organisation() -> None:
    decision = decide(actor("local_guide"), "casework", cat.HELP_REQUEST, HUB, [], None, NOW)
    assert decision.allowed
    assert decision.fields == cat.all_fields(cat.HELP_REQUEST)
    assert decision.basis == OWN_ORGANISATION
    assert decision.agreement_id is None


def test_a_local_guide_cannot_use_records_for_subject_access() -> None:
    decision = decide(actor("local_guide"), "rights", cat.RESIDENT, HUB, [], None, NOW)
    assert not decision.allowed
    assert "Local Guide" in decision.reason


def test_the_data_protection_lead_sees_everything_for_subject_access() -> None:
    decision = decide(actor("data_protection_lead"), "rights", cat.HELP_REQUEST, HUB, [], None, NOW)
    assert decision.fields == cat.all_fields(cat.HELP_REQUEST)


def test_a_data_officer_sees_identity_but_not_health_or_notes() -> None:
    decision = decide(actor("data_officer"), "data_quality", cat.RESIDENT, HUB, [], None, NOW)
    assert {"first_name", "last_name", "phone"} <= decision.fields
    assert "accessibility_needs" not in decision.fields
    refused = decide(actor("data_officer"), "casework", cat.HELP_REQUEST, HUB, [], None, NOW)
    assert not refused.allowed


def test_a_volunteer_sees_only_a_first_name_without_an_active_task() -> None:
    decision = decide(actor("volunteer"), "task", cat.RESIDENT, HUB, [], None, NOW)
    assert decision.fields == {"first_name"}


def test_a_volunteer_sees_the_address_while_their_task_needs_it() -> None:
    decision = decide(
        actor("volunteer"), "task", cat.RESIDENT, HUB, [], None, NOW, task_fields={"address"}
    )
    assert decision.fields == {"first_name", "address"}


def test_task_fields_never_open_more_than_address_and_phone() -> None:
    decision = decide(
        actor("community_leader"),
        "task",
        cat.RESIDENT,
        HUB,
        [],
        None,
        NOW,
        task_fields={"phone", "accessibility_needs", "last_name"},
    )
    assert decision.fields == {"first_name", "phone"}


def test_a_volunteer_sees_the_need_but_never_the_help_request() -> None:
    need = decide(actor("volunteer"), "task", cat.NEED, HUB, [], None, NOW)
    assert need.fields == {"code", "description"}
    request = decide(actor("volunteer"), "task", cat.HELP_REQUEST, HUB, [], None, NOW)
    assert not request.allowed


def test_a_volunteer_cannot_ask_for_casework() -> None:
    decision = decide(actor("volunteer"), "casework", cat.RESIDENT, HUB, [], None, NOW)
    assert not decision.allowed
    assert "volunteer" in decision.reason


def test_another_organisation_sees_nothing_without_an_agreement() -> None:
    decision = nhs_reads([])
    assert not decision.allowed
    assert decision.fields == frozenset()
    assert "no data sharing agreement" in decision.reason


def test_an_agreement_between_other_organisations_does_not_count() -> None:
    elsewhere = terms(parties={HUB: "controller", VCSE: "recipient"})
    assert not nhs_reads([elsewhere]).allowed


def test_an_active_agreement_shares_its_allowed_fields_within_the_readers_role() -> None:
    decision = nhs_reads([terms(fields={cat.RESIDENT: {"first_name", "phone", "network"}})])
    assert decision.allowed
    assert decision.fields == {"first_name", "phone"}  # partner caseworkers never see network
    assert decision.basis == "public_task"
    assert decision.agreement_id == 1


def test_only_the_requested_fields_are_returned() -> None:
    decision = nhs_reads([terms()], requested={"first_name", "email"})
    assert decision.fields == {"first_name", "email"}


def test_a_purpose_outside_the_agreement_is_refused() -> None:
    decision = nhs_reads([terms(purposes={"referral"})], purpose="casework")
    assert not decision.allowed
    assert "does not cover the purpose 'casework'" in decision.reason


def test_suspended_draft_and_expired_agreements_do_not_share() -> None:
    for status in ("suspended", "draft", "expired"):
        decision = nhs_reads([terms(status=status)])
        assert not decision.allowed
        assert status in decision.reason


def test_an_agreement_past_its_end_date_stops_at_once() -> None:
    decision = nhs_reads([terms(ends=TODAY - dt.timedelta(days=1))])
    assert not decision.allowed
    assert "ended on" in decision.reason


def test_an_agreement_still_shares_on_its_last_day() -> None:
    assert nhs_reads([terms(ends=TODAY)]).allowed


def test_an_agreement_not_yet_started_does_not_share() -> None:
    decision = nhs_reads([terms(starts=TODAY + dt.timedelta(days=1))])
    assert "does not start until" in decision.reason


def test_an_agreement_past_its_review_date_still_shares_but_is_flagged() -> None:
    decision = nhs_reads([terms(review_date=TODAY - dt.timedelta(days=1))])
    assert decision.allowed
    assert decision.review_overdue
    assert "review was due" in decision.reason


def test_special_category_fields_need_an_article_9_condition() -> None:
    bare = terms(special_category_condition="")
    decision = nhs_reads([bare], requested={"first_name", "accessibility_needs"})
    assert decision.fields == {"first_name"}
    assert "Art. 9" in decision.reason
    with_condition = nhs_reads([terms()], requested={"first_name", "accessibility_needs"})
    assert with_condition.fields == {"first_name", "accessibility_needs"}
    assert with_condition.condition == "art9_2h_sch1_p2_health_social_care"


def test_consent_based_sharing_needs_consent_covering_the_purpose() -> None:
    on_consent = [terms(lawful_basis="consent")]
    assert "none is recorded" in nhs_reads(on_consent).reason
    assert "does not cover" in nhs_reads(on_consent, consent_state=consent("referral")).reason
    assert nhs_reads(on_consent, consent_state=consent("casework")).allowed


def test_withdrawn_consent_stops_consent_based_sharing() -> None:
    withdrawn = consent("casework", withdrawn=True)
    decision = nhs_reads([terms(lawful_basis="consent")], consent_state=withdrawn)
    assert not decision.allowed
    assert "withdrew" in decision.reason


def test_withdrawn_consent_does_not_stop_sharing_on_another_basis() -> None:
    withdrawn = consent("casework", withdrawn=True)
    assert nhs_reads([terms(lawful_basis="public_task")], consent_state=withdrawn).allowed


def test_the_most_generous_agreement_in_force_is_used() -> None:
    narrow = terms(1, fields={cat.RESIDENT: {"first_name"}})
    wide = terms(2, fields={cat.RESIDENT: {"first_name", "phone"}})
    assert nhs_reads([narrow, wide]).agreement_id == 2


def test_a_refusal_explains_the_nearest_miss() -> None:
    suspended = terms(1, status="suspended")
    wrong_purpose = terms(2, purposes={"safeguarding"})
    assert "does not cover the purpose" in nhs_reads([suspended, wrong_purpose]).reason


def test_unknown_purposes_and_record_types_are_refused() -> None:
    assert not decide(actor(), "marketing", cat.RESIDENT, HUB, [], None, NOW).allowed
    assert not decide(actor(), "casework", "bank_account", HUB, [], None, NOW).allowed


def test_someone_without_an_organisation_sees_nothing() -> None:
    nobody = actor(org=None)  # type: ignore[arg-type]
    assert not decide(nobody, "casework", cat.RESIDENT, HUB, [], None, NOW).allowed


def test_a_share_needs_an_agreement_covering_every_field() -> None:
    decision = decide_share(
        HUB, NHS, "referral", cat.RESIDENT, {"first_name", "phone"}, [terms()], None, NOW
    )
    assert decision.fields == {"first_name", "phone"}
    nothing = decide_share(HUB, NHS, "referral", cat.RESIDENT, {"phone"}, [], None, NOW)
    assert not nothing.allowed


def test_a_share_to_the_same_organisation_is_refused() -> None:
    decision = decide_share(HUB, HUB, "referral", cat.RESIDENT, {"phone"}, [terms()], None, NOW)
    assert not decision.allowed


def test_projection_keeps_only_the_allowed_fields() -> None:
    record = {"first_name": "Sam", "phone": "+447700900111", "accessibility_needs": "Wheelchair"}
    decision = decide(actor("volunteer"), "task", cat.RESIDENT, HUB, [], None, NOW)
    assert project(record, decision) == {"first_name": "Sam"}


def test_projection_of_a_refusal_is_empty() -> None:
    decision = nhs_reads([])
    assert project({"first_name": "Sam"}, decision) == {}


def test_emergency_access_opens_the_whole_record_with_its_own_basis() -> None:
    decision = emergency_access(cat.RESIDENT, None, "Emergency")
    assert decision.fields == cat.all_fields(cat.RESIDENT)
    assert decision.basis == BREAK_GLASS
