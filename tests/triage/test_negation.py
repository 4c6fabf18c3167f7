"""Negation is scoped to its own clause and never hides a real signal elsewhere."""

from __future__ import annotations

from doorstep.triage import triage
from tests.triage.triage_helpers import codes, negated_codes


def test_it_does_not_count_im_not_in_danger() -> None:
    assert "risk_to_life" not in codes("I'm not in danger, I just need a food parcel")
    assert "risk_to_life" in negated_codes("I'm not in danger, I just need a food parcel")


def test_it_does_not_count_je_ne_suis_pas_en_danger() -> None:
    assert "risk_to_life" not in codes("je ne suis pas en danger, c'est pour un colis")
    assert "risk_to_life" in negated_codes("je suis pas en danger")


def test_it_does_not_count_nie_jestem_w_niebezpieczenstwie() -> None:
    assert "risk_to_life" not in codes("Nie jestem w niebezpieczeństwie, potrzebuję zakupów")
    assert "risk_to_life" not in codes("nie jestem w niebezpieczenstwie")


def test_it_does_not_count_main_khatre_mein_nahi_hoon() -> None:
    assert "risk_to_life" not in codes("main khatre mein nahi hoon, bas baat karni hai")
    assert "risk_to_life" in negated_codes("main khatre mein nahi hoon")


def test_it_does_not_count_urdu_script_negation() -> None:
    assert "risk_to_life" not in codes("میں خطرے میں نہیں ہوں، بس بات کرنی ہے")
    assert "suicidal" not in codes("خودکشی کا کوئی ارادہ نہیں، بس اداس ہوں")


def test_it_does_not_count_arabic_or_romanian_negation() -> None:
    assert "risk_to_life" not in codes("أنا مش في خطر، بس بدي مساعدة")
    assert "risk_to_life" not in codes("nu sunt în pericol, doar am nevoie de ajutor")
    assert "suicidal" not in codes("nu vreau sa ma sinucid, nu va speriati")


def test_it_does_not_count_a_denial_of_suicidal_thoughts() -> None:
    assert "suicidal" not in codes("not suicidal or anything, just really lonely")
    assert "self_harm" not in codes("I would never hurt myself, I just need to talk")
    assert triage("not suicidal or anything, just really lonely", "sms").urgency != "emergency"


def test_it_still_counts_a_signal_in_another_clause() -> None:
    text = "I'm not hungry but he hit me last night"
    assert "abuse" in codes(text)


def test_it_keeps_a_signal_after_cant_stop() -> None:
    assert "suicidal" in codes("I can't stop thinking about killing myself")


def test_it_keeps_a_phrase_that_is_negative_in_itself() -> None:
    assert "no_food_today" in codes("we have not eaten since Sunday")
    assert "no_food_today" in codes("nie mam nic do jedzenia")


def test_it_says_which_mention_was_not_counted() -> None:
    result = triage("not in danger dont panic, just need someone to talk to", "sms")
    assert any(reason.startswith("Not counted") for reason in result.reasons)
