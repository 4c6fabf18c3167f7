"""Offers indexed once, by need code, as numpy columns. Pure: no Django.

Matching one need then touches only the offers for its code, and every hard constraint
is one vectorised comparison over those offers.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np

from doorstep.matching.engine_time import BoolArray, FloatArray, IntArray, SlotTable, slot_bounds
from doorstep.matching.engine_types import NEED_CODES, TIERS, Key, OfferSpec
from doorstep.matching.engine_validate import usable_limit, usable_location, validate_offer

NO_CHECK = -1
"""The ``dbs_until`` of an offer without an enhanced DBS check with an expiry date."""


class CodeGroup:
    """The offers that meet one need code, one numpy column per attribute."""

    def __init__(self, code: str, rows: Sequence[int], offers: Sequence[OfferSpec]) -> None:
        mine = [offers[row] for row in rows]
        self.code = code
        self.rows: IntArray = np.asarray(rows, dtype=np.int64)
        self.tier_rank: IntArray = np.asarray([TIERS.index(o.tier) for o in mine], np.int64)
        self.capacity: IntArray = np.asarray([o.capacity_left for o in mine], np.int64)
        self.load: FloatArray = np.asarray([max(o.load, 0) for o in mine], np.float64)
        self.radius: FloatArray = np.asarray([usable_limit(o.radius_km) for o in mine], np.float64)
        self.dbs_until: IntArray = np.asarray([_dbs_until(o) for o in mine], np.int64)
        self.prefers: FloatArray = np.asarray([_preference(o, code) for o in mine], np.float64)
        self._set_locations(mine)
        self.languages = _masks([o.languages for o in mine])
        self.diets = _masks([o.diets for o in mine])
        self.helper_rows = _positions([o.helper_id for o in mine])
        self.slots = SlotTable([slot_bounds(o.availability) for o in mine])

    def __len__(self) -> int:
        return len(self.rows)

    def _set_locations(self, offers: Sequence[OfferSpec]) -> None:
        points = [usable_location(o.location) for o in offers]
        self.has_location: BoolArray = np.asarray([p is not None for p in points], np.bool_)
        lat = np.asarray([p[0] if p else 0.0 for p in points], np.float64)
        lon = np.asarray([p[1] if p else 0.0 for p in points], np.float64)
        self.lat: FloatArray = np.radians(lat)
        self.lon: FloatArray = np.radians(lon)
        self.cos_lat: FloatArray = np.cos(self.lat)

    def speaks(self, language: str) -> BoolArray:
        return self.languages.get(language, np.zeros(len(self), np.bool_))

    def provides(self, diet: Iterable[str]) -> BoolArray:
        mask = np.ones(len(self), np.bool_)
        for item in diet:
            mask &= self.diets.get(item, np.zeros(len(self), np.bool_))
        return mask

    def helpers_in(self, helper_ids: Iterable[Key]) -> BoolArray:
        mask = np.zeros(len(self), np.bool_)
        for helper_id in helper_ids:
            mask[self.helper_rows.get(helper_id, [])] = True
        return mask


class OfferIndex:
    """Build once per set of offers; reuse for every need.

    ``problems`` holds what :func:`validate_offer` found for each offer that has any.
    Offers with an unknown tier are left out; unknown need codes are ignored.
    """

    def __init__(self, offers: Iterable[OfferSpec]) -> None:
        self.offers: list[OfferSpec] = list(offers)
        self.problems: dict[Key, list[str]] = {}
        for offer in self.offers:
            found = validate_offer(offer)
            if found:
                self.problems[offer.id] = found
        self.groups = self._group()

    def __len__(self) -> int:
        return len(self.offers)

    def _group(self) -> dict[str, CodeGroup]:
        rows_by_code: dict[str, list[int]] = {code: [] for code in NEED_CODES}
        for row, offer in enumerate(self.offers):
            if offer.tier not in TIERS:
                continue
            for code in offer.codes & rows_by_code.keys():
                rows_by_code[code].append(row)
        return {
            code: CodeGroup(code, rows, self.offers) for code, rows in rows_by_code.items() if rows
        }


def as_index(offers: OfferIndex | Iterable[OfferSpec]) -> OfferIndex:
    return offers if isinstance(offers, OfferIndex) else OfferIndex(offers)


def _dbs_until(offer: OfferSpec) -> int:
    if offer.dbs_level != "enhanced" or offer.dbs_expires is None:
        return NO_CHECK
    return offer.dbs_expires.toordinal()


def _preference(offer: OfferSpec, code: str) -> float:
    if not offer.preferred_codes:
        return 0.5
    return 1.0 if code in offer.preferred_codes else 0.0


def _masks(values: Sequence[frozenset[str]]) -> dict[str, BoolArray]:
    masks: dict[str, BoolArray] = {}
    for row, items in enumerate(values):
        for item in items:
            masks.setdefault(item, np.zeros(len(values), np.bool_))[row] = True
    return masks


def _positions(keys: Sequence[Key]) -> dict[Key, list[int]]:
    positions: dict[Key, list[int]] = {}
    for row, key in enumerate(keys):
        positions.setdefault(key, []).append(row)
    return positions
