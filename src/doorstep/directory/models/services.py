"""The directory: organisations and their services, as Open Referral UK (HSDS 3.0 UK profile).

Every entity has the UUID id the profile requires. Doorstep adds to a service its capacity,
current load and a review state: only published services are served at /openreferral/.
Where the rows came from (made here, the demo, or an imported feed) is kept in `source`.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from doorstep.directory.models.base import LOCAL_SOURCE, uuid_pk
from doorstep.lib import clock


class Organisation(models.Model):
    """A provider of services. Not `accounts.Organisation`, which is a Doorstep tenant."""

    id = uuid_pk()
    name = models.CharField(max_length=255)
    description = models.TextField(blank=True)
    email = models.EmailField(blank=True)
    website = models.URLField(max_length=500, blank=True)
    logo = models.URLField(max_length=500, blank=True)
    uri = models.URLField(max_length=500, blank=True)
    parent = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="children"
    )
    owner = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.CASCADE,
        related_name="directory_entries",
        help_text="The Doorstep organisation whose staff keep this entry and its services",
    )
    doorstep_organisation = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="directory_organisations",
        help_text="The Doorstep organisation this provider is, if it uses Doorstep",
    )
    source = models.CharField(max_length=200, default=LOCAL_SOURCE)

    class Meta:
        ordering = ("name", "id")

    def __str__(self) -> str:
        return self.name


class OrganisationIdentifier(models.Model):
    id = uuid_pk()
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="identifiers"
    )
    identifier_scheme = models.CharField(max_length=100, blank=True)
    identifier_type = models.CharField(max_length=200)
    identifier = models.CharField(max_length=200)

    def __str__(self) -> str:
        return f"{self.identifier_type} {self.identifier}"


class ReviewState(models.TextChoices):
    DRAFT = "draft", "Draft"
    IN_REVIEW = "in_review", "Waiting for review"
    PUBLISHED = "published", "Published"


class ServiceStatus(models.TextChoices):
    ACTIVE = "active", "Active"
    INACTIVE = "inactive", "Inactive"
    DEFUNCT = "defunct", "Defunct"
    TEMPORARILY_CLOSED = "temporarily closed", "Temporarily closed"


class ServiceQuerySet(models.QuerySet["Service"]):
    def published(self) -> ServiceQuerySet:
        return self.filter(review_state=ReviewState.PUBLISHED)


class Service(models.Model):
    id = uuid_pk()
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="services"
    )
    name = models.CharField(max_length=255)
    description = models.TextField(blank=True)
    url = models.URLField(max_length=500, blank=True)
    email = models.EmailField(blank=True)
    status = models.CharField(
        max_length=20, choices=ServiceStatus.choices, default=ServiceStatus.ACTIVE
    )
    fees = models.TextField(blank=True)
    accreditations = models.TextField(blank=True)
    # Eligibility, as the UK profile has it: ages, plus HSDS 3.0's free-text description.
    minimum_age = models.PositiveSmallIntegerField(null=True, blank=True)
    maximum_age = models.PositiveSmallIntegerField(null=True, blank=True)
    eligibility_description = models.TextField(blank=True)
    assured_date = models.DateField(null=True, blank=True)
    assurer_email = models.EmailField(blank=True)
    alert = models.TextField(blank=True)
    last_modified = models.DateTimeField(default=clock.now)
    # Doorstep's own: how much the service can take on, and how much it has now.
    capacity_per_week = models.PositiveIntegerField(null=True, blank=True)
    capacity_at_once = models.PositiveIntegerField(null=True, blank=True)
    current_load = models.PositiveIntegerField(default=0)
    review_state = models.CharField(
        max_length=20, choices=ReviewState.choices, default=ReviewState.DRAFT
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    last_edited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    published_at = models.DateTimeField(null=True, blank=True)
    source = models.CharField(max_length=200, default=LOCAL_SOURCE)
    # Lower-case name, description, organisation and taxonomy terms, for `search`.
    search_text = models.TextField(blank=True, editable=False)

    objects = ServiceQuerySet.as_manager()

    class Meta:
        ordering = ("name", "id")
        # Not led by review_state: nearly every service is published, so an index on it only
        # turns the search's full scan into 10,000 lookups (see docs/subsystems/directory.md).
        indexes = [models.Index(fields=["name", "id"], name="directory_by_name")]
        constraints = [
            models.CheckConstraint(
                condition=Q(capacity_per_week__isnull=True) | Q(capacity_per_week__gt=0),
                name="directory_capacity_per_week_positive",
                violation_error_message="Capacity per week must be more than 0",
            ),
            models.CheckConstraint(
                condition=Q(capacity_at_once__isnull=True) | Q(capacity_at_once__gt=0),
                name="directory_capacity_at_once_positive",
                violation_error_message="Capacity at once must be more than 0",
            ),
            models.CheckConstraint(
                condition=Q(minimum_age__isnull=True)
                | Q(maximum_age__isnull=True)
                | Q(minimum_age__lte=models.F("maximum_age")),
                name="directory_ages_in_order",
                violation_error_message="The minimum age must not be above the maximum age",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_published(self) -> bool:
        return self.review_state == ReviewState.PUBLISHED


class ReviewEvent(models.Model):
    """What happened to a service on its way to the public directory, and who did it."""

    class Action(models.TextChoices):
        CREATED = "created", "Created"
        EDITED = "edited", "Edited"
        SUBMITTED = "submitted", "Sent for review"
        PUBLISHED = "published", "Published"
        RETURNED = "returned", "Sent back to draft"
        UNPUBLISHED = "unpublished", "Taken out of the directory"
        IMPORTED = "imported", "Imported"

    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="review_events")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    action = models.CharField(max_length=20, choices=Action.choices)
    note = models.TextField(blank=True)
    at = models.DateTimeField(default=clock.now)

    class Meta:
        ordering = ("-at", "-id")

    def __str__(self) -> str:
        return f"{self.action} {self.service_id}"
