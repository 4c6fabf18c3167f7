"""Combining the classifier's probabilities with the rules into final labels.

Training uses these same functions on out-of-fold predictions to choose thresholds,
so the thresholds are tuned for exactly the decisions the engine makes.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from doorstep.triage.model import Prediction, Thresholds
from doorstep.triage.result import most_urgent


@dataclass(frozen=True)
class RuleView:
    """What the rules alone concluded about a message."""

    urgency: str = "routine"
    safeguarding: bool = False
    needs: frozenset[str] = frozenset()


def model_urgency(urgency: dict[str, float], thresholds: Thresholds) -> str:
    """The classifier's urgency: emergency, then urgent, each above its threshold."""
    if urgency["emergency"] >= thresholds.emergency:
        return "emergency"
    if urgency["emergency"] + urgency["urgent"] >= thresholds.urgent:
        return "urgent"
    return "routine"


def final_urgency(prediction: Prediction, thresholds: Thresholds, rules: RuleView) -> str:
    """Rules can only raise the classifier's urgency."""
    return most_urgent(model_urgency(prediction.urgency, thresholds), rules.urgency)


def final_safeguarding(prediction: Prediction, thresholds: Thresholds, rules: RuleView) -> bool:
    return rules.safeguarding or prediction.safeguarding >= thresholds.safeguarding


def final_needs(
    prediction: Prediction, thresholds: Thresholds, rule_needs: Iterable[str], is_spam: bool
) -> dict[str, float]:
    """Needs above their thresholds, the rules' needs, and always at least one."""
    probs = prediction.needs
    if is_spam:
        return {"other": round(max(probs["other"], prediction.spam), 3)}
    chosen = _above_thresholds(probs, thresholds)
    if thresholds.rule_need_confidence > 0:
        for code in rule_needs:
            chosen[code] = max(chosen.get(code, 0.0), probs[code], thresholds.rule_need_confidence)
    if not chosen:
        chosen = _fallback_need(probs, thresholds)
    return {code: round(p, 3) for code, p in chosen.items()}


def _above_thresholds(probs: dict[str, float], thresholds: Thresholds) -> dict[str, float]:
    """Needs over their own threshold and close enough to the strongest one."""
    top = max(p for code, p in probs.items() if code != "other")
    ranked = sorted(
        (
            (p, code)
            for code, p in probs.items()
            if code != "other" and p >= thresholds.needs[code] and p >= thresholds.need_ratio * top
        ),
        reverse=True,
    )
    return {code: p for p, code in ranked[: thresholds.max_needs]}


def _fallback_need(probs: dict[str, float], thresholds: Thresholds) -> dict[str, float]:
    best = max((code for code in probs if code != "other"), key=probs.__getitem__)
    if probs[best] >= thresholds.need_floor and probs["other"] < thresholds.needs["other"]:
        return {best: probs[best]}
    return {"other": max(probs["other"], 1.0 - probs[best])}
