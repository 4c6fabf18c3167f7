"""Forms for guides and coordinators."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.db.models import QuerySet

from doorstep.accounts.models import Role, User
from doorstep.cases.models import (
    CaseNote,
    ContactAttempt,
    HelpRequest,
    Need,
    NeedCode,
    Tier,
    Urgency,
)
from doorstep.people.models import DIETS
from doorstep.web.forms import LANGUAGES, GovukForm


class CorrectTriageForm(GovukForm):
    needs = forms.MultipleChoiceField(
        label="Needs",
        choices=NeedCode.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Choose at least one need"},
    )
    urgency = forms.ChoiceField(label="How soon", choices=Urgency.choices, widget=forms.RadioSelect)
    safeguarding = forms.BooleanField(label="There is a safeguarding concern", required=False)
    language = forms.ChoiceField(label="Language", choices=LANGUAGES)


class ReplyForm(GovukForm):
    body = forms.CharField(
        label="Message to the resident",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        error_messages={"required": "Write a message to send"},
    )


class NoteForm(GovukForm):
    kind = forms.ChoiceField(
        label="Is this a fact or your opinion?",
        choices=CaseNote.Kind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Say whether the note is a fact or an opinion"},
    )
    body = forms.CharField(
        label="Note",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=5000,
        error_messages={"required": "Write the note"},
    )


class ContactForm(GovukForm):
    method = forms.ChoiceField(label="How", choices=ContactAttempt.Method.choices)
    reached = forms.ChoiceField(
        label="Did you speak or exchange messages with the resident?",
        choices=[
            ("yes", "Yes, we spoke or messaged each other"),
            ("no", "No, I left a voicemail or message, or nobody answered"),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": "Say whether you reached them"},
    )
    note = forms.CharField(
        label="Note (optional)",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class DietForm(GovukForm):
    diets = forms.MultipleChoiceField(
        label="What food can they eat?",
        help_text="Helpers who cannot provide it are not proposed for food.",
        required=False,
        choices=[(diet, diet.capitalize()) for diet in DIETS],
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "Choose from the diets in the list"},
    )


class OutcomeForm(GovukForm):
    status = forms.ChoiceField(
        label="Outcome",
        choices=Need.Status.choices,
        error_messages={"invalid_choice": "Choose one of the outcomes in the list"},
    )
    outcome = forms.CharField(
        label="What happened",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    met_by = forms.CharField(label="Who helped", required=False, max_length=200)
    met_tier = forms.ChoiceField(
        label="Which circle helped",
        required=False,
        choices=[("", "Not known"), *Tier.choices],
        error_messages={"invalid_choice": "Choose one of the circles in the list"},
    )


class AssignForm(GovukForm):
    requests: forms.ModelMultipleChoiceField[HelpRequest] = forms.ModelMultipleChoiceField(
        queryset=HelpRequest.objects.none(),
        label="Requests",
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Choose at least one request"},
    )
    guide: forms.ModelChoiceField[User] = forms.ModelChoiceField(
        queryset=User.objects.none(),
        label="Local Guide",
        error_messages={"required": "Choose a Local Guide"},
    )

    def __init__(
        self, *args: Any, organisation_id: int, requests: QuerySet[HelpRequest], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        cast(
            "forms.ModelMultipleChoiceField[HelpRequest]", self.fields["requests"]
        ).queryset = requests
        cast("forms.ModelChoiceField[User]", self.fields["guide"]).queryset = User.objects.filter(
            organisation_id=organisation_id, role=Role.LOCAL_GUIDE, is_active=True
        ).order_by("first_name")
