"""Load the demo directory: ~40 published Trafford services from fictional organisations.

`load_demo_directory()` can run again and again: ids are derived from names, and the demo's
rows (source "demo") are replaced each time. Nothing else in the directory is touched.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

from django.db import transaction

from doorstep.accounts.models import Organisation as DoorstepOrganisation
from doorstep.accounts.models import hub_for_number
from doorstep.directory.demo_data import (
    CATEGORIES,
    LANGUAGE_NAMES,
    OPTIONS,
    ORGANISATIONS,
    PLACES,
    DemoService,
    Place,
)
from doorstep.directory.demo_services import FOOD_SERVICES
from doorstep.directory.demo_support import SUPPORT_SERVICES
from doorstep.directory.models import (
    Attribute,
    Contact,
    Location,
    LocationAddress,
    Organisation,
    Phone,
    ReviewState,
    Schedule,
    Service,
    ServiceAtLocation,
    ServiceLanguage,
    Taxonomy,
    TaxonomyTerm,
)
from doorstep.directory.search import refresh_search_text
from doorstep.lib import clock

SOURCE = "demo"
NAMESPACE = uuid.UUID("8d0f5d3e-3c51-4c0e-9a57-2f4a1b9e7d11")
SERVICES = FOOD_SERVICES + SUPPORT_SERVICES
CATEGORY_TAXONOMY = "Doorstep service categories"
OPTION_TAXONOMY = "Dietary and cultural options"


@dataclass(frozen=True)
class DirectorySummary:
    organisations: int
    services: int
    locations: int
    terms: int


def demo_id(kind: str, key: str) -> uuid.UUID:
    return uuid.uuid5(NAMESPACE, f"{kind}:{key}")


def remove_demo_services() -> None:
    """The demo's services go; its organisations and places stay, in case staff used them."""
    Service.objects.filter(source=SOURCE).delete()


@transaction.atomic
def load_demo_directory(owner: DoorstepOrganisation | None = None) -> DirectorySummary:
    """Loads the demo directory, kept by `owner` (by default the hub, which must exist)."""
    keeper = owner or hub_for_number()
    remove_demo_services()
    terms = {
        **_taxonomy(CATEGORY_TAXONOMY, "What a service helps with", CATEGORIES),
        **_taxonomy(OPTION_TAXONOMY, "Food and cultural needs a service meets", OPTIONS),
    }
    organisations = {
        key: Organisation.objects.update_or_create(
            id=demo_id("organisation", key),
            defaults={
                "name": name,
                "description": description,
                "website": f"https://example.org/{key}",
                "owner": keeper,
                "source": SOURCE,
            },
        )[0]
        for key, (name, description) in ORGANISATIONS.items()
    }
    places = {key: _location(key, place) for key, place in PLACES.items()}
    for spec in SERVICES:
        _service(spec, organisations[spec.organisation], places, terms)
    return DirectorySummary(len(organisations), len(SERVICES), len(places), len(terms))


def _taxonomy(
    name: str, description: str, entries: dict[str, tuple[str, str]]
) -> dict[str, TaxonomyTerm]:
    taxonomy, _ = Taxonomy.objects.update_or_create(
        id=demo_id("taxonomy", name),
        defaults={"name": name, "description": description, "version": "1"},
    )
    terms = {}
    for code, (term_name, term_description) in entries.items():
        terms[code], _ = TaxonomyTerm.objects.update_or_create(
            id=demo_id("term", code),
            defaults={
                "taxonomy": taxonomy,
                "name": term_name,
                "code": code,
                "description": term_description,
            },
        )
    return terms


def _location(key: str, place: Place) -> Location:
    location, _ = Location.objects.update_or_create(
        id=demo_id("location", key),
        defaults={
            "name": place.name,
            "latitude": place.latitude,
            "longitude": place.longitude,
            "source": SOURCE,
        },
    )
    LocationAddress.objects.update_or_create(
        id=demo_id("address", key),
        defaults={
            "location": location,
            "address_1": place.address_1,
            "city": place.city,
            "state_province": "Greater Manchester",
            "postal_code": place.postcode,
        },
    )
    return location


def _service(
    spec: DemoService,
    organisation: Organisation,
    places: dict[str, Location],
    terms: dict[str, TaxonomyTerm],
) -> Service:
    now = clock.now()
    service = Service.objects.create(
        id=demo_id("service", spec.name),
        organisation=organisation,
        name=spec.name,
        description=spec.description,
        fees=spec.fees,
        eligibility_description=spec.eligibility,
        minimum_age=spec.minimum_age,
        capacity_per_week=spec.per_week,
        capacity_at_once=spec.at_once,
        current_load=spec.load,
        review_state=ReviewState.PUBLISHED,
        published_at=now,
        last_modified=now,
        source=SOURCE,
    )
    _service_parts(service, spec, places, terms)
    refresh_search_text(service)
    return service


def _service_parts(
    service: Service,
    spec: DemoService,
    places: dict[str, Location],
    terms: dict[str, TaxonomyTerm],
) -> None:
    key = spec.name
    ServiceAtLocation.objects.bulk_create(
        ServiceAtLocation(id=demo_id("link", f"{key}:{p}"), service=service, location=places[p])
        for p in spec.places
    )
    Attribute.objects.bulk_create(
        Attribute(
            id=demo_id("attribute", f"{key}:{code}"),
            service=service,
            taxonomy_term=terms[code],
            link_type="category" if code in CATEGORIES else "option",
        )
        for code in (*spec.categories, *spec.options)
    )
    Schedule.objects.bulk_create(
        Schedule(
            id=demo_id("schedule", f"{key}:{n}"),
            service=service,
            freq=Schedule.Frequency.WEEKLY,
            interval=1,
            byday=opening.days,
            opens_at=dt.time.fromisoformat(opening.opens),
            closes_at=dt.time.fromisoformat(opening.closes),
            description=opening.note,
        )
        for n, opening in enumerate(spec.openings)
    )
    ServiceLanguage.objects.bulk_create(
        ServiceLanguage(
            id=demo_id("language", f"{key}:{code}"),
            service=service,
            code=code,
            name=LANGUAGE_NAMES[code],
        )
        for code in spec.languages
    )
    if spec.phone:
        contact = Contact.objects.create(
            id=demo_id("contact", key), service=service, name="Enquiries", title="Front desk"
        )
        Phone.objects.create(id=demo_id("phone", key), contact=contact, number=spec.phone)
