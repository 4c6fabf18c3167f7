"""Staying in because of illness or shielding is a need, not a sign of abuse.

"Je ne peux pas sortir" used to read as confinement (abuse happening now). Being kept in
needs someone doing it ("il ne me laisse pas sortir") or another abuse signal with it.
"""

from __future__ import annotations

import pytest

from doorstep.triage import triage
from tests.triage.triage_helpers import codes, signals

MO = "je suis dans l'hôtel, la nourriture n'est pas halal et je suis malade, je ne peux pas sortir"
"""The demo message from Mo, a shielding French speaker in a hotel."""

ABUSE = {"abuse", "abuse_now", "threat_to_life"}


def test_mo_is_not_read_as_confinement_by_the_rules() -> None:
    report = signals(MO)
    assert not {hit.code for hit in report.hits} & ABUSE
    assert not any(hit.spec.safeguarding for hit in report.hits)


def test_mo_reads_as_food_and_shopping_not_safeguarding() -> None:
    result = triage(MO, "sms")
    assert not result.safeguarding
    assert "safety" not in result.needs
    assert set(result.needs) & {"food", "shopping"}
    assert set(result.needs) <= {"food", "shopping", "medicine", "legal_immigration", "housing"}
    assert result.language == "fr"


def test_no_rule_makes_mo_urgent() -> None:
    """Mo's urgency is the classifier's alone. Its emergency threshold is set for recall
    (``tuning.EMERGENCY_CV_RECALL``), so this ill resident who cannot eat the hotel food
    may be called within 3 hours rather than 24: over-triage, the accepted price of
    missing fewer emergencies. No critical-signal rule may fire on these words."""
    result = triage(MO, "sms")
    assert not signals(MO).hits
    assert not [reason for reason in result.reasons if reason.startswith("Critical sign")]
    assert result.urgency in {"urgent", "emergency"}


@pytest.mark.parametrize(
    "text",
    [
        "im shielding so cant go out, could someone get my shopping on monday",
        "I'm not allowed to go out to the shops for the next month because of my transplant",
        "je ne peux pas sortir avec ma jambe cassée, qqun pourrait faire mes courses ?",
        "nie moge wyjsc z domu, jestem chora, potrzebuje zakupow",
    ],
)
def test_staying_in_for_health_reasons_is_not_abuse(text: str) -> None:
    assert not codes(text) & ABUSE
    assert not triage(text, "sms").safeguarding


@pytest.mark.parametrize(
    "text",
    [
        "il ne me laisse pas sortir de la maison",
        "mon mari m'empêche de sortir",
        "il m'a enfermée dans la chambre",
    ],
)
def test_being_kept_in_by_someone_is_abuse_happening_now(text: str) -> None:
    assert "abuse_now" in codes(text)
    result = triage(text, "sms")
    assert result.urgency == "emergency"
    assert result.safeguarding


def test_cannot_go_out_with_another_abuse_signal_reads_as_confinement() -> None:
    assert "abuse_now" in codes("il garde mon passeport et je ne peux pas sortir")
    assert "abuse_now" in codes("szef zabral paszport, nie mozemy wychodzic")


def test_not_allowed_out_without_a_medical_reason_is_still_abuse() -> None:
    assert "abuse" in codes("I'm not allowed out without him and he checks my phone")
