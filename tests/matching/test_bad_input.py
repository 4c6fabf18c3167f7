"""Bad input is reported in plain words and skipped; the engine never raises on it."""

from __future__ import annotations

import datetime as dt

from doorstep.matching import (
    OfferIndex,
    WeeklySlot,
    assign_batch,
    explain_no_match,
    propose,
    validate_need,
    validate_offer,
)
from tests.matching.factories import NOW, london, make_need, make_offer, slot


def test_a_good_offer_has_no_problems() -> None:
    assert validate_offer(make_offer(), NOW) == []


def test_it_reports_zero_and_negative_capacity() -> None:
    assert validate_offer(make_offer(capacity_left=0)) == [
        "no capacity left: it is never proposed until capacity is added"
    ]
    assert validate_offer(make_offer(capacity_left=-2)) == [
        "capacity left is negative (-2): it is never proposed"
    ]


def test_it_reports_availability_that_ends_before_it_starts() -> None:
    backwards = make_offer(availability=(slot(0, "17:00", "09:00"),))
    assert validate_offer(backwards) == [
        "Monday availability ends (09:00) before it starts (17:00): ignored"
        " (split a slot that runs past midnight in two)",
        "no valid availability: it is never proposed",
    ]
    assert propose(make_need(), [backwards], NOW) == []


def test_a_bad_slot_is_dropped_and_the_good_ones_kept() -> None:
    mixed = make_offer(availability=(slot(0, "17:00", "09:00"), slot(0, "10:00", "12:00")))
    assert len(validate_offer(mixed)) == 1
    window = (london(23, 10, 30), london(23, 11))
    assert [p.offer_id for p in propose(make_need(window=window), [mixed], NOW)] == [mixed.id]


def test_it_reports_a_weekday_out_of_range() -> None:
    offer = make_offer(availability=(WeeklySlot(7, dt.time(9), dt.time(10)),))
    assert validate_offer(offer)[0] == (
        "availability weekday 7 is not 0 (Monday) to 6 (Sunday): ignored"
    )


def test_it_reports_an_expired_dbs_check_only_when_it_knows_the_date() -> None:
    offer = make_offer(dbs_level="enhanced", dbs_expires=dt.date(2026, 1, 31))
    assert validate_offer(offer) == []
    assert validate_offer(offer, NOW) == [
        "DBS check expired on 2026-01-31: not eligible for checked work"
    ]


def test_an_expired_dbs_still_allows_unchecked_work() -> None:
    offer = make_offer(dbs_level="enhanced", dbs_expires=dt.date(2026, 1, 31))
    assert len(propose(make_need(code="food"), [offer], NOW)) == 1
    assert propose(make_need(code="food", involves_children=True), [offer], NOW) == []


def test_it_reports_unknown_vocabulary() -> None:
    offer = make_offer(tier="friends", codes=frozenset({"food", "gardening"}), dbs_level="gold")
    assert validate_offer(offer) == [
        "unknown tier 'friends': it is never proposed",
        "unknown need codes ignored: gardening",
        "unknown DBS level 'gold': treated as none",
    ]
    assert propose(make_need(), [offer], NOW) == []


def test_it_reports_places_it_cannot_use() -> None:
    offer = make_offer(location=(123.0, 500.0))
    assert validate_offer(offer) == [
        "location (123.0, 500.0) is not a valid latitude and longitude: treated as unknown"
    ]
    assert propose(make_need(), [offer], NOW)[0].reasons[0] == "distance unknown"
    radius = make_offer(radius_km=-1)
    assert validate_offer(radius) == [
        "coverage radius must be more than 0 km (it is -1): 5 km is used instead"
    ]


def test_the_index_keeps_the_problems_by_offer() -> None:
    bad = make_offer(capacity_left=0)
    index = OfferIndex([make_offer(), bad])
    assert list(index.problems) == [bad.id]


def test_a_need_with_a_backwards_window_is_skipped_with_a_reason() -> None:
    window = (london(24, 12), london(24, 9))
    need = make_need(window=window)
    problem = "the needed window ends (2026-11-24 09:00) before it starts"
    assert validate_need(need) == [problem]
    assert propose(need, [make_offer()], NOW) == []
    assert explain_no_match(need, [make_offer()], NOW) == [problem]
    result = assign_batch([need], [make_offer()], NOW)
    assert result.unassigned == (need.id,)
    assert result.unassigned_reasons[need.id] == problem


def test_a_need_whose_window_is_over_is_skipped() -> None:
    window = (NOW - dt.timedelta(days=2), NOW - dt.timedelta(days=1))
    assert propose(make_need(window=window), [make_offer()], NOW) == []


def test_a_need_with_an_unknown_code_is_skipped() -> None:
    need = make_need(code="gardening")
    assert validate_need(need) == ["unknown need code 'gardening'"]
    assert propose(need, [make_offer()], NOW) == []


def test_mixing_naive_and_aware_times_does_not_raise() -> None:
    naive_start = dt.datetime(2026, 11, 24, 9, 0)  # noqa: DTZ001 - naive is taken as London time
    window = (naive_start, dt.datetime(2026, 11, 24, 12, 0, tzinfo=dt.UTC))
    assert len(propose(make_need(window=window), [make_offer()], NOW)) == 1
    assert validate_need(make_need(window=window), NOW) == []


def test_nothing_to_match_gives_nothing() -> None:
    assert propose(make_need(), [], NOW) == []
    result = assign_batch([], [], NOW)
    assert (result.assignments, result.total_fit, result.ratio) == ((), 0.0, 1.0)
