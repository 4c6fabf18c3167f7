from __future__ import annotations

from django.apps import AppConfig


class PlacesConfig(AppConfig):
    name = "doorstep.places"
    default_auto_field = "django.db.models.BigAutoField"
