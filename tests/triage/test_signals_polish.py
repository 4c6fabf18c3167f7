"""Critical signals in Polish, with and without diacritics."""

from __future__ import annotations

from doorstep.triage import triage
from tests.triage.triage_helpers import codes


def test_it_raises_urgency_for_risk_to_life_in_polish() -> None:
    result = triage("Tata stracił przytomność i nie oddycha", "sms")
    assert result.urgency == "emergency"
    assert result.risk_to_life


def test_it_raises_urgency_for_suicidal_thoughts_in_polish() -> None:
    result = triage("nie chce juz zyc, mysle o samobojstwie", "sms")
    assert result.urgency == "emergency"
    assert result.safeguarding


def test_it_raises_urgency_for_abuse_in_polish() -> None:
    result = triage("Mąż mnie bije, teraz krzyczy za drzwiami", "sms")
    assert result.urgency == "emergency"
    assert result.safeguarding


def test_it_raises_urgency_for_no_food_today_in_polish() -> None:
    result = triage("nie mam nic do jedzenia, dzieci sa glodne", "sms")
    assert result.urgency == "emergency"


def test_it_raises_urgency_for_no_medication_today_in_polish() -> None:
    assert "no_medication_today" in codes("skończyły się leki na serce, apteka zamknięta")
    assert triage("skonczyly sie leki na serce").urgency == "emergency"


def test_it_raises_urgency_for_homeless_tonight_in_polish() -> None:
    assert "homeless_tonight" in codes("wyrzucili mnie z mieszkania, nie mam gdzie spać")


def test_it_raises_urgency_for_no_heating_with_an_elderly_person_in_polish() -> None:
    text = "babcia ma 88 lat, nie ma ogrzewania i jest bardzo zimno"
    assert "no_heating_vulnerable" in codes(text)
    assert triage(text).urgency == "emergency"
