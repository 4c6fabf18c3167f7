from __future__ import annotations

from django.apps import AppConfig


class JobsConfig(AppConfig):
    name = "doorstep.jobs"
    verbose_name = "Scheduled jobs"
