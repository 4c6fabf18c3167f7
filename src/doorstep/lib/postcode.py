"""UK postcodes: normalise and validate the format (not whether it exists)."""

from __future__ import annotations

import re

_POSTCODE = re.compile(r"^([A-Z]{1,2}[0-9][A-Z0-9]?)([0-9][A-Z]{2})$")


class InvalidPostcode(ValueError):
    """The text is not a UK postcode."""


def normalise_postcode(raw: str) -> str:
    """'m32 0ta' -> 'M32 0TA'; raises InvalidPostcode with a message a person can act on."""
    compact = re.sub(r"\s+", "", (raw or "")).upper()
    match = _POSTCODE.match(compact)
    if not match:
        raise InvalidPostcode("Enter a real postcode, like M32 0TA")
    return f"{match.group(1)} {match.group(2)}"
