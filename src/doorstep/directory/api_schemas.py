"""The shapes /openreferral/ answers with, for its own OpenAPI document.

They mirror the Open Referral UK schemas (plus HSDS 3.0's language name and code, contact
email and phones, and service eligibility_description). `extra="forbid"`: a field the
serialiser adds but these shapes lack fails loudly in the tests instead of vanishing.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict


class Shape(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ApiInfo(Shape):
    version: str
    profile: str
    openapi_url: str


class Problem(Shape):
    detail: str


class InvalidRequest(Shape):
    """A parameter of the wrong type: which one, and what was expected."""

    detail: list[dict[str, Any]]


class OrganizationIdentifier(Shape):
    id: str
    identifier_scheme: str | None = None
    identifier_type: str
    identifier: str


class OrganizationSummary(Shape):
    id: str
    name: str
    description: str
    email: str | None = None
    website: str | None = None
    logo: str | None = None
    uri: str | None = None
    parent_organization_id: str | None = None


class Organization(OrganizationSummary):
    organization_identifiers: list[OrganizationIdentifier] | None = None


class TaxonomyTerm(Shape):
    id: str
    name: str
    description: str
    parent_id: str | None = None
    taxonomy: str | None = None
    taxonomy_id: str | None = None
    term_uri: str | None = None
    term: str | None = None


class Taxonomy(Shape):
    id: str
    name: str
    description: str
    uri: str | None = None
    version: str | None = None
    taxonomy_terms: list[TaxonomyTerm] | None = None


class Attribute(Shape):
    id: str
    link_id: str | None = None
    taxonomy_term_id: str | None = None
    link_type: str | None = None
    taxonomy_term: TaxonomyTerm | None = None


class Schedule(Shape):
    id: str
    service_id: str | None = None
    valid_from: str | None = None
    valid_to: str | None = None
    dtstart: str | None = None
    freq: str | None = None
    interval: int | None = None
    byday: str | None = None
    bymonthday: str | None = None
    description: str | None = None
    opens_at: str | None = None
    closes_at: str | None = None
    schedule_link: str | None = None
    attending_type: str | None = None
    notes: str | None = None


class ServiceArea(Shape):
    id: str
    service_id: str | None = None
    name: str | None = None
    extent: str | None = None
    extent_type: str | None = None
    uri: str | None = None
    service_area: str | None = None


class Language(Shape):
    id: str
    service_id: str | None = None
    name: str | None = None
    code: str | None = None
    note: str | None = None


class Phone(Shape):
    id: str
    number: str
    description: str | None = None


class Contact(Shape):
    id: str
    service_id: str | None = None
    name: str | None = None
    title: str | None = None
    email: str | None = None
    phones: list[Phone] | None = None


class Address(Shape):
    id: str
    location_id: str | None = None
    attention: str | None = None
    address_1: str
    city: str
    region: str | None = None
    state_province: str
    postal_code: str
    country: str
    address_type: str


class Accessibility(Shape):
    id: str
    location_id: str | None = None
    description: str | None = None
    details: str | None = None
    url: str | None = None
    accessibility: str | None = None


class LocationSummary(Shape):
    id: str
    location_type: str
    name: str | None = None
    description: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    external_identifier: str | None = None
    external_identifier_type: str | None = None


class Location(LocationSummary):
    addresses: list[Address] | None = None
    accessibility: list[Accessibility] | None = None


class ServiceSummary(Shape):
    id: str
    organization_id: str | None = None
    name: str
    description: str | None = None
    url: str | None = None
    email: str | None = None
    status: str
    fees: str | None = None
    accreditations: str | None = None
    minimum_age: int | None = None
    maximum_age: int | None = None
    eligibility_description: str | None = None
    assured_date: str | None = None
    assurer_email: str | None = None
    alert: str | None = None
    last_modified: str | None = None
    organization: OrganizationSummary | None = None


class ServiceDetails(ServiceSummary):
    """A service with everything but its locations (as a service_at_location nests it)."""

    schedules: list[Schedule] | None = None
    service_areas: list[ServiceArea] | None = None
    languages: list[Language] | None = None
    contacts: list[Contact] | None = None
    attributes: list[Attribute] | None = None
    organization: Organization | None = None


class ServiceLocation(Shape):
    id: str
    location: Location | None = None


class Service(ServiceDetails):
    service_at_locations: list[ServiceLocation] | None = None


class OrganizationWithServices(Organization):
    services: list[Service] | None = None


class ServiceAtLocationSummary(Shape):
    id: str
    service_id: str
    location_id: str
    location: LocationSummary
    service: ServiceSummary


class ServiceAtLocation(Shape):
    id: str
    service_id: str
    location_id: str
    location: Location
    service: ServiceDetails


class Page(Shape):
    total_items: int
    total_pages: int
    page_number: int
    size: int
    first_page: bool
    last_page: bool
    empty: bool


class ServicePage(Page):
    contents: list[ServiceSummary]


class ServiceAtLocationPage(Page):
    contents: list[ServiceAtLocationSummary]


class OrganizationPage(Page):
    contents: list[OrganizationSummary]


class TaxonomyPage(Page):
    contents: list[Taxonomy]


class TaxonomyTermPage(Page):
    contents: list[TaxonomyTerm]
