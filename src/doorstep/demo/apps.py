from __future__ import annotations

from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "doorstep.demo"
    verbose_name = "Demo data"
    default_auto_field = "django.db.models.BigAutoField"
