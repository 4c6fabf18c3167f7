"""Plain-English reasons for a proposal, written for the guide who reads them. Pure."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence

from doorstep.matching.engine_types import TIERS, NeedSpec, OfferSpec

LANGUAGE_NAMES: dict[str, str] = {
    "am": "Amharic", "ar": "Arabic", "bg": "Bulgarian", "bn": "Bengali", "cs": "Czech",
    "cy": "Welsh", "de": "German", "el": "Greek", "en": "English", "es": "Spanish",
    "fa": "Persian", "fr": "French", "gu": "Gujarati", "ha": "Hausa", "he": "Hebrew",
    "hi": "Hindi", "hu": "Hungarian", "ig": "Igbo", "it": "Italian", "ku": "Kurdish",
    "lt": "Lithuanian", "lv": "Latvian", "ml": "Malayalam", "ne": "Nepali", "pa": "Punjabi",
    "pl": "Polish", "ps": "Pashto", "pt": "Portuguese", "ro": "Romanian", "ru": "Russian",
    "sk": "Slovak", "so": "Somali", "sq": "Albanian", "sw": "Swahili", "ta": "Tamil",
    "ti": "Tigrinya", "tl": "Tagalog", "tr": "Turkish", "uk": "Ukrainian", "ur": "Urdu",
    "vi": "Vietnamese", "yo": "Yoruba", "zh": "Chinese",
}  # fmt: skip

CODE_LABELS: dict[str, str] = {
    "mental_health": "mental health",
    "physical_care": "personal care",
    "digital": "getting online",
    "work_skills": "work and skills",
    "legal_immigration": "legal and immigration questions",
    "other": "other things",
}

TIER_LABELS: dict[str, str] = {
    "own_network": "the resident's own network",
    "community": "the community",
    "vcse": "VCSE organisations",
    "statutory": "statutory services",
}


def proposal_reasons(
    need: NeedSpec, offer: OfferSpec, tier: str, distance_km: float | None, fallback: bool
) -> tuple[str, ...]:
    """Why this helper, most telling first; ``fallback`` says no higher tier could help."""
    reasons = [
        _network(need, tier),
        distance_phrase(distance_km),
        _language(need, offer),
        _diet(need),
        _continuity(need, offer),
        _dbs(need, offer),
        _availability(need, offer),
        _preference(need, offer),
        _load(offer),
        _fallback(need, tier) if fallback else "",
    ]
    return tuple(reason for reason in reasons if reason)


def distance_phrase(distance_km: float | None) -> str:
    if distance_km is None or math.isnan(distance_km):
        return "distance unknown"
    if distance_km < 0.1:
        return "less than 0.1 km away"
    return f"{distance_km:.1f} km away"


def language_name(code: str) -> str:
    return LANGUAGE_NAMES.get(code, f"the language {code!r}")


def and_join(items: Sequence[str], word: str = "and") -> str:
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {word} {items[-1]}"


def code_label(code: str) -> str:
    return CODE_LABELS.get(code, code.replace("_", " "))


def whose(need: NeedSpec) -> str:
    return f"{need.resident_name}'s" if need.resident_name else "the resident's"


def _network(need: NeedSpec, tier: str) -> str:
    return f"in {whose(need)} own network" if tier == "own_network" else ""


def _language(need: NeedSpec, offer: OfferSpec) -> str:
    worth_saying = need.language != "en" or need.needs_language_match
    if worth_saying and need.language in offer.languages:
        return f"speaks {language_name(need.language)}"
    return ""


def _diet(need: NeedSpec) -> str:
    if not need.diet_applies:
        return ""
    return f"can provide {and_join(sorted(need.diet))} food"


def _continuity(need: NeedSpec, offer: OfferSpec) -> str:
    if offer.helper_id not in need.previous_helper_ids:
        return ""
    return f"has helped {need.resident_name or 'this resident'} before"


def _dbs(need: NeedSpec, offer: OfferSpec) -> str:
    if not need.requires_enhanced_dbs or offer.dbs_expires is None:
        return ""
    return f"enhanced DBS check valid until {_day(offer.dbs_expires)}"


def _availability(need: NeedSpec, offer: OfferSpec) -> str:
    if need.window is None or offer.availability == "always":
        return ""
    return "free at the time needed"


def _preference(need: NeedSpec, offer: OfferSpec) -> str:
    if need.code not in offer.preferred_codes:
        return ""
    return f"likes helping with {code_label(need.code)}"


def _load(offer: OfferSpec) -> str:
    if offer.load <= 0:
        return "no other open requests"
    plural = "s" if offer.load != 1 else ""
    return f"{offer.load} open request{plural}"


def _fallback(need: NeedSpec, tier: str) -> str:
    higher = [tier_label(need, name) for name in TIERS[: TIERS.index(tier)]]
    if not need.own_network_helper_ids:
        higher = higher[1:]  # saying nobody in an empty network can help tells nothing
    return f"nobody in {and_join(higher, 'or')} can help with this" if higher else ""


def tier_label(need: NeedSpec, tier: str) -> str:
    return f"{whose(need)} own network" if tier == "own_network" else TIER_LABELS[tier]


def _day(day: dt.date) -> str:
    return f"{day.day} {day:%b %Y}"
