from __future__ import annotations

from django.apps import AppConfig


class DirectoryConfig(AppConfig):
    name = "doorstep.directory"
    label = "directory"
    verbose_name = "Directory of services"
    default_auto_field = "django.db.models.BigAutoField"
