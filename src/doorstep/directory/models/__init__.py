"""The directory's models, one module per part of the Open Referral UK profile."""

from doorstep.directory.models.base import LOCAL_SOURCE
from doorstep.directory.models.details import (
    DAY_NAMES,
    WEEKDAYS,
    Contact,
    Phone,
    Schedule,
    ServiceLanguage,
)
from doorstep.directory.models.places import (
    Accessibility,
    Location,
    LocationAddress,
    ServiceArea,
    ServiceAtLocation,
)
from doorstep.directory.models.services import (
    Organisation,
    OrganisationIdentifier,
    ReviewEvent,
    ReviewState,
    Service,
    ServiceQuerySet,
    ServiceStatus,
)
from doorstep.directory.models.taxonomy import Attribute, Taxonomy, TaxonomyTerm

__all__ = [
    "DAY_NAMES",
    "LOCAL_SOURCE",
    "WEEKDAYS",
    "Accessibility",
    "Attribute",
    "Contact",
    "Location",
    "LocationAddress",
    "Organisation",
    "OrganisationIdentifier",
    "Phone",
    "ReviewEvent",
    "ReviewState",
    "Schedule",
    "Service",
    "ServiceArea",
    "ServiceAtLocation",
    "ServiceLanguage",
    "ServiceQuerySet",
    "ServiceStatus",
    "Taxonomy",
    "TaxonomyTerm",
]
