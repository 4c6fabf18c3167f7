"""Choosing a named Local Guide for a help request. Pure: no Django.

Order: the resident's existing guide (continuity); else guides covering the resident's
neighbourhood who speak their language, with the fewest open cases under their cap; then
relax language, then neighbourhood, saying so in the reason.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class GuideCandidate:
    guide_id: int
    name: str
    neighbourhood_ids: frozenset[int]
    languages: frozenset[str]
    open_cases: int
    caseload_cap: int
    active: bool = True

    @property
    def has_room(self) -> bool:
        return self.active and self.open_cases < self.caseload_cap


@dataclass(frozen=True)
class GuideChoice:
    guide_id: int | None
    reason: str


def choose_guide(
    candidates: Sequence[GuideCandidate],
    neighbourhood_id: int | None,
    language: str,
    existing_guide_id: int | None = None,
) -> GuideChoice:
    existing = next((c for c in candidates if c.guide_id == existing_guide_id), None)
    if existing is not None and existing.active:
        return GuideChoice(existing.guide_id, f"{existing.name} is already this resident's guide")
    with_room = [c for c in candidates if c.has_room]
    for label, pool in _pools(with_room, neighbourhood_id, language):
        if pool:
            chosen = min(pool, key=lambda c: (c.open_cases / c.caseload_cap, c.guide_id))
            return GuideChoice(chosen.guide_id, f"{chosen.name}: {label}, {chosen.open_cases} open")
    return GuideChoice(None, "No guide has room: a coordinator needs to assign one")


def _pools(
    candidates: list[GuideCandidate], neighbourhood_id: int | None, language: str
) -> list[tuple[str, list[GuideCandidate]]]:
    local = [c for c in candidates if neighbourhood_id in c.neighbourhood_ids]
    speaks = [c for c in candidates if language in c.languages]
    local_speaks = [c for c in local if language in c.languages]
    return [
        ("covers the neighbourhood and speaks the resident's language", local_speaks),
        ("speaks the resident's language (outside their neighbourhood)", speaks),
        ("covers the neighbourhood (an interpreter is needed)", local),
        ("has room (outside their neighbourhood)", candidates),
    ]
