"""Rules and lexicon entries added with the second version of the data set."""

from __future__ import annotations

import pytest

from doorstep.triage import triage
from doorstep.triage.matcher import GAP
from doorstep.triage.scan import phrase_set, scan_text
from tests.triage.triage_helpers import codes, negated_codes


def test_self_harm_happening_now_is_an_emergency() -> None:
    text = "I've been self harming and tonight it's got really bad"
    assert "self_harm_now" in codes(text)
    result = triage(text, "sms")
    assert result.urgency == "emergency"
    assert result.safeguarding


def test_self_harm_without_a_sign_of_now_stays_urgent() -> None:
    assert codes("my daughter has been cutting herself for a few months") == {"self_harm"}


def test_bleeding_that_will_not_stop_is_a_risk_to_life() -> None:
    assert "risk_to_life" in codes("i cant stop the bleeding on my arm")


@pytest.mark.parametrize(
    "text",
    [
        "my neighbour has been shouting for help from his window and I can't get in",
        "I think she might have fallen, the lights are off",
    ],
)
def test_a_call_for_help_or_a_possible_fall_is_a_welfare_concern(text: str) -> None:
    assert "welfare_concern" in codes(text)


def test_a_negation_holds_for_the_same_words_in_every_language() -> None:
    text = "Je ne suis pas suicidaire, j'ai juste besoin de parler à quelqu'un"
    assert "suicidal" not in codes(text)
    assert "suicidal" in negated_codes(text)


def test_a_negation_cue_that_overlaps_the_phrase_negates_it() -> None:
    text = "Asked: no thoughts of ending his life, just overwhelmed by debts"
    assert "suicidal" not in codes(text)


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("mon fils ne peut pas rester à l'école l'après-midi", "threat_to_life"),
        ("nu pot ieși, am nevoie de cineva să-mi facă cumpărăturile", "threat_to_life"),
        ("我找不到便宜的托儿所", "missing_person"),
        ("my cat has gone missing in longsight", "missing_person"),
        ("Școala ne amenință cu amendă", "abuse"),
    ],
)
def test_words_of_another_language_or_a_harmless_use_do_not_raise_a_signal(
    text: str, code: str
) -> None:
    assert code not in codes(text)


def test_a_somali_keyword_does_not_fire_on_english_will() -> None:
    assert "need:family" not in scan_text("I will ring you tomorrow").by_label


@pytest.mark.parametrize(
    "text",
    [
        "جوزي ما بيخليني اطلع لحالي",
        "mi marido no me deja salir sola",
        "meu marido não me deixa sair sozinha",
        "我老公不让我出门",
        "mera shohar mujhe bahar nahi nikalne deta",
        "mąż nie pozwala mi wychodzić",
        "partenerul nu mă lasă să văd prietenii",
        "my husband checks my phone every night",
        "the boss keeps my passport and says I owe them for the travel",
        "lads have taken over his flat and are dealing from it",
    ],
)
def test_coercive_control_and_exploitation_are_abuse(text: str) -> None:
    assert codes(text) & {"abuse", "abuse_now"}


@pytest.mark.parametrize(
    "text",
    [
        "siostra napisała, że się żegna i przeprasza za wszystko",
        "sora mea mi-a scris că își ia rămas bun",
        "mi hermano me mandó un mensaje despidiéndose",
        "minha irmã me mandou mensagem se despedindo",
        "我弟弟发信息跟我道别",
    ],
)
def test_a_goodbye_message_is_read_as_suicidal(text: str) -> None:
    assert "suicidal" in codes(text)


@pytest.mark.parametrize(
    "text",
    [
        "córka ma atak astmy a inhalator pusty",
        "fiica mea are criză de astm și inhalatorul e gol",
        "el inhalador está vacío y la farmacia está cerrada",
        "a bombinha acabou e a farmácia está fechada",
        "البخاخ فاضي والصيدلية مسكرة",
        "我儿子哮喘发作 喷雾用完了",
    ],
)
def test_an_empty_inhaler_is_no_medication_today(text: str) -> None:
    assert "no_medication_today" in codes(text)


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("not ate for 2 days. got nothing in", "no_food_today"),
        ("hostel walon ne nikal diya, aaj raat sarak pe hoon", "homeless_tonight"),
        ("jdors dans un parc depuis hier, il fait très froid", "homeless_tonight"),
        ("a mi padre se le acabó la insulina esta mañana", "no_medication_today"),
    ],
)
def test_more_ways_of_writing_an_emergency(text: str, code: str) -> None:
    assert code in codes(text)


def test_no_lexicon_pattern_can_match_zero_words_or_end_in_a_gap() -> None:
    for phrase in phrase_set().phrases:
        required = [slot for slot in phrase.slots if () not in slot]
        assert any(alt and alt[0][0] != GAP for slot in required for alt in slot), phrase
        assert all(not alt or alt[-1][0] != GAP for alt in phrase.slots[-1]), phrase
