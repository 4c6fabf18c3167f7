"""How the emergency and safeguarding thresholds are chosen from out-of-fold scores."""

from __future__ import annotations

from doorstep.triage import tuning

SCORES = [0.9, 0.8, 0.6, 0.3, 0.2, 0.1, 0.05]
GOLD = [True, True, False, True, False, False, True]


def test_recall_threshold_is_the_highest_that_reaches_the_target() -> None:
    assert tuning.recall_threshold(SCORES, GOLD, 0.75) == 0.3
    assert tuning.recall_threshold(SCORES, GOLD, 0.5) == 0.8


def test_messages_the_rules_catch_count_as_found_at_any_threshold() -> None:
    caught_by_rules = [False, False, False, False, False, False, True]
    engine = tuning.with_rules(SCORES, caught_by_rules)
    assert engine[-1] == 1.0
    assert tuning.recall_threshold(engine, GOLD, 1.0) == 0.3
    assert tuning.recall_threshold(SCORES, GOLD, 1.0) == 0.05


def test_precision_floor_is_the_lowest_threshold_right_often_enough() -> None:
    assert tuning.precision_floor(SCORES, GOLD, 0.75) == 0.225
    assert tuning.precision_floor(SCORES, GOLD, 0.8) == 0.625
    assert tuning.precision_floor(SCORES, GOLD, 0.5) == 0.05
    assert tuning.precision_floor([0.9], [False], 0.5) == tuning.GRID[-1]
