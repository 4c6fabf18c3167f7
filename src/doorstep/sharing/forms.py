"""Forms for the data protection lead's pages."""

from __future__ import annotations

from django import forms

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
