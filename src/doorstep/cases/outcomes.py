"""Needs met, by the circle that met them: how much help came from residents' own
people and the community rather than from organisations and services."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from django.db.models import Count, QuerySet

from doorstep.cases.models import Need, Tier

COMMUNITY_TIERS = (Tier.OWN_NETWORK, Tier.COMMUNITY)


@dataclass(frozen=True)
class TierOutcomes:
    counts: Mapping[str, int]  # tier -> needs met; "" for not recorded
    met: int

    @property
    def recorded(self) -> int:
        return self.met - self.unrecorded

    @property
    def unrecorded(self) -> int:
        return self.counts.get("", 0)

    @property
    def community_share(self) -> float | None:
        """Own network and community as a share of needs met with a known circle."""
        if not self.recorded:
            return None
        return sum(self.counts.get(t, 0) for t in COMMUNITY_TIERS) / self.recorded

    def rows(self) -> list[tuple[str, int]]:
        return [(label, self.counts.get(tier, 0)) for tier, label in Tier.choices]


def met_by_tier(needs: QuerySet[Need]) -> TierOutcomes:
    met = needs.filter(status=Need.Status.MET)
    counts = {row["met_tier"]: row["n"] for row in met.values("met_tier").annotate(n=Count("id"))}
    return TierOutcomes(counts, sum(counts.values()))
