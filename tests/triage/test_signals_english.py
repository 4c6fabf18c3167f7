"""Critical signals in English, including text-speak, typos and capitals."""

from __future__ import annotations

from doorstep.triage import triage
from tests.triage.triage_helpers import codes


def test_it_raises_urgency_for_risk_to_life_in_english() -> None:
    result = triage("my dad has collapsed in the kitchen and hes not breathing properly", "sms")
    assert result.urgency == "emergency"
    assert result.risk_to_life
    assert "risk_to_life" in codes("my dad has collapsed and is not breathing")


def test_it_raises_urgency_for_suicidal_thoughts_in_english() -> None:
    result = triage("I have decided tonight is the night I end my life", "web")
    assert result.urgency == "emergency"
    assert result.safeguarding
    assert result.risk_to_life


def test_it_flags_self_harm_in_english() -> None:
    result = triage("ive been cutting myself again", "sms")
    assert result.safeguarding
    assert result.urgency in {"urgent", "emergency"}


def test_it_raises_urgency_for_abuse_happening_now_in_english() -> None:
    result = triage("hes hitting me again right now, im hiding in the bathroom", "sms")
    assert result.urgency == "emergency"
    assert result.safeguarding


def test_it_flags_abuse_that_is_not_happening_now_in_english() -> None:
    result = triage("my partner slapped me last month and takes my bank card", "web")
    assert result.safeguarding
    assert "abuse" in codes("my partner slapped me last month and takes my bank card")


def test_it_raises_urgency_for_no_food_today_in_english() -> None:
    result = triage("cupboards are empty and the kids havent eaten since yesterday", "sms")
    assert result.urgency == "emergency"
    assert "food" in result.needs


def test_it_raises_urgency_for_no_medication_today_in_english() -> None:
    result = triage("Mum has run out of her insulin and the chemist is shut", "web")
    assert result.urgency == "emergency"
    assert "no_medication_today" in codes("Mum has run out of her insulin")


def test_it_raises_urgency_for_homeless_tonight_in_english() -> None:
    result = triage("landlord changed the locks, nowhere to sleep tonight", "sms")
    assert result.urgency == "emergency"


def test_it_raises_urgency_for_no_heating_for_an_elderly_person_in_english() -> None:
    result = triage("Caller Alf 84, boiler broken since Friday, house is freezing", "phone_note")
    assert result.urgency == "emergency"
    assert "no_heating_vulnerable" in codes("Caller Alf 84, boiler broken, house is freezing")


def test_it_treats_no_heating_without_a_vulnerable_person_as_urgent_only() -> None:
    assert codes("my boiler is broken") == {"no_heating"}


def test_it_uses_known_facts_to_see_a_vulnerable_person() -> None:
    assert "no_heating_vulnerable" in codes("the heating is not working", {"age": 91})


def test_it_reads_text_speak_and_capitals() -> None:
    assert "no_food_today" in codes("NO FOOD SINCE MONDAY PLS HELP")
    assert "suicidal" in codes("im gonna kms tonite")
    assert "homeless_tonight" in codes("got no where 2 sleep 2nite")


def test_it_reads_common_typos() -> None:
    assert "suicidal" in codes("having sucidal thoughts")
    assert "no_medication_today" in codes("ran out of medicaton")


def test_it_reads_a_message_without_punctuation() -> None:
    text = "pls help my mum fell in the garden she cant get up and shes 90"
    assert "risk_to_life" in codes(text)


def test_it_explains_why_urgency_was_raised() -> None:
    result = triage("can u get me shopping im stuck in no food since tuesday", "sms")
    assert any('"no food since tuesday"' in reason for reason in result.reasons)
