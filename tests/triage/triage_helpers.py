"""Small functions the triage tests share."""

from __future__ import annotations

from doorstep.triage.scan import scan_text
from doorstep.triage.signals import SignalReport, detect_signals


def signals(text: str, facts: dict[str, object] | None = None) -> SignalReport:
    """The rules' view of a text, without the classifier."""
    return detect_signals(scan_text(text), text, facts)


def codes(text: str, facts: dict[str, object] | None = None) -> set[str]:
    """The critical signals the rules count in a text."""
    return {hit.code for hit in signals(text, facts).hits}


def negated_codes(text: str) -> set[str]:
    return {hit.code for hit in signals(text).negated}
