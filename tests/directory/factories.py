"""Small factories for directory rows, with sensible defaults. Only made-up organisations."""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

from doorstep.accounts.models import Organisation as DoorstepOrganisation
from doorstep.directory.models import (
    Accessibility,
    Attribute,
    Contact,
    Location,
    LocationAddress,
    Organisation,
    OrganisationIdentifier,
    Phone,
    ReviewState,
    Schedule,
    Service,
    ServiceArea,
    ServiceAtLocation,
    ServiceLanguage,
    Taxonomy,
    TaxonomyTerm,
)
from doorstep.directory.search import refresh_search_text
from tests.factories import make_hub

_counter = itertools.count(1)


def the_hub() -> DoorstepOrganisation:
    """The first hub (the `hub` fixture's, when a test has it), made if there is none."""
    return DoorstepOrganisation.objects.filter(is_hub=True).order_by("pk").first() or make_hub()


def make_provider(name: str = "", **fields: Any) -> Organisation:
    n = next(_counter)
    defaults: dict[str, Any] = {
        "name": name or f"Example Trust {n}",
        "description": "A made-up charity for tests.",
        "source": "test",
    }
    if "owner" not in fields:
        defaults["owner"] = the_hub()
    defaults.update(fields)
    return Organisation.objects.create(**defaults)


def make_taxonomy(name: str = "Test categories") -> Taxonomy:
    return Taxonomy.objects.create(name=name, description=f"{name} for tests")


def make_term(
    name: str = "Food bank", taxonomy: Taxonomy | None = None, **fields: Any
) -> TaxonomyTerm:
    defaults: dict[str, Any] = {"code": name.lower().replace(" ", "-"), "description": name}
    defaults.update(fields)
    return TaxonomyTerm.objects.create(name=name, taxonomy=taxonomy, **defaults)


def make_service(
    name: str = "",
    organisation: Organisation | None = None,
    state: str = ReviewState.PUBLISHED,
    terms: tuple[TaxonomyTerm, ...] = (),
    **fields: Any,
) -> Service:
    n = next(_counter)
    defaults: dict[str, Any] = {
        "description": "Help for people in Trafford.",
        "source": "test",
        "last_modified": dt.datetime(2026, 11, 20, 10, 0, tzinfo=dt.UTC),
    }
    defaults.update(fields)
    service = Service.objects.create(
        name=name or f"Example service {n}",
        organisation=organisation or make_provider(),
        review_state=state,
        **defaults,
    )
    for term in terms:
        Attribute.objects.create(service=service, taxonomy_term=term, link_type="category")
    refresh_search_text(service)
    return service


def make_location(
    service: Service,
    name: str = "Stretford Hub",
    postcode: str = "M32 8BP",
    point: tuple[float, float] | None = (53.449047, -2.306403),
) -> ServiceAtLocation:
    location = Location.objects.create(
        name=name,
        latitude=point[0] if point else None,
        longitude=point[1] if point else None,
        source="test",
    )
    LocationAddress.objects.create(
        location=location,
        address_1="1 Example Street",
        city="Stretford",
        state_province="Greater Manchester",
        postal_code=postcode,
    )
    link = ServiceAtLocation.objects.create(service=service, location=location)
    refresh_search_text(service)
    return link


def make_schedule(
    service: Service, byday: str = "MO,WE", opens: str = "10:00", closes: str = "12:00"
) -> Schedule:
    return Schedule.objects.create(
        service=service,
        freq=Schedule.Frequency.WEEKLY,
        interval=1,
        byday=byday,
        opens_at=dt.time.fromisoformat(opens),
        closes_at=dt.time.fromisoformat(closes),
    )


def make_full_service(**fields: Any) -> Service:
    """A published service with one of everything the profile nests."""
    taxonomy = make_taxonomy()
    service = make_service(
        terms=(make_term("Food bank", taxonomy),),
        url="https://example.org/food",
        email="food@example.org",
        minimum_age=16,
        maximum_age=99,
        fees="Free",
        assured_date=dt.date(2026, 1, 5),
        **fields,
    )
    OrganisationIdentifier.objects.create(
        organisation=service.organisation,
        identifier_scheme="GB-CHC",
        identifier_type="Charity number",
        identifier="1234567",
    )
    link = make_location(service)
    Accessibility.objects.create(location=link.location, description="Step-free entrance")
    make_schedule(service)
    ServiceArea.objects.create(service=service, name="Trafford", service_area="All of Trafford")
    ServiceLanguage.objects.create(service=service, name="French", code="fr")
    contact = Contact.objects.create(service=service, name="Reception", title="Front desk")
    Phone.objects.create(contact=contact, number="0161 496 0000")
    return service
