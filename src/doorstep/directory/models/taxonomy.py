"""Taxonomies, their terms, and the links (attributes) between terms and services."""

from __future__ import annotations

from django.db import models

from doorstep.directory.models.base import uuid_pk
from doorstep.directory.models.services import Service


class Taxonomy(models.Model):
    id = uuid_pk()
    name = models.CharField(max_length=255)
    description = models.TextField(blank=True)
    uri = models.URLField(max_length=500, blank=True)
    version = models.CharField(max_length=100, blank=True)

    class Meta:
        ordering = ("name", "id")
        verbose_name_plural = "taxonomies"

    def __str__(self) -> str:
        return self.name


class TaxonomyTerm(models.Model):
    id = uuid_pk()
    taxonomy = models.ForeignKey(
        Taxonomy, on_delete=models.CASCADE, null=True, blank=True, related_name="terms"
    )
    name = models.CharField(max_length=255)
    code = models.CharField(max_length=255, blank=True, help_text="The profile's `term`")
    description = models.TextField(blank=True)
    parent = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="children"
    )
    term_uri = models.URLField(max_length=500, blank=True)
    taxonomy_name = models.CharField(
        max_length=255, blank=True, help_text="The profile's free-text `taxonomy`"
    )

    class Meta:
        ordering = ("name", "id")

    def __str__(self) -> str:
        return self.name


class Attribute(models.Model):
    """Links a service to a taxonomy term (its categories, dietary options, and so on)."""

    id = uuid_pk()
    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="attributes")
    taxonomy_term = models.ForeignKey(
        TaxonomyTerm, on_delete=models.CASCADE, related_name="attributes"
    )
    link_type = models.CharField(max_length=100, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["service", "taxonomy_term"], name="directory_one_link_per_term"
            )
        ]

    def __str__(self) -> str:
        return f"{self.service_id} {self.taxonomy_term_id}"
