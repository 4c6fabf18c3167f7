from __future__ import annotations

from django.apps import AppConfig


class SharingConfig(AppConfig):
    name = "doorstep.sharing"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from doorstep.sharing import guards  # noqa: F401  (registers the guard for `flush`)
