"""Passwords people are likely to guess for a community hub are refused."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from django.core.exceptions import ValidationError

from doorstep.accounts.models import User

DENY_LIST = Path(__file__).parent / "data" / "password-deny-list.txt"


@lru_cache(maxsize=1)
def denied_words() -> frozenset[str]:
    lines = DENY_LIST.read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip().lower() for line in lines if line.strip() and line[0] != "#")


class DenyListValidator:
    """Refuses passwords built from words on the local deny list (place names, the service)."""

    def validate(self, password: str, user: User | None = None) -> None:
        folded = "".join(ch for ch in password.lower() if ch.isalpha())
        if any(word in folded for word in denied_words()):
            raise ValidationError(
                "This password uses a word that is easy to guess, like the name of the area "
                "or the service: choose a different password",
                code="password_denied",
            )

    def get_help_text(self) -> str:
        return "Your password cannot use easy-to-guess words like the name of the area."
