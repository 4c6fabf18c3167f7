"""Critical signals: explicit rules that can only raise urgency, never lower it.

A signal is a lexicon phrase (in any language's file) that is not negated in its own
clause ("I'm not in danger") and not cancelled by an exclusion ("in danger of losing
my flat"). Negated mentions are kept, so the reasons can say what was ignored and why.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache

from doorstep.triage.lexicons import all_lexicons
from doorstep.triage.matcher import Match, expand, word_variants
from doorstep.triage.normalise import BOUNDARY_NONE, fold_phrase
from doorstep.triage.scan import Scan

NEGATION_WINDOW = 3
"""Words allowed between a negation cue and the phrase it negates."""
NEGATION_AFTER_WINDOW = 2
MODIFIER_WINDOW = 8
"""Words between a downgrading marker ("tomorrow", "weeks ago") and a signal."""
OLD_AGE = 70


@dataclass(frozen=True)
class SignalSpec:
    """What a critical signal means for a help request."""

    code: str
    urgency: str
    safeguarding: bool
    risk_to_life: bool
    need: str
    meaning: str


def _spec(code: str, urgency: str, flags: str, need: str, meaning: str) -> SignalSpec:
    """``flags`` holds "s" for safeguarding and "r" for risk to life."""
    return SignalSpec(code, urgency, "s" in flags, "r" in flags, need, meaning)


SIGNALS: dict[str, SignalSpec] = {
    spec.code: spec
    for spec in (
        _spec("risk_to_life", "emergency", "r", "physical_care", "a risk to life"),
        _spec("threat_to_life", "emergency", "sr", "safety", "a threat to someone's life"),
        _spec("suicidal", "emergency", "sr", "mental_health", "suicidal thoughts or an overdose"),
        _spec("self_harm", "urgent", "s", "mental_health", "self-harm"),
        _spec("self_harm_now", "emergency", "s", "mental_health", "self-harm happening now"),
        _spec("abuse_now", "emergency", "s", "safety", "abuse or violence happening now"),
        _spec("abuse", "urgent", "s", "safety", "abuse, violence or exploitation"),
        _spec("no_food_today", "emergency", "", "food", "no food today"),
        _spec("no_medication_today", "emergency", "", "medicine", "no medication today"),
        _spec("homeless_tonight", "emergency", "", "housing", "nowhere to stay tonight"),
        _spec(
            "homeless_with_child",
            "emergency",
            "s",
            "housing",
            "a child or pregnant woman with nowhere to stay tonight",
        ),
        _spec("no_heating", "urgent", "", "", "no heating or power"),
        _spec("no_heating_vulnerable", "emergency", "", "", "no heating for a vulnerable person"),
        _spec("running_out", "urgent", "", "", "food, money or medication running out soon"),
        _spec("housing_soon", "urgent", "", "housing", "losing their home within days"),
        _spec(
            "suicidal_past", "urgent", "s", "mental_health", "past suicidal thoughts or an overdose"
        ),
        _spec("welfare_concern", "emergency", "", "physical_care", "someone may be lying hurt"),
        _spec(
            "missing_person", "emergency", "s", "physical_care", "someone missing or not answering"
        ),
        _spec("child_alone", "emergency", "s", "family", "a child without an adult or food"),
    )
}
"""Signals and what they mean. Co-occurrence upgrades: "abuse" with a sign that it is
happening now reads as "abuse_now", and "self_harm" with one in its own sentence as
"self_harm_now"; "no_heating" with a vulnerable person reads as
"no_heating_vulnerable"; "homeless_tonight" with a child or a pregnancy reads as
"homeless_with_child". Downgrades, within one sentence: a sign of later ("tomorrow",
"2 days left") turns no food or medication today into "running_out"; a sign of the past
("3 weeks ago", "no plans") turns "suicidal" into "suicidal_past" and drops a medical
emergency ("a stroke last month")."""

MODIFIER_SECTIONS = frozenset({"vulnerable", "now", "child"})
DOWNGRADES: dict[str, tuple[str, str]] = {
    "no_food_today": ("later", "running_out"),
    "no_medication_today": ("later", "running_out"),
    "homeless_tonight": ("later", "housing_soon"),
    "suicidal": ("past", "suicidal_past"),
    "abuse_now": ("past", "abuse"),
    "risk_to_life": ("past", ""),
}


@dataclass(frozen=True)
class SignalHit:
    """One critical signal found in a message, or a negated mention of one."""

    code: str
    quote: str
    language: str
    negated_by: str = ""

    @property
    def spec(self) -> SignalSpec:
        return SIGNALS[self.code]


@dataclass(frozen=True)
class SignalReport:
    """The signals that count, the mentions that were negated, and vulnerability."""

    hits: list[SignalHit]
    negated: list[SignalHit]
    vulnerability: str = ""


@cache
def _negation_words(language: str) -> frozenset[str]:
    words: set[str] = set()
    for lexicon in all_lexicons():
        if lexicon.language in {language, "en"}:
            for pattern in lexicon.section("negation_words"):
                words.update(fold_phrase(pattern))
    return frozenset(words)


def _inherently_negative(scan: Scan, match: Match) -> bool:
    """The phrase's own words include a negation ("no food", "nie mam jedzenia")."""
    words = _negation_words(match.phrase.language)
    own = (i for i in range(match.start, match.end) if i not in match.skipped)
    return any(v in words for i in own for v in word_variants(scan.words[i]))


