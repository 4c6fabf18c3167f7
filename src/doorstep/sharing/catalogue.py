"""What personal data Doorstep holds, why it is used, and who may see which part.

The one place that names record types, their fields, purposes, lawful bases and roles'
views. Pure: no Django, so the policy engine and its property tests stand on their own.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from types import MappingProxyType


class Sensitivity(StrEnum):
    PERSONAL = "personal"
    SPECIAL_CATEGORY = "special_category"  # UK GDPR Art. 9: health, beliefs, ethnicity...
    SAFEGUARDING = "safeguarding"  # risk of harm: logged on every read


@dataclass(frozen=True)
class FieldSpec:
    name: str
    label: str
    sensitivity: Sensitivity = Sensitivity.PERSONAL


RESIDENT = "resident"
HELP_REQUEST = "help_request"
NEED = "need"

_P, _S, _G = Sensitivity.PERSONAL, Sensitivity.SPECIAL_CATEGORY, Sensitivity.SAFEGUARDING


def _specs(*rows: tuple[str, str, Sensitivity]) -> Mapping[str, FieldSpec]:
    return MappingProxyType({name: FieldSpec(name, label, kind) for name, label, kind in rows})


FIELD_CATALOGUE: Mapping[str, Mapping[str, FieldSpec]] = MappingProxyType(
    {
        RESIDENT: _specs(
            ("first_name", "First name", _P),
            ("last_name", "Last name", _P),
            ("phone", "Phone number", _P),
            ("email", "Email address", _P),
            ("address", "Address", _P),
            ("year_of_birth", "Year of birth", _P),
            ("language", "Language", _P),
            ("preferred_channel", "How they like to be contacted", _P),
            ("preferred_times", "When they like to be contacted", _P),
            ("safe_to_text", "Safe to text", _G),
            ("accessibility_needs", "Accessibility needs", _S),
            ("diets", "Diet (halal, kosher, vegetarian, vegan)", _S),
            ("network", "Their own people (family, neighbours, friends)", _P),
        ),
        HELP_REQUEST: _specs(
            ("status", "Status", _P),
            ("opened_at", "Opened", _P),
            ("urgency", "Urgency", _P),
            ("needs", "Needs", _S),
            ("safeguarding", "Safeguarding concern", _G),
            ("risk_to_life", "Risk to life", _G),
            ("guide", "Local Guide", _P),
            ("notes_fact", "Case notes: facts", _S),
            ("notes_opinion", "Case notes: opinions", _S),
            ("thread", "Messages", _S),
        ),
        NEED: _specs(
            ("code", "What the need is", _S),
            ("description", "Short description", _S),
            ("status", "Status", _P),
            ("outcome", "Outcome", _S),
        ),
    }
)
RECORD_LABELS: Mapping[str, str] = MappingProxyType(
    {RESIDENT: "resident", HELP_REQUEST: "help request", NEED: "need"}
)


def all_fields(record_type: str) -> frozenset[str]:
    return frozenset(FIELD_CATALOGUE.get(record_type, {}))


def sensitive_fields(record_type: str, fields: frozenset[str]) -> frozenset[str]:
    """The special-category and safeguarding fields among `fields`: reads are logged."""
    specs = FIELD_CATALOGUE.get(record_type, {})
    return frozenset(f for f in fields if f in specs and specs[f].sensitivity != _P)


def special_category_fields(record_type: str, fields: frozenset[str]) -> frozenset[str]:
    """The fields among `fields` that need an Art. 9 condition to be shared."""
    specs = FIELD_CATALOGUE.get(record_type, {})
    return frozenset(f for f in fields if f in specs and specs[f].sensitivity == _S)


# Purposes: every read or share carries one.
PURPOSES: Mapping[str, str] = MappingProxyType(
    {
        "casework": "Helping a resident with what they asked for",
        "task": "Doing a task assigned to a volunteer: a delivery, a call, a visit",
        "referral": "Referring a resident to a partner who can help",
        "safeguarding": "Protecting a person at risk of harm",
        "rights": "Answering a data protection rights request (subject access and others)",
        "data_quality": "Keeping records accurate: duplicates and corrections",
    }
)

# UK GDPR Art. 6 lawful bases.
LAWFUL_BASES: Mapping[str, str] = MappingProxyType(
    {
        "consent": "Consent, Art. 6(1)(a)",
        "contract": "Contract, Art. 6(1)(b)",
        "legal_obligation": "Legal obligation, Art. 6(1)(c)",
        "vital_interests": "Vital interests, Art. 6(1)(d)",
        "public_task": "Public task, Art. 6(1)(e)",
        "legitimate_interests": "Legitimate interests, Art. 6(1)(f)",
    }
)
CONSENT = "consent"

# UK GDPR Art. 9 conditions, with the DPA 2018 Schedule 1 condition where one is needed.
SPECIAL_CATEGORY_CONDITIONS: Mapping[str, str] = MappingProxyType(
    {
        "art9_2a_explicit_consent": "Art. 9(2)(a) explicit consent",
        "art9_2b_sch1_p1_social_protection": (
            "Art. 9(2)(b) employment, social security and social protection; DPA 2018 Sch. 1 para 1"
        ),
        "art9_2c_vital_interests": "Art. 9(2)(c) vital interests (the person cannot consent)",
        "art9_2g_sch1_p6_statutory": (
            "Art. 9(2)(g) substantial public interest; DPA 2018 Sch. 1 para 6 statutory purposes"
        ),
        "art9_2g_sch1_p16_support": (
            "Art. 9(2)(g) substantial public interest; DPA 2018 Sch. 1 para 16 support for "
            "individuals with a particular disability or medical condition"
        ),
        "art9_2g_sch1_p17_counselling": (
            "Art. 9(2)(g) substantial public interest; DPA 2018 Sch. 1 para 17 counselling"
        ),
        "art9_2g_sch1_p18_safeguarding": (
            "Art. 9(2)(g) substantial public interest; DPA 2018 Sch. 1 para 18 safeguarding of "
            "children and of individuals at risk"
        ),
        "art9_2h_sch1_p2_health_social_care": (
            "Art. 9(2)(h) health or social care; DPA 2018 Sch. 1 para 2"
        ),
        "art9_2i_sch1_p3_public_health": "Art. 9(2)(i) public health; DPA 2018 Sch. 1 para 3",
    }
)

# Roles (the values of doorstep.accounts.models.Role; a test keeps them in step).
CASEWORK = frozenset({"coordinator", "local_guide", "call_handler", "safeguarding_lead", "admin"})
MINIMAL_VIEW_ROLES = frozenset({"volunteer", "community_leader"})
ROLE_LABELS: Mapping[str, str] = MappingProxyType(
    {
        "coordinator": "hub coordinator",
        "local_guide": "Local Guide",
        "call_handler": "call handler",
        "community_leader": "community leader",
        "volunteer": "volunteer",
        "partner_caseworker": "partner caseworker",
        "data_officer": "data officer",
        "safeguarding_lead": "safeguarding lead",
        "data_protection_lead": "data protection lead",
        "admin": "administrator",
    }
)

# The minimal view: a first name and the task. An address or phone number is added only
# while a task assigned to the person needs it (the caller passes those as task fields).
MINIMAL_VIEW: Mapping[str, frozenset[str]] = MappingProxyType(
    {RESIDENT: frozenset({"first_name"}), NEED: frozenset({"code", "description"})}
)
TASK_CONTACT_FIELDS = frozenset({"address", "phone"})

_FULL: Mapping[str, frozenset[str]] = MappingProxyType(
    {kind: all_fields(kind) for kind in FIELD_CATALOGUE}
)
_IDENTITY: Mapping[str, frozenset[str]] = MappingProxyType(
    {
        RESIDENT: all_fields(RESIDENT)
        - {"accessibility_needs", "safe_to_text", "network", "preferred_times"},
        HELP_REQUEST: frozenset({"status", "opened_at"}),
        NEED: frozenset({"status"}),
    }
)
_PARTNER: Mapping[str, frozenset[str]] = MappingProxyType(
    {
        RESIDENT: all_fields(RESIDENT) - {"network"},
        HELP_REQUEST: all_fields(HELP_REQUEST) - {"notes_opinion", "thread", "guide"},
        NEED: all_fields(NEED),
    }
)

# role -> purpose -> record type -> fields that role may see for that purpose.
ROLE_VIEWS: Mapping[str, Mapping[str, Mapping[str, frozenset[str]]]] = MappingProxyType(
    {
        **{
            role: {"casework": _FULL, "referral": _FULL, "safeguarding": _FULL, "task": _FULL}
            for role in CASEWORK
        },
        "partner_caseworker": {"casework": _PARTNER, "referral": _PARTNER},
        "data_protection_lead": {"rights": _FULL, "data_quality": _IDENTITY},
        "data_officer": {"data_quality": _IDENTITY},
        "volunteer": {"task": MINIMAL_VIEW},
        "community_leader": {"task": MINIMAL_VIEW},
    }
)


def role_view(
    role: str, purpose: str, record_type: str, task_fields: frozenset[str] = frozenset()
) -> frozenset[str]:
    """The fields `role` may see of a `record_type` for `purpose`, before any agreement."""
    fields = ROLE_VIEWS.get(role, {}).get(purpose, {}).get(record_type, frozenset())
    if role in MINIMAL_VIEW_ROLES and record_type == RESIDENT:
        fields = fields | (task_fields & TASK_CONTACT_FIELDS)
    return fields
