from __future__ import annotations

from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "doorstep.accounts"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from doorstep.accounts import signals  # noqa: F401  (connects the receivers)