def _same_language(cue: Match, match: Match) -> bool:
    return cue.phrase.language in {match.phrase.language, "en"}


def _clause_unbroken(scan: Scan, start: int, end: int) -> bool:
    """No punctuation break before any token in start..end-1."""
    return all(scan.tokens[i].boundary == BOUNDARY_NONE for i in range(start, end))


def _inside(inner: Match, start: int, end: int) -> bool:
    return inner.start >= start and inner.end <= end


def _overlaps(a: Match, b: Match) -> bool:
    return a.start < b.end and b.start < a.end


def _usable_cues(scan: Scan, label: str, match: Match) -> list[Match]:
    pseudo = [p for p in scan.matches("pseudo_negation") if _same_language(p, match)]
    return [
        cue
        for cue in scan.matches(label)
        if _same_language(cue, match) and not any(_overlaps(cue, p) for p in pseudo)
    ]


def _terminated(scan: Scan, match: Match, start: int, end: int) -> bool:
    return any(
        _inside(term, start, end) and _same_language(term, match)
        for term in scan.matches("terminators")
    )


def _cue_before(scan: Scan, match: Match) -> Match | None:
    for cue in _usable_cues(scan, "negation_before", match):
        if cue.start < match.start < cue.end:  # "no thoughts of" over "thoughts of ending it"
            return cue
        close = 0 <= match.start - cue.end <= NEGATION_WINDOW
        unbroken = close and _clause_unbroken(scan, cue.end, match.start + 1)
        if unbroken and not _terminated(scan, match, cue.end, match.start):
            return cue
    return None


def _cue_after(scan: Scan, match: Match) -> Match | None:
    for cue in _usable_cues(scan, "negation_after", match):
        close = 0 <= cue.start - match.end <= NEGATION_AFTER_WINDOW
        if close and _clause_unbroken(scan, match.end, cue.start + 1):
            return cue
    return None


def _cue_inside(scan: Scan, match: Match) -> Match | None:
    """A cue that fell into a phrase's ``...`` gap ("mnie nie bije")."""
    cues = _usable_cues(scan, "negation_before", match) + _usable_cues(
        scan, "negation_after", match
    )
    return next((c for c in cues if c.start in match.skipped), None)


def negation_cue(scan: Scan, match: Match) -> Match | None:
    """The cue that negates a phrase in its own clause, if any."""
    if _inherently_negative(scan, match):
        return None
    return _cue_before(scan, match) or _cue_after(scan, match) or _cue_inside(scan, match)


def _excluded(scan: Scan, code: str, match: Match) -> bool:
    return any(_overlaps(match, other) for other in scan.matches(f"exclude:{code}"))


def _age_vulnerability(scan: Scan) -> str:
    for index, word in enumerate(scan.words):
        if word.isdigit() and OLD_AGE <= int(word) <= 115 and _looks_like_age(scan, index):
            return f"age {word}"
    return ""


@cache
def _age_words(section: str) -> frozenset[str]:
    words: set[str] = set()
    for lexicon in all_lexicons():
        for pattern in lexicon.section(section):
            for variant in expand(pattern):
                words.update(fold_phrase(variant))
    return frozenset(words)


def _looks_like_age(scan: Scan, index: int) -> bool:
    before = scan.words[max(0, index - 2) : index]
    after = scan.words[index + 1 : index + 3]
    return bool(_age_words("age_before").intersection(before)) or bool(
        _age_words("age_after").intersection(after)
    )


