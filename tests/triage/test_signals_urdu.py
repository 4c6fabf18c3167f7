"""Critical signals in Urdu, in Urdu script and romanised."""

from __future__ import annotations

from doorstep.triage import triage
from tests.triage.triage_helpers import codes


def test_it_raises_urgency_for_risk_to_life_in_urdu_script() -> None:
    result = triage("ابو بے ہوش ہو گئے ہیں، سانس نہیں لے رہے", "sms")
    assert result.urgency == "emergency"
    assert result.risk_to_life


def test_it_raises_urgency_for_risk_to_life_in_romanised_urdu() -> None:
    assert "risk_to_life" in codes("ammi behosh ho gayi hain, saans nahi aa rahi")


def test_it_raises_urgency_for_suicidal_thoughts_in_urdu_script() -> None:
    result = triage("میں خودکشی کرنا چاہتا ہوں", "sms")
    assert result.urgency == "emergency"
    assert result.safeguarding


def test_it_raises_urgency_for_suicidal_thoughts_in_romanised_urdu() -> None:
    assert "suicidal" in codes("main ab jeena nahi chahti, khud ko khatam kar dungi")


def test_it_raises_urgency_for_abuse_in_urdu_script() -> None:
    result = triage("میرا شوہر مجھے مارتا ہے، ابھی مار رہا ہے", "sms")
    assert result.urgency == "emergency"
    assert result.safeguarding


def test_it_raises_urgency_for_abuse_in_romanised_urdu() -> None:
    assert "abuse_now" in codes("wo mujhe abhi maar raha hai")


def test_it_raises_urgency_for_no_food_today_in_urdu_script() -> None:
    assert triage("گھر میں کھانے کو کچھ نہیں، بچے بھوکے ہیں", "sms").urgency == "emergency"


def test_it_raises_urgency_for_no_food_today_in_romanised_urdu() -> None:
    assert "no_food_today" in codes("ghar mein kuch nahi hai khane ko, bachay bhookay hain")


def test_it_raises_urgency_for_no_medication_today_in_urdu() -> None:
    assert "no_medication_today" in codes("ابو کی دوائی ختم ہو گئی ہے")
    assert "no_medication_today" in codes("abbu ki dawai khatam ho gayi")
    assert triage("abbu ki dawai khatam ho gayi hai").urgency == "emergency"


def test_it_raises_urgency_for_homeless_tonight_in_urdu() -> None:
    assert "homeless_tonight" in codes("آج رات رہنے کی جگہ نہیں ہے")
    assert "homeless_tonight" in codes("landlord ne ghar se nikal diya, rehne ki jagah nahi")


def test_it_raises_urgency_for_no_heating_with_an_elderly_person_in_urdu() -> None:
    text = "heating kharab hai aur dadi ammi 85 saal ki hain, bohat thand hai"
    assert "no_heating_vulnerable" in codes(text)
    assert triage(text).urgency == "emergency"
