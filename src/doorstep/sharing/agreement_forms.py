"""The form a data protection lead fills in to draft or change an agreement's terms.

Field names for the parts that depend on the database or the catalogue:
`party_<organisation id>` (its role, or empty if not a party), `fields_<record type>`
(the allow-list), `retention_<record type>` (days).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django import forms

from doorstep.accounts.models import Organisation
from doorstep.sharing import catalogue as cat
from doorstep.sharing.agreement_actions import AgreementDraft
from doorstep.sharing.models import Agreement, AgreementParty
from doorstep.web.forms import GovukForm

DATE_FORMATS = ["%Y-%m-%d", "%d %m %Y", "%d/%m/%Y"]
DATE_HINT = "For example, 27 3 2027 or 2027-03-27"
CONDITIONS = list(cat.SPECIAL_CATEGORY_CONDITIONS.items())
SENSITIVITY_WORDS = {
    cat.Sensitivity.SPECIAL_CATEGORY: " (special category)",
    cat.Sensitivity.SAFEGUARDING: " (safeguarding)",
}


def _date(label: str, required: bool = True) -> forms.DateField:
    return forms.DateField(
        label=label,
        required=required,
        help_text=DATE_HINT,
        input_formats=DATE_FORMATS,
        error_messages={
            "required": f"Enter the {label.lower()}",
            "invalid": "Enter a real date, like 2027-03-27",
        },
    )


def _field_choices(record_type: str) -> list[tuple[str, str]]:
    specs = cat.FIELD_CATALOGUE[record_type].values()
    return [(s.name, f"{s.label}{SENSITIVITY_WORDS.get(s.sensitivity, '')}") for s in specs]


class AgreementForm(GovukForm):
    title = forms.CharField(
        label="Title",
        max_length=200,
        error_messages={"required": "Give the agreement a title"},
    )
    purposes = forms.MultipleChoiceField(
        label="What the data may be used for",
        choices=[(code, f"{meaning} ({code})") for code, meaning in cat.PURPOSES.items()],
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Choose at least one purpose"},
    )
    lawful_basis = forms.ChoiceField(
        label="Lawful basis (UK GDPR Article 6)",
        choices=list(cat.LAWFUL_BASES.items()),
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the lawful basis"},
    )
    special_category_condition = forms.ChoiceField(
        label="Special category condition (Article 9, and Schedule 1 where needed)",
        choices=[("", "None: no special category data is shared"), *CONDITIONS],
        required=False,
    )
    starts = _date("Start date")
    review_date = _date("Review date")
    ends = _date("End date (optional)", required=False)

    def __init__(
        self, *args: Any, organisations: Iterable[Organisation] = (), **kwargs: Any
    ) -> None:
        self.organisations = list(organisations)
        super().__init__(*args, **kwargs)
        for org in self.organisations:
            self.fields[f"party_{org.pk}"] = forms.ChoiceField(
                label=org.name,
                choices=[("", "Not a party"), *AgreementParty.Role.choices],
                required=False,
            )
        for kind, label in cat.RECORD_LABELS.items():
            self.fields[f"fields_{kind}"] = forms.MultipleChoiceField(
                label=f"Fields of a {label} that may be shared",
                choices=_field_choices(kind),
                required=False,
                widget=forms.CheckboxSelectMultiple,
            )
            self.fields[f"retention_{kind}"] = forms.IntegerField(
                label=f"Keep {label} records for (days, optional)",
                required=False,
                min_value=1,
                max_value=36500,
                error_messages={
                    "invalid": "Enter the number of days as a whole number, like 365",
                    "min_value": "Enter at least 1 day",
                    "max_value": "Enter at most 36500 days (100 years)",
                },
            )
        self._style_new_fields()

    def _style_new_fields(self) -> None:
        """GovukForm styles the fields declared on the class; these are added afterwards."""
        for name, field in self.fields.items():
            if name.startswith("party_"):
                field.widget.attrs.setdefault("class", "govuk-select")
            elif name.startswith("retention_"):
                field.widget.attrs.setdefault("class", "govuk-input govuk-input--width-5")
            else:
                field.widget.attrs.setdefault("class", "govuk-checkboxes__input")

    def party_fields(self) -> list[forms.BoundField]:
        return [self[f"party_{org.pk}"] for org in self.organisations]

    def record_fields(self) -> list[tuple[forms.BoundField, forms.BoundField]]:
        return [(self[f"fields_{kind}"], self[f"retention_{kind}"]) for kind in cat.RECORD_LABELS]

    def draft(self) -> AgreementDraft:
        data = self.cleaned_data
        return AgreementDraft(
            title=data["title"],
            parties={
                org.pk: data[f"party_{org.pk}"]
                for org in self.organisations
                if data.get(f"party_{org.pk}")
            },
            purposes=frozenset(data["purposes"]),
            field_allow_list={
                kind: frozenset(data[f"fields_{kind}"])
                for kind in cat.RECORD_LABELS
                if data.get(f"fields_{kind}")
            },
            lawful_basis=data["lawful_basis"],
            special_category_condition=data["special_category_condition"],
            starts=data["starts"],
            review_date=data["review_date"],
            ends=data["ends"],
            retention_days={
                kind: data[f"retention_{kind}"]
                for kind in cat.RECORD_LABELS
                if data.get(f"retention_{kind}") is not None
            },
        )


def new_agreement_initial(organisation_id: int | None, today: dt.date) -> dict[str, object]:
    """A new draft: the drafter's organisation as controller, a review in a year."""
    initial: dict[str, object] = {"starts": today, "review_date": today + dt.timedelta(days=365)}
    if organisation_id is not None:
        initial[f"party_{organisation_id}"] = AgreementParty.Role.CONTROLLER
    return initial


def agreement_initial(agreement: Agreement) -> dict[str, object]:
    """The form's starting values for an existing agreement."""
    initial: dict[str, object] = {
        "title": agreement.title,
        "purposes": list(agreement.purposes),
        "lawful_basis": agreement.lawful_basis,
        "special_category_condition": agreement.special_category_condition,
        "starts": agreement.starts,
        "review_date": agreement.review_date,
        "ends": agreement.ends,
    }
    for party in agreement.parties.all():
        initial[f"party_{party.organisation_id}"] = party.role
    for kind, names in agreement.field_allow_list.items():
        initial[f"fields_{kind}"] = list(names)
    for kind, days in (agreement.retention_days or {}).items():
        initial[f"retention_{kind}"] = days
    return initial
