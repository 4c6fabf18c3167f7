"""Language identification for the languages Doorstep serves."""

from __future__ import annotations

import pytest

from doorstep.triage import triage

SENTENCES = {
    "en": "Could someone help my mother with her weekly shopping please?",
    "fr": "Bonjour, je cherche quelqu'un pour m'aider avec mes courses cette semaine.",
    "ur": "مجھے ہفتے میں ایک بار سودا لانے کے لیے مدد چاہیے",
    "pl": "Dzień dobry, szukam kogoś, kto pomoże mi z zakupami w tym tygodniu.",
    "ar": "مرحبا، أحتاج مساعدة في التسوق هذا الأسبوع من فضلكم",
    "ro": "Bună ziua, am nevoie de ajutor cu cumpărăturile săptămâna aceasta.",
    "bn": "আমার এই সপ্তাহে বাজার করতে সাহায্য লাগবে",
    "so": "Waxaan u baahanahay qof iga caawiya dukaanka toddobaadkan",
    "es": "Hola, necesito ayuda con la compra esta semana, por favor.",
    "pt": "Olá, preciso de ajuda com as compras esta semana, por favor.",
    "pa": "ਮੈਨੂੰ ਇਸ ਹਫ਼ਤੇ ਸੌਦਾ ਲਿਆਉਣ ਲਈ ਮਦਦ ਚਾਹੀਦੀ ਹੈ",
    "zh": "你好 我这个星期需要有人帮我买菜",
}


@pytest.mark.parametrize(("code", "text"), sorted(SENTENCES.items()))
def test_it_detects_each_supported_language(code: str, text: str) -> None:
    result = triage(text, "web")
    assert result.language == code
    assert result.interpreter_needed == (code != "en")


def test_it_detects_romanised_urdu() -> None:
    assert triage("mujhe madad chahiye, ghar mein khana nahi hai", "sms").language == "ur"


def test_it_detects_arabizi_as_arabic() -> None:
    assert triage("marhaba, ana bdi 7ada ysa3edni, ma 3andi akel", "sms").language == "ar"


def test_it_reads_a_short_english_text_as_english() -> None:
    assert triage("food pls", "sms").language == "en"


def test_it_uses_a_known_language_when_the_text_cannot_tell() -> None:
    assert triage("👍", "sms", {"language": "pl"}).language == "pl"
