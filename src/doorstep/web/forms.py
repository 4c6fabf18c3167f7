"""Forms rendered with GOV.UK Frontend classes."""

from __future__ import annotations

from typing import Any

from django import forms

from doorstep.lib.phone import InvalidPhoneNumber, normalise_phone
from doorstep.lib.postcode import InvalidPostcode, normalise_postcode

LANGUAGES = [
    ("en", "English"),
    ("ar", "العربية (Arabic)"),
    ("bn", "বাংলা (Bengali)"),
    ("zh", "中文 (Chinese)"),
    ("fr", "Français (French)"),
    ("pl", "Polski (Polish)"),
    ("pt", "Português (Portuguese)"),
    ("pa", "ਪੰਜਾਬੀ (Punjabi)"),
    ("ro", "Română (Romanian)"),
    ("so", "Soomaali (Somali)"),
    ("es", "Español (Spanish)"),
    ("ur", "اردو (Urdu)"),
    ("other", "Another language"),
]

_WIDGET_CLASSES: dict[type[forms.Widget], str] = {
    forms.Textarea: "govuk-textarea",
    forms.Select: "govuk-select",
    forms.CheckboxInput: "govuk-checkboxes__input",
    forms.RadioSelect: "govuk-radios__input",
}


class GovukForm(forms.Form):
    """Adds GOV.UK classes, hint links and error classes to every widget."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            widget = field.widget
            widget.attrs.setdefault("class", _WIDGET_CLASSES.get(type(widget), "govuk-input"))
            if field.help_text:
                widget.attrs["aria-describedby"] = f"id_{name}-hint"

    def full_clean(self) -> None:
        super().full_clean()
        for name in self.errors:
            if name in self.fields:
                attrs = self.fields[name].widget.attrs
                attrs["class"] = f"{attrs['class']} {attrs['class'].split()[0]}--error"


def clean_phone_field(value: str) -> str:
    if not value:
        return ""
    try:
        return normalise_phone(value)
    except InvalidPhoneNumber as exc:
        raise forms.ValidationError(str(exc)) from exc


def clean_postcode_field(value: str) -> str:
    if not value:
        return ""
    try:
        return normalise_postcode(value)
    except InvalidPostcode as exc:
        raise forms.ValidationError(str(exc)) from exc


class AskForm(GovukForm):
    """The resident's page: one box, how to reach you, your language. Nothing else required."""

    message = forms.CharField(
        label="How can we help?",
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="Tell us in your own words, in any language.",
        max_length=10_000,
        error_messages={
            "required": "Tell us how we can help",
            "max_length": "Your message is too long: keep it under 10,000 characters",
        },
    )
    name = forms.CharField(
        label="Your name (optional)",
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    phone = forms.CharField(
        label="Phone number",
        required=False,
        max_length=30,
        help_text="We will call or text you on this number.",
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
    )
    email = forms.EmailField(
        label="Email address (if you have no phone)",
        required=False,
        error_messages={"invalid": "Enter an email address like name@example.com"},
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
    )
    safe_to_text = forms.ChoiceField(
        label="Is it safe for us to send you text messages?",
        choices=[("yes", "Yes"), ("no", "No, please only call me")],
        initial="yes",
        widget=forms.Select,
    )
    postcode = forms.CharField(
        label="Postcode (optional)",
        required=False,
        max_length=10,
        widget=forms.TextInput(attrs={"autocomplete": "postal-code"}),
    )
    language = forms.ChoiceField(
        label="Which language would you like us to use?", choices=LANGUAGES, initial="en"
    )
    token = forms.UUIDField(widget=forms.HiddenInput)

    def clean_phone(self) -> str:
        return clean_phone_field(self.cleaned_data["phone"])

    def clean_postcode(self) -> str:
        return clean_postcode_field(self.cleaned_data["postcode"])

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if (
            not data.get("phone")
            and not data.get("email")
            and not self.has_error("phone")
            and not self.has_error("email")
        ):
            self.add_error("phone", "Enter a phone number or an email address so we can reach you")
        return data
