"""Failed sign-ins and lockouts are written to the audit log."""

from __future__ import annotations

from typing import Any

from axes.signals import user_locked_out
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.dispatch import receiver

from doorstep.audit.actions import record_event


@receiver(user_login_failed)
def log_failed_sign_in(sender: object, credentials: dict[str, Any], **kwargs: Any) -> None:
    record_event(None, "login_failed", detail={"username": str(credentials.get("username", ""))})


@receiver(user_locked_out)
def log_lockout(sender: object, username: str = "", **kwargs: Any) -> None:
    record_event(None, "lockout", detail={"username": str(username or "")})


@receiver(user_logged_in)
def log_sign_in(sender: object, user: Any, **kwargs: Any) -> None:
    record_event(user, "login")
