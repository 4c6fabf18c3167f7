"""Critical signals in Arabic (dialects and MSA) and Arabizi."""

from __future__ import annotations

from doorstep.triage import triage
from tests.triage.triage_helpers import codes


def test_it_raises_urgency_for_risk_to_life_in_arabic() -> None:
    result = triage("أخوي مغمى عليه وما عم يتنفس", "sms")
    assert result.urgency == "emergency"
    assert result.risk_to_life


def test_it_raises_urgency_for_suicidal_thoughts_in_arabic() -> None:
    result = triage("تعبت من الحياة، بدي موت", "sms")
    assert result.urgency == "emergency"
    assert result.safeguarding


def test_it_raises_urgency_for_suicidal_thoughts_in_arabizi() -> None:
    assert "suicidal" in codes("ma bdi 3ish, bfakker ent7er")


def test_it_raises_urgency_for_abuse_in_arabic() -> None:
    result = triage("جوزي عم يضربني هلأ", "sms")
    assert result.urgency == "emergency"
    assert result.safeguarding


def test_it_raises_urgency_for_no_food_today_in_arabic() -> None:
    assert triage("ما عندي أكل اليوم والأولاد جوعانين", "sms").urgency == "emergency"


def test_it_raises_urgency_for_no_food_today_in_arabizi() -> None:
    assert "no_food_today" in codes("ma 3andi akel abadan")


def test_it_raises_urgency_for_no_medication_today_in_arabic() -> None:
    assert "no_medication_today" in codes("خلص الإنسولين عند أمي")
    assert triage("خلص الإنسولين عند أمي").urgency == "emergency"


def test_it_raises_urgency_for_homeless_tonight_in_arabic() -> None:
    assert "homeless_tonight" in codes("طردونا من البيت وما عنا وين ننام")


def test_it_raises_urgency_for_no_heating_with_a_baby_in_arabic() -> None:
    text = "ما في تدفئة والبيت بارد وعندي طفل رضيع"
    assert "no_heating_vulnerable" in codes(text)
    assert triage(text).urgency == "emergency"


def test_it_reads_the_arabic_and_joined_to_a_word() -> None:
    assert "no_food_today" in codes("تعبت وما عندي أكل")
