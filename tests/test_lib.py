from __future__ import annotations

import pytest

from doorstep.lib.phone import InvalidPhoneNumber, is_mobile, normalise_phone
from doorstep.lib.postcode import InvalidPostcode, normalise_postcode
from doorstep.lib.text import UnreadableText, clean_message_text, decode_bytes


@pytest.mark.parametrize(
    "raw", ["07700 900982", "+44 7700 900982", "447700900982", "(07700) 900-982"]
)
def test_uk_numbers_in_any_format_become_one_number(raw: str) -> None:
    assert normalise_phone(raw) == "+447700900982"


@pytest.mark.parametrize("raw", ["", "hello", "123", "+44 7700 900982 123 456"])
def test_malformed_numbers_are_refused_with_a_message(raw: str) -> None:
    with pytest.raises(InvalidPhoneNumber, match="phone number"):
        normalise_phone(raw)


def test_postcodes_are_normalised() -> None:
    assert normalise_postcode(" m32 0ta ") == "M32 0TA"
    assert normalise_postcode("WA145AB") == "WA14 5AB"


@pytest.mark.parametrize("raw", ["M32", "not a postcode", "12345", "M32 0TAA"])
def test_malformed_postcodes_are_refused(raw: str) -> None:
    with pytest.raises(InvalidPostcode, match="like M32 0TA"):
        normalise_postcode(raw)


def test_control_characters_are_removed_and_text_kept() -> None:
    assert clean_message_text("help\x00 me\x07 please ", 100) == "help me please"


@pytest.mark.parametrize("raw", ["", "   ", "\x00\x01"])
def test_empty_messages_are_refused(raw: str) -> None:
    with pytest.raises(UnreadableText, match="empty"):
        clean_message_text(raw, 100)


def test_huge_messages_are_refused_with_the_limit() -> None:
    with pytest.raises(UnreadableText, match="under 10,000"):
        clean_message_text("a" * 10_001, 10_000)


def test_wrongly_encoded_bytes_are_still_read() -> None:
    assert decode_bytes("café".encode("cp1252")) == "café"
    assert decode_bytes("café".encode()) == "café"


@pytest.mark.parametrize(
    ("number", "textable"),
    [("+447911123456", True), ("+447700900456", True), ("+441614960123", False)],
)
def test_mobiles_can_be_texted_and_landlines_cannot(number: str, textable: bool) -> None:
    assert is_mobile(number) is textable
