"""Notes written about someone else ("caller says her son hit her") still count."""

from __future__ import annotations

from doorstep.triage import triage
from tests.triage.triage_helpers import codes


def test_it_reads_abuse_reported_by_a_call_handler() -> None:
    result = triage("caller says her son hit her", "phone_note")
    assert result.safeguarding
    assert "abuse" in codes("caller says her son hit her")


def test_it_reads_no_food_reported_by_a_neighbour() -> None:
    assert "no_food_today" in codes("neighbour says Mrs K has not eaten since Monday")


def test_it_reads_suicidal_thoughts_reported_by_a_relative() -> None:
    result = triage("Her daughter rang: mum says she wants to end her life", "phone_note")
    assert result.urgency == "emergency"
    assert result.safeguarding


def test_it_reads_medication_running_out_for_someone_else() -> None:
    assert "no_medication_today" in codes("his wife has run out of her epilepsy tablets")


def test_it_reads_a_fall_reported_by_a_carer() -> None:
    result = triage("Carer reports Mr B, 88, has fallen and can't get up", "referral")
    assert result.urgency == "emergency"
    assert result.risk_to_life
