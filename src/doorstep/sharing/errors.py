"""Why a sharing action was refused, in words a member of staff can act on."""

from __future__ import annotations

from collections.abc import Iterable


class SharingError(Exception):
    """Base class: the message is plain English and safe to show the actor."""


class NotAllowed(SharingError, PermissionError):
    """The actor's role or organisation may not do this."""


class ShareRefused(SharingError):
    """No agreement in force covers this share: its purpose, its fields, or consent."""


class BreakGlassRefused(SharingError):
    """Emergency access needs a proper reason."""


class AgreementInvalid(SharingError):
    """The agreement's terms have problems; `problems` lists each one."""

    def __init__(self, problems: Iterable[str]) -> None:
        self.problems = list(problems)
        super().__init__(" ".join(self.problems))
