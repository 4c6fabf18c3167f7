"""The access policy: who may see which fields of a record, for what purpose. Pure.

`decide` answers one question for a reader; `decide_share` answers it for one
organisation sending a record to another. Both return a `Decision` whose `reason` is
plain English, and `project` cuts a record down to the decision's fields.

Rules (docs/subsystems/sharing.md explains them):

- Within the record's own organisation, the reader's role and the purpose decide.
- Across organisations, an agreement must be in force (status active, today between its
  start and end dates), name both organisations as parties and cover the purpose; the
  fields are the ones asked for, within the agreement's allow-list for the record type
  and the reader's role. Special-category fields also need the agreement to name an
  Art. 9 condition. An agreement past its review date still shares but is flagged.
- An agreement whose lawful basis is consent also needs the resident's consent, covering
  the purpose and not withdrawn. Withdrawal never affects agreements on other bases.
- A resident who asked for restriction (UK GDPR Art. 18) has their record stored, not
  used: it is shown or shared only to protect someone from harm (safeguarding) or to
  answer their own rights requests, until the restriction is resolved.
- A resident who objected (Art. 21) is not shared about for the purposes they objected
  to under an agreement on public task or legitimate interests, unless grounds override
  the objection: safeguarding, and answering their rights requests.
- Everything else is refused.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from doorstep.sharing import catalogue as cat

OWN_ORGANISATION = "own-organisation"
BREAK_GLASS = "break-glass"
NONE_OF_THOSE_FIELDS = "None of the fields asked for are open to your role for this purpose."
NO_ORGANISATION = "You are not a member of any organisation, so you cannot see personal data."
AGREEMENT_STATUSES = ("draft", "active", "suspended", "expired")
PARTY_ROLES = ("controller", "joint_controller", "processor", "recipient")


@dataclass(frozen=True)
class Actor:
    user_id: int | None
    organisation_id: int | None
    role: str


@dataclass(frozen=True)
class AgreementTerms:
    id: int
    parties: Mapping[int, str]  # organisation id -> role in the agreement
    purposes: frozenset[str]
    fields: Mapping[str, frozenset[str]]  # record type -> allowed fields
    lawful_basis: str
    status: str
    starts: dt.date
    review_date: dt.date
    ends: dt.date | None = None
    special_category_condition: str = ""
    title: str = ""

    @property
    def requires_consent(self) -> bool:
        return self.lawful_basis == cat.CONSENT

    @property
    def name(self) -> str:
        return f"the agreement '{self.title}'" if self.title else f"agreement {self.id}"

    @property
    def sentence_name(self) -> str:
        """The name, capitalised to start a sentence."""
        return self.name[0].upper() + self.name[1:]

    def in_force_on(self, day: dt.date) -> bool:
        started = self.starts <= day and (self.ends is None or day <= self.ends)
        return self.status == "active" and started

    def review_overdue_on(self, day: dt.date) -> bool:
        return day > self.review_date


@dataclass(frozen=True)
class ConsentState:
    purposes: frozenset[str]
    withdrawn: bool = False


@dataclass(frozen=True)
class Restrictions:
    """The resident's open restriction and objection requests, as plain data."""

    restricted: bool = False
    objected: frozenset[str] = frozenset()  # purposes objected to; empty: no objection


NO_RESTRICTIONS = Restrictions()
# What a restricted record may still be used for: protecting someone from harm (vital
# interests, the rights of others) and answering the person's own rights requests.
USES_UNDER_RESTRICTION = frozenset({"safeguarding", "rights"})
# An objection stops processing on these bases (Art. 21(1)) ...
OBJECTABLE_BASES = frozenset({"public_task", "legitimate_interests"})
# ... except for purposes whose grounds override it.
OVERRIDING_PURPOSES = frozenset({"safeguarding", "rights"})
RESTRICTED = (
    "This person asked us to restrict the use of their data: until that is resolved, it is "
    "used only to protect someone from harm or to answer their data protection requests."
)


@dataclass(frozen=True)
class _Subject:
    """What the resident said: their consent and their open rights requests."""

    consent: ConsentState | None
    restrictions: Restrictions


