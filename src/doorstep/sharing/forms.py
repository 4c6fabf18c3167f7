"""Forms for the data protection lead's pages."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, cast

from django import forms

from doorstep.sharing import catalogue as cat
from doorstep.sharing.actions import MIN_REASON_CHARS
from doorstep.sharing.holds import MIN_REASON_CHARS as MIN_HOLD_REASON_CHARS
from doorstep.sharing.models import BreakGlass, Hold, RightsRequest
from doorstep.web.forms import GovukForm


class ReasonForm(GovukForm):
    reason = forms.CharField(
        label="Why",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        error_messages={"required": "Say why: it is kept with the agreement and in the audit log"},
    )


class ReviewForm(GovukForm):
    review_date = forms.DateField(
        label="Next review date",
        help_text="For example, 27 3 2027 or 2027-03-27",
        input_formats=["%Y-%m-%d", "%d %m %Y", "%d/%m/%Y"],
        error_messages={
            "required": "Enter the next review date",
            "invalid": "Enter a real date, like 2027-03-27",
        },
    )
    note = forms.CharField(
        label="What the review found (optional)",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class BreakGlassForm(GovukForm):
    reason = forms.CharField(
        label="Why you need emergency access",
        help_text=(
            f"At least {MIN_REASON_CHARS} characters. It goes in the audit log and the data "
            "protection lead reviews it."
        ),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
        error_messages={"required": "Say why you need emergency access"},
    )

    def clean_reason(self) -> str:
        reason = str(self.cleaned_data["reason"]).strip()
        if len(reason) < MIN_REASON_CHARS:
            raise forms.ValidationError(
                f"Say why you need emergency access, in at least {MIN_REASON_CHARS} characters"
            )
        return reason


class BreakGlassReviewForm(GovukForm):
    outcome = forms.ChoiceField(
        label="Was the emergency access justified?",
        choices=BreakGlass.Outcome.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Say whether the emergency access was justified"},
    )
    note = forms.CharField(
        label="What you found, and any follow-up (optional)",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ResidentSearchForm(GovukForm):
    q = forms.CharField(
        label="Name or phone number",
        min_length=2,
        max_length=100,
        error_messages={
            "required": "Enter a name or a phone number",
            "min_length": "Enter at least 2 characters",
        },
    )


class RaiseRightsRequestForm(GovukForm):
    kind = forms.ChoiceField(
        label="What did they ask for?",
        choices=RightsRequest.Kind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose what they asked for"},
    )
    purposes = forms.MultipleChoiceField(
        label="For an objection: the uses they object to (leave empty for all of them)",
        choices=list(cat.PURPOSES.items()),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    note = forms.CharField(
        label="What they said (optional)",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("purposes") and data.get("kind") != RightsRequest.Kind.OBJECTION:
            self.add_error("purposes", "Only an objection names the uses it is about")
        return data


class ResolveRightsRequestForm(GovukForm):
    resolution = forms.CharField(
        label="What was done",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": "Say what was done before you resolve it"},
    )


class PlaceHoldForm(GovukForm):
    hold_kind = forms.ChoiceField(
        label="Kind of hold",
        choices=Hold.Kind.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose the kind of hold",
            "invalid_choice": "Your role cannot place that kind of hold",
        },
    )
    hold_reason = forms.CharField(
        label="Why the record must be kept",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Say why the record must be kept"},
    )

    def __init__(self, *args: Any, kinds: Iterable[str] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        allowed = set(kinds)
        field = cast(forms.ChoiceField, self.fields["hold_kind"])
        field.choices = [(k, label) for k, label in Hold.Kind.choices if k in allowed]

    def clean_hold_reason(self) -> str:
        reason = str(self.cleaned_data["hold_reason"]).strip()
        if len(reason) < MIN_HOLD_REASON_CHARS:
            raise forms.ValidationError(
                f"Give the reason for the hold in at least {MIN_HOLD_REASON_CHARS} characters"
            )
        return reason
