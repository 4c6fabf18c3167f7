"""The result type: clocks and a JSON-ready copy."""

from __future__ import annotations

import json

from doorstep.triage import TriageResult, triage


def make_result(urgency: str = "routine") -> TriageResult:
    return TriageResult(
        needs={"food": 0.9},
        urgency=urgency,
        safeguarding=False,
        language="en",
        interpreter_needed=False,
        is_offer=False,
        is_spam=False,
        risk_to_life=False,
        reasons=["because"],
        model_version="test",
    )


def test_it_gives_three_hours_for_an_emergency() -> None:
    assert make_result("emergency").due_hours == 3


def test_it_gives_a_day_for_urgent_and_a_week_for_routine() -> None:
    assert make_result("urgent").due_hours == 24
    assert make_result("routine").due_hours == 168


def test_it_serialises_to_json() -> None:
    data = triage("je voudrais parler à quelqu'un en français", "web").to_dict()
    assert json.loads(json.dumps(data))["due_hours"] == data["due_hours"]
    assert data["interpreter_needed"] is True
