"""When a service is open, the languages it works in, and whom to contact."""

from __future__ import annotations

from django.db import models
from django.db.models import Q

from doorstep.directory.models.base import uuid_pk
from doorstep.directory.models.services import Service

WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
DAY_NAMES = dict(
    zip(
        WEEKDAYS,
        ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
        strict=True,
    )
)


class Schedule(models.Model):
    """Opening times as the profile has them (iCalendar-like: freq, interval, byday)."""

    class Frequency(models.TextChoices):
        WEEKLY = "WEEKLY", "Weekly"
        MONTHLY = "MONTHLY", "Monthly"

    id = uuid_pk()
    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="schedules")
    valid_from = models.DateField(null=True, blank=True)
    valid_to = models.DateField(null=True, blank=True)
    dtstart = models.DateField(null=True, blank=True)
    freq = models.CharField(max_length=10, choices=Frequency.choices, blank=True)
    interval = models.PositiveSmallIntegerField(null=True, blank=True)
    byday = models.CharField(max_length=100, blank=True, help_text="e.g. MO,WE,FR")
    bymonthday = models.CharField(max_length=100, blank=True)
    description = models.TextField(blank=True)
    opens_at = models.TimeField(null=True, blank=True)
    closes_at = models.TimeField(null=True, blank=True)
    schedule_link = models.URLField(max_length=500, blank=True)
    attending_type = models.CharField(max_length=255, blank=True)
    notes = models.TextField(blank=True)

    class Meta:
        ordering = ("opens_at", "id")
        constraints = [
            models.CheckConstraint(
                condition=Q(opens_at__isnull=True)
                | Q(closes_at__isnull=True)
                | Q(opens_at__lt=models.F("closes_at")),
                name="directory_opens_before_it_closes",
                violation_error_message="Opening time must be before closing time",
            ),
            models.CheckConstraint(
                condition=Q(valid_from__isnull=True)
                | Q(valid_to__isnull=True)
                | Q(valid_from__lte=models.F("valid_to")),
                name="directory_valid_from_before_to",
                violation_error_message="valid_from must not be after valid_to",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.byday} {self.opens_at}-{self.closes_at}"

    @property
    def days_text(self) -> str:
        """'MO,WE' as 'Monday, Wednesday'."""
        codes = [code.strip().upper() for code in self.byday.split(",") if code.strip()]
        return ", ".join(DAY_NAMES.get(code, code) for code in codes)


class ServiceLanguage(models.Model):
    """A language a service works in (HSDS 3.0's name and ISO 639-1 code)."""

    id = uuid_pk()
    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="languages")
    name = models.CharField(max_length=100, blank=True)
    code = models.CharField(max_length=10, blank=True)
    note = models.TextField(blank=True)

    class Meta:
        ordering = ("name", "id")

    def __str__(self) -> str:
        return self.name or self.code


class Contact(models.Model):
    """A named contact (a role, not a resident) for a service."""

    id = uuid_pk()
    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="contacts")
    name = models.CharField(max_length=255, blank=True)
    title = models.CharField(max_length=255, blank=True)
    email = models.EmailField(blank=True)

    class Meta:
        ordering = ("name", "id")

    def __str__(self) -> str:
        return self.name or str(self.id)


class Phone(models.Model):
    id = uuid_pk()
    contact = models.ForeignKey(Contact, on_delete=models.CASCADE, related_name="phones")
    number = models.CharField(max_length=50)
    description = models.TextField(blank=True)

    class Meta:
        ordering = ("number", "id")

    def __str__(self) -> str:
        return self.number
