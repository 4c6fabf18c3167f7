"""Critical signals in French, with and without accents."""

from __future__ import annotations

from doorstep.triage import triage
from tests.triage.triage_helpers import codes


def test_it_raises_urgency_for_risk_to_life_in_french() -> None:
    result = triage("Ma grand-mère est inconsciente, elle ne respire plus", "sms")
    assert result.urgency == "emergency"
    assert result.risk_to_life


def test_it_raises_urgency_for_suicidal_thoughts_in_french() -> None:
    result = triage("je veux mourir, je pense à en finir ce soir", "sms")
    assert result.urgency == "emergency"
    assert result.safeguarding


def test_it_raises_urgency_for_abuse_in_french() -> None:
    result = triage("mon mari me frappe, il est dans la maison maintenant", "sms")
    assert result.urgency == "emergency"
    assert result.safeguarding


def test_it_raises_urgency_for_no_food_today_in_french() -> None:
    result = triage("on a plus rien a manger depuis hier, les enfants ont faim", "sms")
    assert result.urgency == "emergency"


def test_it_raises_urgency_for_no_medication_today_in_french() -> None:
    assert "no_medication_today" in codes("mon père n'a plus d'insuline depuis ce matin")
    assert triage("mon père n'a plus d'insuline depuis ce matin").urgency == "emergency"


def test_it_raises_urgency_for_homeless_tonight_in_french() -> None:
    assert "homeless_tonight" in codes("on nous a mis dehors, nulle part où dormir ce soir")


def test_it_raises_urgency_for_no_heating_with_a_baby_in_french() -> None:
    text = "pas de chauffage depuis deux jours et j'ai un bébé de 2 mois"
    assert "no_heating_vulnerable" in codes(text)
    assert triage(text).urgency == "emergency"


def test_it_reads_french_without_accents() -> None:
    assert "no_food_today" in codes("jai rien a mange depuis hier")
