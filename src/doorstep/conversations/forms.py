"""Staff write down what they hear: a phone call, a walk-in, or a partner's referral."""

from __future__ import annotations

from typing import Any

from django import forms

from doorstep.web.forms import LANGUAGES, GovukForm, clean_phone_field, clean_postcode_field

NOTE_CHANNELS = [
    ("phone_note", "Phone call"),
    ("walk_in", "Walk-in"),
    ("referral", "Referral from a partner"),
]


class NoteForm(GovukForm):
    channel = forms.ChoiceField(
        label="How did this come in?",
        choices=NOTE_CHANNELS,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose how this came in"},
    )
    message = forms.CharField(
        label="What did they say?",
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=10_000,
        help_text="Write it in their words as far as you can.",
        error_messages={
            "required": "Write what the person needs",
            "max_length": "Keep the note under 10,000 characters",
        },
    )
    first_name = forms.CharField(label="First name", required=False, max_length=100)
    last_name = forms.CharField(label="Last name", required=False, max_length=100)
    phone = forms.CharField(label="Phone number", required=False, max_length=30)
    safe_to_text = forms.BooleanField(
        label="It is safe to send them text messages", required=False, initial=True
    )
    email = forms.EmailField(
        label="Email address",
        required=False,
        error_messages={"invalid": "Enter an email address like name@example.com"},
    )
    address_line1 = forms.CharField(label="First line of address", required=False, max_length=200)
    postcode = forms.CharField(label="Postcode", required=False, max_length=10)
    language = forms.ChoiceField(label="Language they want to use", choices=LANGUAGES, initial="en")
    referrer_name = forms.CharField(label="Referrer's name", required=False, max_length=200)
    referrer_organisation = forms.CharField(
        label="Referrer's organisation", required=False, max_length=200
    )
    referrer_contact = forms.CharField(
        label="Referrer's phone or email", required=False, max_length=200
    )
    token = forms.UUIDField(widget=forms.HiddenInput)

    def clean_phone(self) -> str:
        return clean_phone_field(self.cleaned_data["phone"])

    def clean_postcode(self) -> str:
        return clean_postcode_field(self.cleaned_data["postcode"])

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("channel") == "referral":
            for name in ("referrer_name", "referrer_organisation", "referrer_contact"):
                if not data.get(name):
                    self.add_error(name, f"Enter the {self.fields[name].label.lower()}")  # type: ignore[union-attr]
        if not any(data.get(k) for k in ("phone", "email", "address_line1")) and not (
            self.has_error("phone") or self.has_error("email")
        ):
            self.add_error(
                "phone", "Enter a phone number, email or address so a guide can reach them"
            )
        if (
            data.get("address_line1")
            and not data.get("postcode")
            and not self.has_error("postcode")
        ):
            self.add_error("postcode", "Enter the postcode for the address")
        return data
