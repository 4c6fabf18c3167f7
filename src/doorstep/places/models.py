"""Addresses (UPRN), postcodes and neighbourhoods."""

from __future__ import annotations

from django.db import models


class Neighbourhood(models.Model):
    """An area a hub works in: a ward to start with, later co-designed by residents."""

    name = models.CharField(max_length=200)
    code = models.CharField(max_length=20, unique=True, help_text="e.g. the ONS ward code")
    borough = models.CharField(max_length=100, blank=True)
    boundary = models.JSONField(help_text="GeoJSON geometry (WGS84)")

    class Meta:
        ordering = ("name",)

    def __str__(self) -> str:
        return self.name


class Address(models.Model):
    uprn = models.CharField(max_length=12, unique=True, null=True, blank=True)
    line1 = models.CharField(max_length=200)
    line2 = models.CharField(max_length=200, blank=True)
    town = models.CharField(max_length=100, blank=True)
    postcode = models.CharField(max_length=8, blank=True)
    latitude = models.FloatField(null=True, blank=True)
    longitude = models.FloatField(null=True, blank=True)
    h3_cell = models.CharField(max_length=16, blank=True, db_index=True)
    neighbourhood = models.ForeignKey(
        Neighbourhood, on_delete=models.SET_NULL, null=True, blank=True, related_name="addresses"
    )

    class Meta:
        verbose_name_plural = "addresses"

    def __str__(self) -> str:
        return ", ".join(
            part for part in (self.line1, self.line2, self.town, self.postcode) if part
        )


class Postcode(models.Model):
    """A postcode's centroid (ONS Postcode Directory), to place addresses on the map."""

    postcode = models.CharField(max_length=8, unique=True)
    latitude = models.FloatField()
    longitude = models.FloatField()

    def __str__(self) -> str:
        return self.postcode
