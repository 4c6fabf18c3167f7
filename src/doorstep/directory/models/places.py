"""Where services are: locations, their addresses and accessibility, and the areas served."""

from __future__ import annotations

from django.db import models
from django.db.models import Q

from doorstep.directory.models.base import LOCAL_SOURCE, uuid_pk
from doorstep.directory.models.services import Service


class Location(models.Model):
    class Kind(models.TextChoices):
        PHYSICAL = "physical", "A place people can visit"
        POSTAL = "postal", "A postal address"
        VIRTUAL = "virtual", "Online or by phone"

    id = uuid_pk()
    location_type = models.CharField(max_length=10, choices=Kind.choices, default=Kind.PHYSICAL)
    name = models.CharField(max_length=255, blank=True)
    description = models.TextField(blank=True)
    latitude = models.FloatField(null=True, blank=True)
    longitude = models.FloatField(null=True, blank=True)
    external_identifier = models.CharField(max_length=100, blank=True)
    external_identifier_type = models.CharField(max_length=100, blank=True)
    source = models.CharField(max_length=200, default=LOCAL_SOURCE)

    class Meta:
        ordering = ("name", "id")
        constraints = [
            models.CheckConstraint(
                condition=Q(latitude__isnull=True) | Q(latitude__gte=-90, latitude__lte=90),
                name="directory_latitude_range",
                violation_error_message="Latitude must be between -90 and 90",
            ),
            models.CheckConstraint(
                condition=Q(longitude__isnull=True) | Q(longitude__gte=-180, longitude__lte=180),
                name="directory_longitude_range",
                violation_error_message="Longitude must be between -180 and 180",
            ),
        ]

    def __str__(self) -> str:
        return self.name or str(self.id)


class LocationAddress(models.Model):
    class Kind(models.TextChoices):
        PHYSICAL = "physical", "Physical"
        POSTAL = "postal", "Postal"
        VIRTUAL = "virtual", "Virtual"

    id = uuid_pk()
    location = models.ForeignKey(Location, on_delete=models.CASCADE, related_name="addresses")
    attention = models.CharField(max_length=255, blank=True)
    address_1 = models.CharField(max_length=255)
    city = models.CharField(max_length=100)
    region = models.CharField(max_length=100, blank=True)
    state_province = models.CharField(max_length=100)
    postal_code = models.CharField(max_length=20)
    country = models.CharField(max_length=2, default="GB")
    address_type = models.CharField(max_length=10, choices=Kind.choices, default=Kind.PHYSICAL)

    def __str__(self) -> str:
        return f"{self.address_1}, {self.city} {self.postal_code}"


class Accessibility(models.Model):
    id = uuid_pk()
    location = models.ForeignKey(Location, on_delete=models.CASCADE, related_name="accessibility")
    description = models.TextField(blank=True)
    details = models.TextField(blank=True)
    url = models.URLField(max_length=500, blank=True)

    class Meta:
        verbose_name_plural = "accessibility"

    def __str__(self) -> str:
        return self.description[:50]


class ServiceAtLocation(models.Model):
    id = uuid_pk()
    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="at_locations")
    location = models.ForeignKey(Location, on_delete=models.CASCADE, related_name="services_here")

    class Meta:
        ordering = ("id",)
        constraints = [
            models.UniqueConstraint(fields=["service", "location"], name="directory_one_link_here")
        ]

    def __str__(self) -> str:
        return f"{self.service_id} at {self.location_id}"


class ServiceArea(models.Model):
    """The area a service covers, in words and, if known, as a GeoJSON extent."""

    id = uuid_pk()
    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="service_areas")
    name = models.CharField(max_length=255, blank=True)
    service_area = models.TextField(blank=True)
    extent = models.TextField(blank=True)
    extent_type = models.CharField(max_length=20, blank=True)
    uri = models.CharField(max_length=500, blank=True)

    def __str__(self) -> str:
        return self.name or self.service_area[:50]
