"""Plain-English reasons a guide can read, check and correct."""

from __future__ import annotations

from doorstep.triage.langid import LANGUAGE_NAMES
from doorstep.triage.model import Model, Prediction
from doorstep.triage.reading import Reading
from doorstep.triage.result import urgency_rank
from doorstep.triage.signals import SignalHit


def _quote(words: list[str]) -> str:
    return ", ".join(f'"{word}"' for word in words)


def signal_reasons(hits: list[SignalHit], model_urgency: str) -> list[str]:
    """One reason per critical signal, saying whether it raised the urgency."""
    reasons = []
    for hit in hits:
        spec = hit.spec
        if urgency_rank(spec.urgency) > urgency_rank(model_urgency):
            lead = f"Urgency raised to {spec.urgency}"
        else:
            lead = f"Critical sign ({spec.urgency})"
        reasons.append(f'{lead}: "{hit.quote}" suggests {spec.meaning}')
        if spec.risk_to_life:
            reasons.append(f'Risk to life: show the "call 999" guidance ("{hit.quote}")')
    return reasons


def negated_reasons(hits: list[SignalHit]) -> list[str]:
    return [
        f'Not counted: "{hit.quote}" is negated by "{hit.negated_by}" ({hit.spec.meaning})'
        for hit in hits
    ]


def vulnerability_reason(reading: Reading) -> list[str]:
    codes = {hit.code for hit in reading.signals.hits}
    if "no_heating_vulnerable" in codes and reading.signals.vulnerability:
        return [f"Vulnerable person: {reading.signals.vulnerability}"]
    return []


def language_reasons(reading: Reading) -> list[str]:
    reasons = [reading.language.reason]
    code = reading.language.code
    if code not in {"en", "und"}:
        name = LANGUAGE_NAMES.get(code, code)
        reasons.append(f"An interpreter may be needed ({name})")
    return reasons


def _surface(reading: Reading, gram: str) -> str:
    """The resident's own words for a normalised feature ("no fod" -> "no food")."""
    parts = gram.split(" ")
    words, tokens = reading.scan.words, reading.scan.tokens
    for i in range(len(words) - len(parts) + 1):
        if words[i : i + len(parts)] == parts:
            return reading.clean.text[tokens[i].start : tokens[i + len(parts) - 1].end]
    return ""


def _keyword_quotes(reading: Reading, code: str) -> list[str]:
    quotes = [
        reading.scan.quote(reading.clean.text, m) for m in reading.scan.matches(f"need:{code}")
    ]
    return list(dict.fromkeys(q.lower() for q in quotes))


def need_reason(
    reading: Reading,
    code: str,
    confidence: float,
    model: Model | None,
    prediction: Prediction | None,
) -> str:
    """Why a need was chosen: lexicon words and the words the classifier weighed."""
    words = _keyword_quotes(reading, code)
    if model and prediction and code != "other":
        surfaces = (
            _surface(reading, g).lower() for g in model.top_words(prediction, f"need:{code}")
        )
        words += [w for w in surfaces if w and w not in words]
    if words:
        return f'Need "{code}" ({confidence:.2f}): words {_quote(words[:4])}'
    if code == "other":
        return f'Need "other" ({confidence:.2f}): no other need was clear'
    return f'Need "{code}" ({confidence:.2f}): from the classifier and the critical signs'


def urgency_reason(prediction: Prediction, model_urgency: str) -> str:
    odds = ", ".join(f"{u} {prediction.urgency[u]:.2f}" for u in ("emergency", "urgent", "routine"))
    return f'Classifier urgency "{model_urgency}" ({odds})'
