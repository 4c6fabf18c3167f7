"""Reading a message once: clean it, find its phrases, signals and language.

Both the engine and training read messages through :func:`read_message`, so the
classifier is trained on exactly the features it will see.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from doorstep.triage.decide import RuleView
from doorstep.triage.features import Analysed, analyse
from doorstep.triage.langid import LanguageGuess, detect_language
from doorstep.triage.result import CHANNELS, most_urgent
from doorstep.triage.sanitise import CleanText, clean_input
from doorstep.triage.scan import Scan, scan_text
from doorstep.triage.signals import SignalReport, detect_signals

LANGUAGE_SAMPLE_CHARS = 2_000


@dataclass(frozen=True)
class Reading:
    """Everything the engine knows about a message before the classifier runs."""

    clean: CleanText
    channel: str
    scan: Scan
    signals: SignalReport
    language: LanguageGuess
    analysed: Analysed
    rules: RuleView


def _known_channel(channel: object) -> str:
    return channel if isinstance(channel, str) and channel in CHANNELS else "web"


def _rule_view(signals: SignalReport) -> RuleView:
    specs = [hit.spec for hit in signals.hits]
    return RuleView(
        urgency=most_urgent(*(spec.urgency for spec in specs)),
        safeguarding=any(spec.safeguarding for spec in specs),
        needs=frozenset(spec.need for spec in specs if spec.need),
    )


def _language(clean: CleanText, scan: Scan, facts: Mapping[str, object]) -> LanguageGuess:
    sample = clean.text[:LANGUAGE_SAMPLE_CHARS]
    guess = detect_language(sample, scan.words[:LANGUAGE_SAMPLE_CHARS], scan.surface_of(clean.text))
    known = facts.get("language")
    if guess.code == "und" and isinstance(known, str) and known:
        return LanguageGuess(known, f'Language "{known}" from what we know about the resident')
    return guess


def read_message(
    text: object, channel: object = "web", facts: Mapping[str, object] | None = None
) -> Reading:
    """Clean, scan and analyse one message (never raises on odd input)."""
    facts = facts or {}
    clean = clean_input(text)
    scan = scan_text(clean.text)
    signals = detect_signals(scan, clean.text, facts)
    language = _language(clean, scan, facts)
    known_channel = _known_channel(channel)
    analysed = analyse(scan, signals, known_channel, language.code)
    return Reading(clean, known_channel, scan, signals, language, analysed, _rule_view(signals))
