from __future__ import annotations

import dataclasses
import datetime as dt

from doorstep.sharing.validation import activation_problems, retention_problems, terms_problems
from tests.sharing.engine_helpers import HUB, NHS, TODAY, terms


def test_sound_terms_have_no_problems() -> None:
    assert terms_problems(terms()) == []
    assert activation_problems(terms(), TODAY) == []


def test_it_needs_two_parties_and_a_controller() -> None:
    problems = terms_problems(terms(parties={HUB: "processor"}))
    assert "An agreement needs at least two organisations." in problems
    assert "At least one party must be a controller or joint controller." in problems


def test_it_rejects_unknown_party_roles_purposes_record_types_and_fields() -> None:
    odd = terms(
        parties={HUB: "controller", NHS: "friend"},
        purposes={"casework", "marketing"},
        fields={"resident": {"first_name", "shoe_size"}, "bank": {"sort_code"}},
    )
    text = " ".join(terms_problems(odd))
    for expected in ("processor or recipient", "marketing", "'bank'", "shoe_size"):
        assert expected in text


def test_special_category_fields_need_a_condition() -> None:
    bare = terms(fields={"resident": {"accessibility_needs"}}, special_category_condition="")
    assert any("resident.accessibility_needs" in p for p in terms_problems(bare))


def test_it_needs_a_known_lawful_basis() -> None:
    assert "Choose a lawful basis from UK GDPR Article 6." in terms_problems(
        terms(lawful_basis="because")
    )


def test_dates_must_be_in_order() -> None:
    backwards = terms(review_date=TODAY - dt.timedelta(days=60), ends=TODAY - dt.timedelta(days=90))
    text = " ".join(terms_problems(backwards))
    assert "review date must come after" in text
    assert "end date must not come before" in text


def test_an_overdue_review_blocks_activation() -> None:
    overdue = dataclasses.replace(terms(), review_date=TODAY - dt.timedelta(days=1))
    assert "The review date has passed: review the agreement first." in activation_problems(
        overdue, TODAY
    )


def test_retention_is_whole_days_for_known_record_types() -> None:
    assert retention_problems({"resident": 365, "need": 30}) == []
    assert len(retention_problems({"resident": 0, "bank": 30})) == 2
