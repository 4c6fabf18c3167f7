"""Critical signals in Romanian, with and without diacritics."""

from __future__ import annotations

from doorstep.triage import triage
from tests.triage.triage_helpers import codes


def test_it_raises_urgency_for_risk_to_life_in_romanian() -> None:
    result = triage("Bunicul e inconștient și nu mai respiră", "sms")
    assert result.urgency == "emergency"
    assert result.risk_to_life


def test_it_raises_urgency_for_suicidal_thoughts_in_romanian() -> None:
    result = triage("nu mai vreau sa traiesc, vreau sa mor", "sms")
    assert result.urgency == "emergency"
    assert result.safeguarding


def test_it_raises_urgency_for_abuse_in_romanian() -> None:
    result = triage("Soțul mă bate, e beat acum", "sms")
    assert result.urgency == "emergency"
    assert result.safeguarding


def test_it_raises_urgency_for_no_food_today_in_romanian() -> None:
    assert triage("nu avem ce mânca, copiii plâng de foame", "sms").urgency == "emergency"


def test_it_raises_urgency_for_no_medication_today_in_romanian() -> None:
    assert "no_medication_today" in codes("mi s-a terminat insulina azi")
    assert triage("mi s-a terminat insulina").urgency == "emergency"


def test_it_raises_urgency_for_homeless_tonight_in_romanian() -> None:
    assert "homeless_tonight" in codes("ne-a dat afară proprietarul, nu avem unde dormi")


def test_it_raises_urgency_for_no_heating_with_a_baby_in_romanian() -> None:
    text = "centrala s-a stricat, e frig in casa si am un bebelus de 3 luni"
    assert "no_heating_vulnerable" in codes(text)
    assert triage(text).urgency == "emergency"
