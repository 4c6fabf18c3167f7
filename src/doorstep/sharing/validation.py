"""Whether an agreement's terms make sense before it may share. Pure, plain English."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping

from doorstep.sharing import catalogue as cat
from doorstep.sharing.policy import PARTY_ROLES, AgreementTerms

CONTROLLING_ROLES = frozenset({"controller", "joint_controller"})


def terms_problems(terms: AgreementTerms) -> list[str]:
    """Everything wrong with a draft, as sentences; empty when it could be activated."""
    checks: tuple[Callable[[AgreementTerms], list[str]], ...] = (
        _party_problems,
        _purpose_problems,
        _field_problems,
        _basis_problems,
        _date_problems,
    )
    return [problem for check in checks for problem in check(terms)]


def activation_problems(terms: AgreementTerms, today: dt.date) -> list[str]:
    problems = terms_problems(terms)
    if terms.review_date < today:
        problems.append("The review date has passed: review the agreement first.")
    if terms.ends is not None and terms.ends < today:
        problems.append("The agreement's end date has passed.")
    return problems


def retention_problems(retention_days: Mapping[str, int]) -> list[str]:
    problems = [
        f"Doorstep does not know the record type '{kind}'."
        for kind in retention_days
        if kind not in cat.FIELD_CATALOGUE
    ]
    if any(not isinstance(days, int) or days < 1 for days in retention_days.values()):
        problems.append("Retention periods must be whole numbers of days, at least one.")
    return problems


def _party_problems(terms: AgreementTerms) -> list[str]:
    problems = []
    if len(terms.parties) < 2:
        problems.append("An agreement needs at least two organisations.")
    if any(role not in PARTY_ROLES for role in terms.parties.values()):
        problems.append(
            "Each party must be a controller, joint controller, processor or recipient."
        )
    if not CONTROLLING_ROLES & set(terms.parties.values()):
        problems.append("At least one party must be a controller or joint controller.")
    return problems


def _purpose_problems(terms: AgreementTerms) -> list[str]:
    if not terms.purposes:
        return ["Name at least one purpose."]
    unknown = sorted(terms.purposes - set(cat.PURPOSES))
    return [f"Doorstep does not know these purposes: {', '.join(unknown)}."] if unknown else []


def _field_problems(terms: AgreementTerms) -> list[str]:
    if not any(terms.fields.values()):
        return ["Allow at least one field of one record type."]
    problems = []
    for kind, fields in sorted(terms.fields.items()):
        if kind not in cat.FIELD_CATALOGUE:
            problems.append(f"Doorstep does not know the record type '{kind}'.")
        elif unknown := sorted(fields - cat.all_fields(kind)):
            problems.append(
                f"A {kind.replace('_', ' ')} has no fields called {', '.join(unknown)}."
            )
    return problems


def _basis_problems(terms: AgreementTerms) -> list[str]:
    problems = []
    if terms.lawful_basis not in cat.LAWFUL_BASES:
        problems.append("Choose a lawful basis from UK GDPR Article 6.")
    condition = terms.special_category_condition
    if condition and condition not in cat.SPECIAL_CATEGORY_CONDITIONS:
        problems.append("Choose a special-category condition from the list.")
    special = sorted(_special_fields(terms))
    if special and not condition:
        problems.append(
            f"The allow-list includes special-category data ({', '.join(special)}): name the "
            "Article 9 condition and, where it needs one, the Schedule 1 condition."
        )
    return problems


def _date_problems(terms: AgreementTerms) -> list[str]:
    problems = []
    if terms.review_date <= terms.starts:
        problems.append("The review date must come after the start date.")
    if terms.ends is not None and terms.ends < terms.starts:
        problems.append("The end date must not come before the start date.")
    return problems


def _special_fields(terms: AgreementTerms) -> set[str]:
    return {
        f"{kind}.{name}"
        for kind, fields in terms.fields.items()
        for name in cat.special_category_fields(kind, fields)
    }
