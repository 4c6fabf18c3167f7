"""Hypothesis strategies for small, messy worlds of needs and offers around Mo's street."""

from __future__ import annotations

import datetime as dt

from hypothesis import strategies as st

from doorstep.matching import LatLon, NeedSpec, OfferSpec, WeeklySlot
from tests.matching.factories import MO_HOME, NOW

CODES = ("food", "physical_care", "befriending")
LANGUAGES = ("en", "fr", "ar")
DIETS = ("halal", "kosher", "vegetarian")
HELPERS = tuple(f"helper-{n}" for n in range(6))
TIER_CHOICES = ("community", "vcse", "own_network", "statutory", "community", "vcse", "unknown")
CODE_SETS: tuple[frozenset[str], ...] = (
    frozenset({"food"}),
    frozenset({"food", "physical_care"}),
    frozenset({"food", "befriending"}),
    frozenset(CODES),
    frozenset({"befriending"}),
    frozenset({"physical_care"}),
    frozenset(),
)


def _subset(items: tuple[str, ...]) -> st.SearchStrategy[frozenset[str]]:
    return st.frozensets(st.sampled_from(items), max_size=len(items))


def _near() -> st.SearchStrategy[LatLon | None]:
    offset = st.floats(-0.03, 0.03, allow_nan=False)
    point = st.tuples(offset, offset).map(lambda d: (MO_HOME[0] + d[0], MO_HOME[1] + d[1]))
    return st.one_of(point, point, point, st.none(), st.just((200.0, 0.0)))


_quarters = st.integers(0, 96).map(lambda q: dt.time(min(q // 4, 23), (q % 4) * 15))
slots = st.builds(WeeklySlot, st.integers(0, 7), _quarters, _quarters)
_hours = st.integers(-30, 24 * 9)


def _window(start: int, length: int) -> tuple[dt.datetime, dt.datetime]:
    begin = NOW + dt.timedelta(hours=start)
    return (begin, begin + dt.timedelta(hours=length))


windows = st.one_of(st.none(), st.builds(_window, _hours, st.integers(-3, 24 * 8)))
limits = st.sampled_from([0.5, 2.0, 5.0, 10.0, 0.0, -1.0])
dbs_dates = st.one_of(
    st.none(), st.integers(-40, 400).map(lambda d: NOW.date() + dt.timedelta(days=d))
)


def offers(count: int) -> st.SearchStrategy[list[OfferSpec]]:
    one = st.builds(
        OfferSpec,
        id=st.just(""),
        helper_id=st.sampled_from(HELPERS),
        helper_name=st.just("Synthetic helper"),
        tier=st.sampled_from(TIER_CHOICES),
        codes=st.sampled_from(CODE_SETS),
        location=_near(),
        radius_km=limits,
        languages=_subset(LANGUAGES),
        diets=_subset(DIETS),
        availability=st.one_of(
            st.just("always"), st.just("always"), st.tuples(slots, slots, slots), st.tuples(slots)
        ),
        capacity_left=st.sampled_from((1, 2, 3, 1, 2, 0, -1)),
        dbs_level=st.sampled_from(("enhanced", "none", "basic", "enhanced")),
        dbs_expires=dbs_dates,
        preferred_codes=_subset(CODES),
        load=st.integers(0, 5),
    )
    listed = st.lists(one, min_size=count // 2, max_size=count)
    return listed.map(lambda found: [_numbered(o, n) for n, o in enumerate(found)])


def _numbered(offer: OfferSpec, number: int) -> OfferSpec:
    return OfferSpec(**{**offer.__dict__, "id": f"offer-{number}"})


def needs(count: int) -> st.SearchStrategy[list[NeedSpec]]:
    one = st.builds(
        NeedSpec,
        id=st.just(""),
        code=st.sampled_from(("food", "befriending", "food", "physical_care", "food", "gardening")),
        resident_id=st.sampled_from(("resident-1", "resident-2")),
        location=_near(),
        language=st.sampled_from(LANGUAGES),
        needs_language_match=st.sampled_from((False, False, True)),
        diet=st.one_of(st.just(frozenset[str]()), _subset(DIETS)),
        window=windows,
        involves_children=st.sampled_from((False, False, False, False, False, True)),
        own_network_helper_ids=st.frozensets(st.sampled_from(HELPERS), max_size=3),
        previous_helper_ids=st.frozensets(st.sampled_from(HELPERS), max_size=3),
        max_distance_km=limits,
        resident_name=st.sampled_from(("Mo", "")),
    )
    listed = st.lists(one, min_size=max(1, count // 2), max_size=count)
    return listed.map(
        lambda found: [NeedSpec(**{**n.__dict__, "id": k}) for k, n in enumerate(found)]
    )
