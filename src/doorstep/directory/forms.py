"""Forms for the staff directory pages (GOV.UK Frontend classes through GovukForm)."""

from __future__ import annotations

from typing import Any, cast

from django import forms

from doorstep.accounts.models import Organisation as DoorstepOrganisation
from doorstep.accounts.models import User
from doorstep.directory.models import DAY_NAMES, Organisation, ServiceStatus, TaxonomyTerm
from doorstep.web.forms import GovukForm, clean_phone_field, clean_postcode_field

DAY_CHOICES = list(DAY_NAMES.items())


class OrganisationForm(GovukForm):
    name = forms.CharField(
        label="Name", max_length=255, error_messages={"required": "Enter the organisation's name"}
    )
    description = forms.CharField(
        label="What the organisation does",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=5000,
        error_messages={"required": "Say what the organisation does"},
    )
    email = forms.EmailField(
        label="Email address (optional)",
        required=False,
        error_messages={"invalid": "Enter an email address like name@example.org"},
    )
    website = forms.URLField(
        label="Website (optional)",
        required=False,
        max_length=500,
        assume_scheme="https",
        error_messages={"invalid": "Enter a web address like https://example.org"},
    )
    doorstep_organisation = forms.ModelChoiceField(
        label="Uses Doorstep as (optional)",
        queryset=DoorstepOrganisation.objects.order_by("name"),
        required=False,
        help_text="If this organisation also has Doorstep accounts, choose it",
    )


class ServiceForm(GovukForm):
    organisation = forms.ModelChoiceField(
        label="Organisation",
        queryset=Organisation.objects.none(),
        error_messages={"required": "Choose the organisation that runs the service"},
    )
    name = forms.CharField(
        label="Name of the service",
        max_length=255,
        error_messages={"required": "Enter the name of the service"},
    )
    description = forms.CharField(
        label="What the service offers",
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=5000,
        error_messages={"required": "Say what the service offers"},
    )
    status = forms.ChoiceField(label="Status", choices=ServiceStatus.choices)
    url = forms.URLField(
        label="Web page (optional)",
        required=False,
        max_length=500,
        assume_scheme="https",
        error_messages={"invalid": "Enter a web address like https://example.org/service"},
    )
    email = forms.EmailField(
        label="Email address (optional)",
        required=False,
        error_messages={"invalid": "Enter an email address like name@example.org"},
    )
    fees = forms.CharField(label="Cost (optional)", required=False, max_length=500)
    eligibility_description = forms.CharField(
        label="Who can use it (optional)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=2000,
    )
    minimum_age = forms.IntegerField(
        label="Youngest age (optional)", required=False, min_value=0, max_value=120
    )
    maximum_age = forms.IntegerField(
        label="Oldest age (optional)", required=False, min_value=0, max_value=120
    )
    alert = forms.CharField(
        label="A notice to show with it, such as a temporary change (optional)",
        required=False,
        max_length=1000,
    )
    capacity_per_week = forms.IntegerField(
        label="How many people it can help a week (optional)",
        required=False,
        min_value=1,
        error_messages={"min_value": "Capacity must be at least 1, or leave it empty"},
    )
    capacity_at_once = forms.IntegerField(
        label="How many people it can help at once (optional)",
        required=False,
        min_value=1,
        error_messages={"min_value": "Capacity must be at least 1, or leave it empty"},
    )
    current_load = forms.IntegerField(
        label="How many people it is helping now",
        min_value=0,
        initial=0,
        error_messages={"min_value": "The current load cannot be negative"},
    )
    terms = forms.ModelMultipleChoiceField(
        label="Categories",
        queryset=TaxonomyTerm.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, editor: User, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = cast("forms.ModelChoiceField[Organisation]", self.fields["organisation"])
        field.queryset = Organisation.objects.filter(owner_id=editor.organisation_id)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        low, high = data.get("minimum_age"), data.get("maximum_age")
        if low is not None and high is not None and low > high:
            self.add_error("maximum_age", "The oldest age must not be below the youngest age")
        return data


class LocationForm(GovukForm):
    name = forms.CharField(label="Name of the place", max_length=255)
    address_1 = forms.CharField(label="Address", max_length=255)
    city = forms.CharField(label="Town", max_length=100, initial="Trafford")
    postcode = forms.CharField(label="Postcode", max_length=10)

    def clean_postcode(self) -> str:
        return clean_postcode_field(self.cleaned_data["postcode"])


class ScheduleForm(GovukForm):
    days = forms.MultipleChoiceField(
        label="Days",
        choices=DAY_CHOICES,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Choose at least one day"},
    )
    opens_at = forms.TimeField(
        label="Opens at", help_text="For example, 09:30", widget=forms.TimeInput(format="%H:%M")
    )
    closes_at = forms.TimeField(
        label="Closes at", help_text="For example, 16:00", widget=forms.TimeInput(format="%H:%M")
    )
    description = forms.CharField(label="Notes (optional)", required=False, max_length=500)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        opens, closes = data.get("opens_at"), data.get("closes_at")
        if opens is not None and closes is not None and closes <= opens:
            self.add_error("closes_at", "The closing time must be after the opening time")
        return data


class ContactForm(GovukForm):
    name = forms.CharField(
        label="Name or role", max_length=255, help_text="For example, Reception or Food bank team"
    )
    title = forms.CharField(label="Job title (optional)", required=False, max_length=255)
    email = forms.EmailField(label="Email address (optional)", required=False)
    phone = forms.CharField(label="Phone number (optional)", required=False, max_length=30)

    def clean_phone(self) -> str:
        return clean_phone_field(self.cleaned_data["phone"])


class ReasonForm(GovukForm):
    reason = forms.CharField(
        label="Reason (the editor will see it)",
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=1000,
        error_messages={"required": "Say why, so the editor knows what to change"},
    )
