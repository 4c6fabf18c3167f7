"""The triage entry point: one message in, one :class:`TriageResult` out."""

from __future__ import annotations

import logging
from collections.abc import Mapping

from doorstep.triage import reasons as why
from doorstep.triage.decide import final_needs, final_safeguarding, model_urgency
from doorstep.triage.loader import RULES_ONLY, current_model
from doorstep.triage.model import Model, Prediction
from doorstep.triage.reading import Reading, read_message
from doorstep.triage.result import CHANNELS, TriageResult, most_urgent

logger = logging.getLogger(__name__)
RULES_ONLY_NEED_CONFIDENCE = 0.5


def triage(text: str, channel: str = "web", facts: dict[str, object] | None = None) -> TriageResult:
    """Read a message as a duty officer would. Never raises."""
    try:
        return _triage(text, channel, facts or {})
    except Exception:  # a result is always better than an error at the front door
        logger.exception("Triage failed; returning a result for a guide to check by hand")
        return _failed_result()


def _triage(text: object, channel: object, facts: Mapping[str, object]) -> TriageResult:
    reading = read_message(text, channel, facts)
    notes = list(reading.clean.notes)
    if channel not in CHANNELS:
        notes.append(f'Unknown channel {channel!r} read as "web"')
    if not reading.clean.has_words or not reading.clean.readable:
        return _no_words_result(reading, notes)
    model = current_model()
    if model is None:
        return _rules_only_result(reading, notes)
    return _full_result(reading, model, model.predict(reading.analysed), notes)


def _full_result(
    reading: Reading, model: Model, prediction: Prediction, notes: list[str]
) -> TriageResult:
    thresholds = model.thresholds
    is_offer = prediction.offer >= thresholds.offer
    is_spam = not is_offer and prediction.spam >= thresholds.spam
    needs = final_needs(prediction, thresholds, reading.rules.needs, is_spam)
    by_model = model_urgency(prediction.urgency, thresholds)
    reasons = notes + _common_reasons(reading, by_model)
    reasons.append(why.urgency_reason(prediction, by_model))
    safeguarding = final_safeguarding(prediction, thresholds, reading.rules)
    if safeguarding and not reading.rules.safeguarding:
        reasons.append(
            f"Safeguarding: the classifier saw a risk of harm ({prediction.safeguarding:.2f})"
        )
    reasons += [why.need_reason(reading, c, p, model, prediction) for c, p in needs.items()]
    reasons += _offer_spam_reasons(prediction, is_offer, is_spam)
    return _result(
        reading,
        needs,
        most_urgent(by_model, reading.rules.urgency),
        safeguarding,
        is_offer,
        is_spam,
        reasons,
        model.version,
    )


def _common_reasons(reading: Reading, by_model: str) -> list[str]:
    return (
        why.language_reasons(reading)
        + why.signal_reasons(reading.signals.hits, by_model)
        + why.vulnerability_reason(reading)
        + why.negated_reasons(reading.signals.negated)
    )


def _offer_spam_reasons(prediction: Prediction, is_offer: bool, is_spam: bool) -> list[str]:
    if is_offer:
        return [f"An offer of help, not a request ({prediction.offer:.2f})"]
    if is_spam:
        return [f"Looks like spam or a wrong number ({prediction.spam:.2f})"]
    return []


def _keyword_needs(reading: Reading) -> dict[str, float]:
    found = {label[5:] for label in reading.scan.labels_with_prefix("need:")} | reading.rules.needs
    found.discard("other")
    return dict.fromkeys(sorted(found), RULES_ONLY_NEED_CONFIDENCE) or {"other": 1.0}


def _rules_only_result(reading: Reading, notes: list[str]) -> TriageResult:
    needs = _keyword_needs(reading)
    reasons = [*notes, "No classifier model is loaded: needs come from word lists only"]
    reasons += _common_reasons(reading, "routine")
    reasons += [why.need_reason(reading, c, p, None, None) for c, p in needs.items()]
    return _result(
        reading,
        needs,
        reading.rules.urgency,
        reading.rules.safeguarding,
        False,
        False,
        reasons,
        RULES_ONLY,
    )


def _no_words_result(reading: Reading, notes: list[str]) -> TriageResult:
    reasons = [*notes, "No words to read (empty, only symbols or emoji, or not text)"]
    reasons += _common_reasons(reading, "routine")
    model = current_model()
    version = model.version if model else RULES_ONLY
    return _result(
        reading,
        {"other": 1.0},
        reading.rules.urgency,
        reading.rules.safeguarding,
        False,
        False,
        reasons,
        version,
    )


def _result(
    reading: Reading,
    needs: dict[str, float],
    urgency: str,
    safeguarding: bool,
    is_offer: bool,
    is_spam: bool,
    reasons: list[str],
    version: str,
) -> TriageResult:
    language = reading.language.code
    return TriageResult(
        needs=needs,
        urgency=urgency,
        safeguarding=safeguarding,
        language=language,
        interpreter_needed=language not in {"en", "und"},
        is_offer=is_offer,
        is_spam=is_spam,
        risk_to_life=any(hit.spec.risk_to_life for hit in reading.signals.hits),
        reasons=reasons,
        model_version=version,
    )


def _failed_result() -> TriageResult:
    return TriageResult(
        needs={"other": 1.0},
        urgency="urgent",
        safeguarding=False,
        language="und",
        interpreter_needed=False,
        is_offer=False,
        is_spam=False,
        risk_to_life=False,
        reasons=["The engine could not read this message: a guide must read it now"],
        model_version=RULES_ONLY,
    )
