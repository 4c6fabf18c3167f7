from __future__ import annotations

from django.apps import AppConfig


class OffersConfig(AppConfig):
    name = "doorstep.offers"
    default_auto_field = "django.db.models.BigAutoField"
    verbose_name = "Offers of help"
