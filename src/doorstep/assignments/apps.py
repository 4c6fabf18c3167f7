from __future__ import annotations

from django.apps import AppConfig


class AssignmentsConfig(AppConfig):
    name = "doorstep.assignments"
    default_auto_field = "django.db.models.BigAutoField"
    verbose_name = "Assignments"