def _facts_vulnerability(facts: Mapping[str, object]) -> str:
    age = facts.get("age")
    if isinstance(age, int | float) and not isinstance(age, bool) and age >= OLD_AGE:
        return f"age {int(age)} (from what we know)"
    if facts.get("vulnerable") is True:
        return "known to be vulnerable"
    return ""


def _vulnerability(scan: Scan, text: str, facts: Mapping[str, object]) -> str:
    for match in scan.matches("signal:vulnerable"):
        if negation_cue(scan, match) is None:
            return f'"{scan.quote(text, match)}"'
    return _age_vulnerability(scan) or _facts_vulnerability(facts)


def _hit(scan: Scan, text: str, match: Match, code: str, cue: Match | None) -> SignalHit:
    negated_by = scan.quote(text, cue) if cue else ""
    return SignalHit(code, scan.quote(text, match), match.phrase.language, negated_by)


def _shared_negation(
    found: list[tuple[Match, str, Match | None]],
) -> list[tuple[Match, str, Match | None]]:
    """A negation found for one language's phrase also holds for another language's
    phrase over the same words: in "je ne suis pas suicidaire" the French cue negates the
    French phrase, and the English "suicid*" matching the same word is negated with it."""
    negated = [(m, code, cue) for m, code, cue in found if cue is not None]
    out = []
    for match, code, cue in found:
        if cue is None:
            cue = next(
                (
                    other_cue
                    for other, other_code, other_cue in negated
                    if other_code == code and other.start <= match.start and match.end <= other.end
                ),
                None,
            )
        out.append((match, code, cue))
    return out


def _sentence(scan: Scan, index: int) -> int:
    return scan.sentence_ids[index] if index < len(scan.sentence_ids) else -1


def _near(scan: Scan, label: str, match: Match) -> bool:
    """A ``label`` phrase within a few words of the match, in the same sentence."""
    sentence = _sentence(scan, match.start)
    return any(
        match.start - MODIFIER_WINDOW <= other.start <= match.end + MODIFIER_WINDOW
        and _sentence(scan, other.start) == sentence
        for other in scan.matches(label)
    )


def _downgraded(scan: Scan, code: str, match: Match) -> str:
    marker, lower = DOWNGRADES.get(code, ("", code))
    if marker and _near(scan, marker, match) and not _near(scan, "signal:now", match):
        return lower
    return code


def _present(scan: Scan, label: str) -> bool:
    return any(negation_cue(scan, m) is None for m in scan.matches(label))


def _upgraded(code: str, vulnerability: str, scan: Scan, match: Match) -> str:
    if code == "no_heating" and vulnerability:
        return "no_heating_vulnerable"
    if code == "abuse" and _present(scan, "signal:now"):
        return "abuse_now"
    if code == "self_harm" and _near(scan, "signal:now", match):
        return "self_harm_now"
    if code == "homeless_tonight" and _present(scan, "signal:child"):
        return "homeless_with_child"
    return code


def detect_signals(
    scan: Scan, text: str, facts: Mapping[str, object] | None = None
) -> SignalReport:
    """The critical signals in a scanned text (``text`` is what was tokenised)."""
    vulnerability = _vulnerability(scan, text, facts or {})
    found: list[tuple[Match, str, Match | None]] = []
    for label, matches in scan.labels_with_prefix("signal:").items():
        code = label.removeprefix("signal:")
        if code in MODIFIER_SECTIONS or code not in SIGNALS:
            continue
        for match in (m for m in matches if not _excluded(scan, code, m)):
            final = _downgraded(scan, _upgraded(code, vulnerability, scan, match), match)
            if final:
                found.append((match, final, negation_cue(scan, match)))
    hits = [_hit(scan, text, match, code, cue) for match, code, cue in _shared_negation(found)]
    counted = _first_per_code([hit for hit in hits if not hit.negated_by])
    negated = [h for h in _first_per_code(hits, negated=True) if h.code not in _codes(counted)]
    return SignalReport(counted, negated, vulnerability)


def _codes(hits: list[SignalHit]) -> set[str]:
    return {hit.code for hit in hits}


def _first_per_code(hits: list[SignalHit], negated: bool = False) -> list[SignalHit]:
    """One hit per signal, quoting the longest phrase found for it."""
    seen: dict[str, SignalHit] = {}
    for hit in hits:
        if bool(hit.negated_by) == negated:
            best = seen.get(hit.code)
            if best is None or len(hit.quote) > len(best.quote):
                seen[hit.code] = hit
    return list(seen.values())
