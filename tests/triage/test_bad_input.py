"""Odd input always gives a valid result, with reasons, and never an exception."""

from __future__ import annotations

import pytest

from doorstep.triage import NEED_CODES, URGENCIES, TriageResult, triage


def assert_valid(result: TriageResult) -> None:
    assert result.needs
    assert set(result.needs) <= set(NEED_CODES)
    assert all(0.0 <= value <= 1.0 for value in result.needs.values())
    assert result.urgency in URGENCIES
    assert result.reasons
    assert result.model_version


@pytest.mark.parametrize("text", ["", "   ", "\n\t \n", "😀😀🙏", "🙂 👍🏽 ❤️"])
def test_it_reads_an_empty_or_emoji_only_message_as_routine_other(text: str) -> None:
    result = triage(text, "sms")
    assert_valid(result)
    assert result.needs == {"other": 1.0}
    assert result.urgency == "routine"
    assert result.language == "und"
    assert any("No words to read" in reason for reason in result.reasons)


def test_it_reads_a_very_long_message_and_finds_a_signal_at_the_end() -> None:
    text = "I would like some help with my garden please. " * 400 + "I have no food today."
    assert len(text) > 10_000
    result = triage(text, "web")
    assert_valid(result)
    assert result.urgency == "emergency"
    assert any("Long message" in reason for reason in result.reasons)


def test_it_reads_mixed_scripts() -> None:
    result = triage("help بچے بھوکے ہیں 我没有吃的 nie mam jedzenia", "sms")
    assert_valid(result)
    assert result.urgency == "emergency"


def test_it_reads_binary_looking_text_as_no_words() -> None:
    text = "".join(chr(code) for code in range(0, 32)) * 10 + "\x00\x01\xff\ufffd" * 20
    result = triage(text, "web")
    assert_valid(result)
    assert result.needs == {"other": 1.0}
    assert any("binary" in reason for reason in result.reasons)


def test_it_strips_html_and_ignores_script_tags() -> None:
    text = "<p>Please help, <b>no food</b> today</p><script>alert('i want to die')</script>"
    result = triage(text, "web")
    assert_valid(result)
    assert "suicidal" not in " ".join(result.reasons)
    assert any("HTML" in reason for reason in result.reasons)
    assert result.urgency == "emergency"


@pytest.mark.parametrize("value", [None, b"no food today", 12345, ["a", "list"]])
def test_it_accepts_values_that_are_not_strings(value: object) -> None:
    assert_valid(triage(value, "sms"))  # type: ignore[arg-type]


def test_it_reads_an_unknown_channel_as_web() -> None:
    result = triage("can someone do my shopping on friday", "carrier-pigeon")
    assert_valid(result)
    assert any("Unknown channel" in reason for reason in result.reasons)


def test_it_survives_lone_surrogates_and_control_characters() -> None:
    assert_valid(triage("help \ud800 me \x07 please", "sms"))