@dataclass(frozen=True)
class Decision:
    allowed: bool
    fields: frozenset[str]
    basis: str
    agreement_id: int | None
    reason: str
    condition: str = ""  # the Art. 9 condition, when special-category fields are shared
    review_overdue: bool = False


def refuse(reason: str) -> Decision:
    return Decision(False, frozenset(), "", None, reason)


def decide(
    actor: Actor,
    purpose: str,
    record_type: str,
    record_org_id: int,
    agreements: Iterable[AgreementTerms],
    consent: ConsentState | None,
    now: dt.datetime,
    *,
    requested: Iterable[str] | None = None,
    task_fields: Iterable[str] | None = None,
    restrictions: Restrictions = NO_RESTRICTIONS,
) -> Decision:
    """Which fields of a record `actor` may see for `purpose` (None asks for all)."""
    reader = actor.organisation_id
    problem = _problem(purpose, record_type, restrictions)
    if reader is None or problem:
        return refuse(problem or NO_ORGANISATION)
    seen = cat.role_view(actor.role, purpose, record_type, frozenset(task_fields or ()))
    if not seen:
        return refuse(_role_refusal(actor.role, purpose, record_type))
    wanted = _wanted(record_type, requested) & seen
    if not wanted:
        return refuse(NONE_OF_THOSE_FIELDS)
    if record_org_id == actor.organisation_id:
        return _own(actor.role, purpose, wanted)
    subject = _Subject(consent, restrictions)
    return _across(
        (reader, record_org_id), purpose, record_type, wanted, agreements, subject, now.date()
    )


def decide_share(
    from_org_id: int,
    to_org_id: int,
    purpose: str,
    record_type: str,
    fields: Iterable[str],
    agreements: Iterable[AgreementTerms],
    consent: ConsentState | None,
    now: dt.datetime,
    *,
    restrictions: Restrictions = NO_RESTRICTIONS,
) -> Decision:
    """May `from_org_id` send these fields of one of its records to `to_org_id`?"""
    problem = _problem(purpose, record_type, restrictions)
    if problem or from_org_id == to_org_id:
        return refuse(problem or "A share needs two different organisations.")
    wanted = _wanted(record_type, fields)
    between = (to_org_id, from_org_id)
    subject = _Subject(consent, restrictions)
    return _across(between, purpose, record_type, wanted, agreements, subject, now.date())


def emergency_access(record_type: str, requested: Iterable[str] | None, reason: str) -> Decision:
    """Break-glass: the whole record (or what was asked for), beyond the policy."""
    if record_type not in cat.FIELD_CATALOGUE:
        return refuse(f"Doorstep does not know the record type '{record_type}'.")
    return Decision(True, _wanted(record_type, requested), BREAK_GLASS, None, reason)


def project(record: Mapping[str, Any], decision: Decision) -> dict[str, Any]:
    """Only the fields the decision allows."""
    if not decision.allowed:
        return {}
    return {name: value for name, value in record.items() if name in decision.fields}


def _request_problem(purpose: str, record_type: str) -> str:
    if record_type not in cat.FIELD_CATALOGUE:
        return f"Doorstep does not know the record type '{record_type}'."
    if purpose not in cat.PURPOSES:
        return f"'{purpose}' is not one of Doorstep's purposes for using personal data."
    return ""


def _problem(purpose: str, record_type: str, restrictions: Restrictions) -> str:
    """Why nobody may have this record for this purpose, before roles and agreements."""
    problem = _request_problem(purpose, record_type)
    if not problem and restrictions.restricted and purpose not in USES_UNDER_RESTRICTION:
        return RESTRICTED
    return problem


def _role_refusal(role: str, purpose: str, record_type: str) -> str:
    who = cat.ROLE_LABELS.get(role, role or "person without a role")
    what = cat.RECORD_LABELS[record_type]
    return f"A {who} may not see {what} records for the purpose '{purpose}'."


def _wanted(record_type: str, requested: Iterable[str] | None) -> frozenset[str]:
    known = cat.all_fields(record_type)
    return known if requested is None else known & frozenset(requested)


def _own(role: str, purpose: str, fields: frozenset[str]) -> Decision:
    who = cat.ROLE_LABELS.get(role, role)
    reason = f"Your organisation's own record, seen by a {who} for the purpose '{purpose}'."
    return Decision(True, fields, OWN_ORGANISATION, None, reason)


