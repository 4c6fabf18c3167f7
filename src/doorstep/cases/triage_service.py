"""Adapts the pure triage engine to messages and help requests."""

from __future__ import annotations

from doorstep.conversations.models import Message
from doorstep.triage import TriageResult, triage

URGENCY_ORDER = {"routine": 0, "urgent": 1, "emergency": 2}


def triage_message(message: Message) -> TriageResult:
    return triage(message.body, channel=message.channel)


def higher_urgency(first: str, second: str) -> str:
    return first if URGENCY_ORDER[first] >= URGENCY_ORDER[second] else second


def triage_snapshot(result: TriageResult) -> dict[str, object]:
    """The parts of a triage result a guide can correct, as stored for training."""
    return {
        "needs": sorted(result.needs),
        "urgency": result.urgency,
        "safeguarding": result.safeguarding,
        "language": result.language,
    }
