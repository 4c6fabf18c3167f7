"""UK phone numbers, normalised to E.164 so a returning resident is recognised."""

from __future__ import annotations

import phonenumbers


class InvalidPhoneNumber(ValueError):
    """The text is not a phone number we can call or text."""


def normalise_phone(raw: str, region: str = "GB") -> str:
    """Return the number in E.164 (+447700900123), or raise InvalidPhoneNumber."""
    text = (raw or "").strip()
    if not text:
        raise InvalidPhoneNumber("Enter a phone number, like 07700 900 982")
    if text.isdigit() and text.startswith("44"):
        text = "+" + text  # Notify sends inbound numbers without the plus
    try:
        parsed = phonenumbers.parse(text, region)
    except phonenumbers.NumberParseException as exc:
        raise InvalidPhoneNumber(
            "Enter a phone number, like 07700 900 982 or +44 7700 900 982"
        ) from exc
    if not phonenumbers.is_possible_number(parsed):
        raise InvalidPhoneNumber(
            "That phone number has the wrong number of digits: check it and try again"
        )
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)


_TEXTABLE = {
    phonenumbers.PhoneNumberType.MOBILE,
    phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE,
}


def is_mobile(e164: str) -> bool:
    """Whether a text message can reach this number.

    UK numbers starting 07 are mobiles even where the library does not know the range
    (Ofcom's drama numbers, 07700 900xxx, used in the demo and tests, are such a range).
    """
    kind = phonenumbers.number_type(phonenumbers.parse(e164, "GB"))
    unknown_uk_mobile = kind == phonenumbers.PhoneNumberType.UNKNOWN and e164.startswith("+447")
    return kind in _TEXTABLE or unknown_uk_mobile


def display_phone(e164: str) -> str:
    if not e164:
        return ""
    return phonenumbers.format_number(
        phonenumbers.parse(e164, "GB"), phonenumbers.PhoneNumberFormat.NATIONAL
    )
