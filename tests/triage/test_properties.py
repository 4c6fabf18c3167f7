"""Property tests: the engine never raises, and the rules can only raise urgency."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from doorstep.triage import CHANNELS, NEED_CODES, URGENCIES, triage
from doorstep.triage.decide import RuleView, final_urgency, model_urgency
from doorstep.triage.model import Prediction, Thresholds
from doorstep.triage.result import urgency_rank

CRITICAL_PHRASES = [
    "I have no food today.",
    "He is hitting me right now.",
    "I want to end my life.",
    "Nie mam nic do jedzenia.",
    "ghar mein kuch nahi hai khane ko.",
    "ما عندي أكل اليوم.",
    "nu avem ce mânca.",
    "je n'ai plus rien à manger.",
]
FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(st.text(max_size=300), st.sampled_from([*CHANNELS, "fax", ""]))
def test_it_never_raises_and_always_returns_a_valid_result(text: str, channel: str) -> None:
    result = triage(text, channel)
    assert result.needs
    assert set(result.needs) <= set(NEED_CODES)
    assert result.urgency in URGENCIES
    assert result.due_hours in {3, 24, 168}
    assert isinstance(result.to_dict(), dict)


@FAST
@given(st.binary(max_size=200))
def test_it_never_raises_on_bytes(data: bytes) -> None:
    assert triage(data).urgency in URGENCIES  # type: ignore[arg-type]


@FAST
@given(st.text(max_size=200), st.sampled_from(CRITICAL_PHRASES))
def test_a_critical_phrase_raises_urgency_whatever_comes_before(text: str, phrase: str) -> None:
    before = triage(text, "sms")
    after = triage(f"{text}\n{phrase}", "sms")
    assert after.urgency == "emergency"
    assert urgency_rank(after.urgency) >= urgency_rank(before.urgency)


probabilities = st.floats(min_value=0.0, max_value=1.0, allow_nan=False)


@given(probabilities, probabilities, st.sampled_from(URGENCIES), st.sampled_from(URGENCIES))
def test_rules_can_only_raise_the_classifier_urgency(
    emergency: float, urgent: float, rule_urgency: str, _: str
) -> None:
    urgent = min(urgent, 1.0 - emergency)
    odds = {"emergency": emergency, "urgent": urgent, "routine": 1.0 - emergency - urgent}
    prediction = Prediction(
        needs=dict.fromkeys(NEED_CODES, 0.1),
        urgency=odds,
        offer=0.0,
        spam=0.0,
        safeguarding=0.0,
        columns=_empty_int(),
        values=_empty_float(),
    )
    thresholds = Thresholds()
    by_model = model_urgency(odds, thresholds)
    final = final_urgency(prediction, thresholds, RuleView(urgency=rule_urgency))
    assert urgency_rank(final) >= urgency_rank(by_model)
    assert urgency_rank(final) >= urgency_rank(rule_urgency)


def _empty_int() -> npt.NDArray[np.int64]:
    return np.empty(0, dtype=np.int64)


def _empty_float() -> npt.NDArray[np.float64]:
    return np.empty(0, dtype=np.float64)