def _across(
    between: tuple[int, int],
    purpose: str,
    record_type: str,
    wanted: frozenset[str],
    agreements: Iterable[AgreementTerms],
    subject: _Subject,
    today: dt.date,
) -> Decision:
    """The most generous agreement that allows it; else the nearest miss, explained."""
    reader, owner = between
    candidates = sorted(
        (a for a in agreements if reader in a.parties and owner in a.parties), key=lambda a: a.id
    )
    if not candidates:
        return refuse("There is no data sharing agreement between the two organisations.")
    outcomes = [_under(a, purpose, record_type, wanted, subject, today) for a in candidates]
    granted = [decision for _, decision in outcomes if decision.allowed]
    if granted:
        return max(granted, key=lambda d: (len(d.fields), -(d.agreement_id or 0)))
    return max(outcomes, key=lambda outcome: outcome[0])[1]


_Check = Callable[[AgreementTerms, str, _Subject, dt.date], str]


def _under(
    terms: AgreementTerms,
    purpose: str,
    record_type: str,
    wanted: frozenset[str],
    subject: _Subject,
    today: dt.date,
) -> tuple[int, Decision]:
    """(how far the request got, the decision) under one agreement."""
    checks: tuple[_Check, ...] = (_in_force, _covers_purpose, _consent_covers, _not_objected)
    for stage, check in enumerate(checks):
        problem = check(terms, purpose, subject, today)
        if problem:
            return stage, refuse(problem)
    return len(checks), _fields_under(terms, purpose, record_type, wanted, today)


def _in_force(terms: AgreementTerms, _p: str, _s: _Subject, today: dt.date) -> str:
    name = terms.sentence_name
    if terms.status != "active":
        return f"{name} is {terms.status}, so nothing is shared under it."
    if today < terms.starts:
        return f"{name} does not start until {terms.starts:%d %B %Y}."
    if terms.ends is not None and today > terms.ends:
        return f"{name} ended on {terms.ends:%d %B %Y}."
    return ""


def _covers_purpose(terms: AgreementTerms, purpose: str, _s: _Subject, _d: dt.date) -> str:
    if purpose in terms.purposes:
        return ""
    return f"{terms.sentence_name} does not cover the purpose '{purpose}'."


def _consent_covers(terms: AgreementTerms, purpose: str, subject: _Subject, _d: dt.date) -> str:
    consent = subject.consent
    if not terms.requires_consent:
        return ""
    if consent is None:
        return f"Sharing under {terms.name} needs the resident's consent, and none is recorded."
    if consent.withdrawn:
        return f"The resident withdrew their consent, so {terms.name} no longer shares."
    if purpose not in consent.purposes:
        return f"The resident's consent does not cover the purpose '{purpose}'."
    return ""


def _not_objected(terms: AgreementTerms, purpose: str, subject: _Subject, _d: dt.date) -> str:
    objected = purpose in subject.restrictions.objected and purpose not in OVERRIDING_PURPOSES
    if not objected or terms.lawful_basis not in OBJECTABLE_BASES:
        return ""
    return (
        f"The resident objected to their data being used for '{purpose}', so {terms.name} "
        "does not share it until the objection is resolved."
    )


def _fields_under(
    terms: AgreementTerms, purpose: str, record_type: str, wanted: frozenset[str], today: dt.date
) -> Decision:
    allowed = wanted & terms.fields.get(record_type, frozenset())
    special = cat.special_category_fields(record_type, allowed)
    left_out = ""
    if special and not terms.special_category_condition:
        allowed -= special
        left_out = (
            " Special-category fields were left out: the agreement names no Art. 9 condition."
        )
    if not allowed:
        return refuse(f"{terms.sentence_name} does not allow those fields.")
    overdue = terms.review_overdue_on(today)
    reason = f"Shared under {terms.name} for the purpose '{purpose}'.{left_out}"
    if overdue:
        reason += f" The agreement's review was due on {terms.review_date:%d %B %Y}."
    condition = terms.special_category_condition if special & allowed else ""
    return Decision(True, allowed, terms.lawful_basis, terms.id, reason, condition, overdue)
