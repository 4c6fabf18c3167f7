"""Plain inputs for the pure policy engine: organisations 1 (the hub), 2 (NHS), 3 (a VCSE)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

from doorstep.sharing import catalogue as cat
from doorstep.sharing.policy import Actor, AgreementTerms, ConsentState

HUB, NHS, VCSE = 1, 2, 3
NOW = dt.datetime(2026, 11, 23, 9, 0, tzinfo=dt.UTC)
TODAY = NOW.date()


def actor(role: str = "local_guide", org: int = HUB, user_id: int = 10) -> Actor:
    return Actor(user_id, org, role)


def terms(
    agreement_id: int = 1,
    *,
    parties: Mapping[int, str] | None = None,
    purposes: Iterable[str] = ("casework", "referral"),
    fields: Mapping[str, Iterable[str]] | None = None,
    **overrides: Any,
) -> AgreementTerms:
    defaults: dict[str, Any] = {
        "lawful_basis": "public_task",
        "status": "active",
        "starts": TODAY - dt.timedelta(days=30),
        "review_date": TODAY + dt.timedelta(days=300),
        "special_category_condition": "art9_2h_sch1_p2_health_social_care",
        "title": "Hub and NHS",
    }
    defaults.update(overrides)
    allow = fields if fields is not None else {cat.RESIDENT: cat.all_fields(cat.RESIDENT)}
    return AgreementTerms(
        id=agreement_id,
        parties=parties or {HUB: "controller", NHS: "controller"},
        purposes=frozenset(purposes),
        fields={kind: frozenset(names) for kind, names in allow.items()},
        **defaults,
    )


def consent(*purposes: str, withdrawn: bool = False) -> ConsentState:
    return ConsentState(frozenset(purposes), withdrawn)
