from __future__ import annotations

from doorstep.cases.guide_choice import GuideCandidate, choose_guide


def guide(
    pk: int,
    areas: set[int],
    langs: set[str],
    open_cases: int = 0,
    cap: int = 10,
    active: bool = True,
) -> GuideCandidate:
    return GuideCandidate(
        pk, f"Guide {pk}", frozenset(areas), frozenset(langs), open_cases, cap, active
    )


def test_the_existing_guide_keeps_the_resident() -> None:
    guides = [guide(1, {7}, {"fr"}), guide(2, {9}, {"en"}, open_cases=10, cap=10)]
    choice = choose_guide(guides, neighbourhood_id=7, language="fr", existing_guide_id=2)
    assert choice.guide_id == 2
    assert "already" in choice.reason


def test_a_local_guide_who_speaks_the_language_comes_first() -> None:
    guides = [
        guide(1, {7}, {"en"}),
        guide(2, {8}, {"fr"}),
        guide(3, {7}, {"en", "fr"}, open_cases=4),
    ]
    assert choose_guide(guides, 7, "fr").guide_id == 3


def test_the_guide_with_fewest_open_cases_is_chosen() -> None:
    guides = [guide(1, {7}, {"en"}, open_cases=5), guide(2, {7}, {"en"}, open_cases=2)]
    assert choose_guide(guides, 7, "en").guide_id == 2


def test_a_full_caseload_is_skipped() -> None:
    guides = [guide(1, {7}, {"en"}, open_cases=10, cap=10), guide(2, {8}, {"en"}, open_cases=9)]
    choice = choose_guide(guides, 7, "en")
    assert choice.guide_id == 2
    assert "outside their neighbourhood" in choice.reason


def test_nobody_with_room_leaves_it_for_a_coordinator() -> None:
    choice = choose_guide([guide(1, {7}, {"en"}, open_cases=3, cap=3)], 7, "en")
    assert choice.guide_id is None
    assert "coordinator" in choice.reason


def test_an_inactive_existing_guide_is_replaced() -> None:
    guides = [guide(1, {7}, {"en"}, active=False), guide(2, {7}, {"en"})]
    assert choose_guide(guides, 7, "en", existing_guide_id=1).guide_id == 2
