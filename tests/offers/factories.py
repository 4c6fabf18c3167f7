"""Helpers and offers for tests. Synthetic names only."""

from __future__ import annotations

from typing import Any

from doorstep.accounts.models import Organisation
from doorstep.offers.models import Helper, Offer

KITCHEN_POINT = (53.4586, -2.2836)


def make_helper(organisation: Organisation, **fields: Any) -> Helper:
    defaults: dict[str, Any] = {
        "kind": Helper.Kind.VOLUNTEER,
        "name": "Test Helper",
        "tier": Helper.Tier.COMMUNITY,
        "languages": ["en"],
        "latitude": KITCHEN_POINT[0],
        "longitude": KITCHEN_POINT[1],
    }
    defaults.update(fields)
    helper = Helper(organisation=organisation, **defaults)
    helper.full_clean()
    helper.save()
    return helper


def make_offer(helper: Helper, **fields: Any) -> Offer:
    defaults: dict[str, Any] = {"need_codes": ["food"], "capacity_per_week": 5}
    defaults.update(fields)
    offer = Offer(helper=helper, **defaults)
    offer.full_clean()
    offer.save()
    return offer
