"""Directory rows as Open Referral UK documents (plain dicts, ready for JSON).

Every function reads only what `queries` prefetched, so serialising a page costs no queries.
Blank optional values are left out: the profile's schemas type them as strings with formats,
so an empty string or a null would not validate.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from doorstep.directory.models import (
    Attribute,
    Contact,
    Location,
    LocationAddress,
    Organisation,
    Schedule,
    Service,
    ServiceArea,
    ServiceAtLocation,
    ServiceLanguage,
    Taxonomy,
    TaxonomyTerm,
)

Document = dict[str, Any]


def compact(document: Document, *required: str) -> Document:
    """Drops keys whose value is None or blank, except the required ones."""
    return {
        key: value
        for key, value in document.items()
        if key in required or value not in (None, "", [])
    }


def _date(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def _time(value: dt.time | None) -> str | None:
    return value.strftime("%H:%M:%S") if value else None


def _datetime(value: dt.datetime) -> str:
    return value.astimezone(dt.UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def _id(value: object) -> str | None:
    return str(value) if value else None


def organisation_summary(organisation: Organisation) -> Document:
    return compact(
        {
            "id": str(organisation.id),
            "name": organisation.name,
            "description": organisation.description,
            "email": organisation.email,
            "website": organisation.website,
            "logo": organisation.logo,
            "uri": organisation.uri,
            "parent_organization_id": _id(organisation.parent_id),
        },
        "description",
    )


def organisation_with_identifiers(organisation: Organisation) -> Document:
    identifiers = [
        compact(
            {
                "id": str(item.id),
                "identifier_scheme": item.identifier_scheme,
                "identifier_type": item.identifier_type,
                "identifier": item.identifier,
            },
            "identifier_type",
            "identifier",
        )
        for item in organisation.identifiers.all()
    ]
    return compact({**organisation_summary(organisation), "organization_identifiers": identifiers})


def organisation_full(organisation: Organisation, services: list[Service]) -> Document:
    nested = [service_full(service, with_organisation=False) for service in services]
    return compact({**organisation_with_identifiers(organisation), "services": nested})


def service_summary(service: Service) -> Document:
    """One item of /services: the service's own fields and its organisation."""
    return compact(
        {
            "id": str(service.id),
            "organization_id": str(service.organisation_id),
            "name": service.name,
            "description": service.description,
            "url": service.url,
            "email": service.email,
            "status": service.status,
            "fees": service.fees,
            "accreditations": service.accreditations,
            "minimum_age": service.minimum_age,
            "maximum_age": service.maximum_age,
            "eligibility_description": service.eligibility_description,
            "assured_date": _date(service.assured_date),
            "assurer_email": service.assurer_email,
            "alert": service.alert,
            "last_modified": _datetime(service.last_modified),
            "organization": organisation_summary(service.organisation),
        }
    )


def service_full(service: Service, *, with_organisation: bool = True) -> Document:
    document = service_without_locations(service, with_organisation=with_organisation)
    document["service_at_locations"] = [
        compact({"id": str(link.id), "location": location_full(link.location)})
        for link in service.at_locations.all()
    ]
    return compact(document)


def service_without_locations(service: Service, *, with_organisation: bool = True) -> Document:
    document = service_summary(service)
    document.update(
        schedules=[schedule(item) for item in service.schedules.all()],
        service_areas=[service_area(item) for item in service.service_areas.all()],
        languages=[language(item) for item in service.languages.all()],
        contacts=[contact(item) for item in service.contacts.all()],
        attributes=[attribute(item) for item in service.attributes.all()],
    )
    if with_organisation:
        document["organization"] = organisation_with_identifiers(service.organisation)
    else:
        document.pop("organization")
    return compact(document)


def schedule(item: Schedule) -> Document:
    return compact(
        {
            "id": str(item.id),
            "service_id": str(item.service_id),
            "valid_from": _date(item.valid_from),
            "valid_to": _date(item.valid_to),
            "dtstart": _date(item.dtstart),
            "freq": item.freq,
            "interval": item.interval,
            "byday": item.byday,
            "bymonthday": item.bymonthday,
            "description": item.description,
            "opens_at": _time(item.opens_at),
            "closes_at": _time(item.closes_at),
            "schedule_link": item.schedule_link,
            "attending_type": item.attending_type,
            "notes": item.notes,
        }
    )


def service_area(item: ServiceArea) -> Document:
    return compact(
        {
            "id": str(item.id),
            "service_id": str(item.service_id),
            "name": item.name,
            "extent": item.extent,
            "extent_type": item.extent_type,
            "uri": item.uri,
            "service_area": item.service_area,
        }
    )


def language(item: ServiceLanguage) -> Document:
    return compact(
        {
            "id": str(item.id),
            "service_id": str(item.service_id),
            "name": item.name,
            "code": item.code,
            "note": item.note,
        }
    )


def contact(item: Contact) -> Document:
    phones = [
        compact({"id": str(p.id), "number": p.number, "description": p.description}, "number")
        for p in item.phones.all()
    ]
    return compact(
        {
            "id": str(item.id),
            "service_id": str(item.service_id),
            "name": item.name,
            "title": item.title,
            "email": item.email,
            "phones": phones,
        }
    )


def attribute(item: Attribute) -> Document:
    return compact(
        {
            "id": str(item.id),
            "link_id": str(item.service_id),
            "taxonomy_term_id": str(item.taxonomy_term_id),
            "link_type": item.link_type,
            "taxonomy_term": taxonomy_term(item.taxonomy_term),
        }
    )


def location_summary(item: Location) -> Document:
    return compact(
        {
            "id": str(item.id),
            "location_type": item.location_type,
            "name": item.name,
            "description": item.description,
            "latitude": item.latitude,
            "longitude": item.longitude,
            "external_identifier": item.external_identifier,
            "external_identifier_type": item.external_identifier_type,
        },
        "location_type",
    )


def location_full(item: Location) -> Document:
    document = location_summary(item)
    document["addresses"] = [address(a) for a in item.addresses.all()]
    document["accessibility"] = [
        compact(
            {
                "id": str(a.id),
                "location_id": str(item.id),
                "description": a.description,
                "details": a.details,
                "url": a.url,
                "accessibility": a.description,
            }
        )
        for a in item.accessibility.all()
    ]
    return compact(document, "location_type")


def address(item: LocationAddress) -> Document:
    required = ("address_1", "city", "state_province", "postal_code", "country", "address_type")
    return compact(
        {
            "id": str(item.id),
            "location_id": str(item.location_id),
            "attention": item.attention,
            "address_1": item.address_1,
            "city": item.city,
            "region": item.region,
            "state_province": item.state_province,
            "postal_code": item.postal_code,
            "country": item.country,
            "address_type": item.address_type,
        },
        *required,
    )


def service_at_location_summary(link: ServiceAtLocation) -> Document:
    return {
        "id": str(link.id),
        "service_id": str(link.service_id),
        "location_id": str(link.location_id),
        "location": location_summary(link.location),
        "service": service_summary(link.service),
    }


def service_at_location_full(link: ServiceAtLocation) -> Document:
    return {
        "id": str(link.id),
        "service_id": str(link.service_id),
        "location_id": str(link.location_id),
        "location": location_full(link.location),
        "service": service_without_locations(link.service),
    }


def taxonomy(item: Taxonomy, *, with_terms: bool = False) -> Document:
    document = compact(
        {
            "id": str(item.id),
            "name": item.name,
            "description": item.description,
            "uri": item.uri,
            "version": item.version,
        },
        "description",
    )
    if with_terms:
        document["taxonomy_terms"] = [taxonomy_term(term) for term in item.terms.all()]
    return document


def taxonomy_term(item: TaxonomyTerm) -> Document:
    taxonomy_name = item.taxonomy.name if item.taxonomy else item.taxonomy_name
    return compact(
        {
            "id": str(item.id),
            "name": item.name,
            "description": item.description,
            "parent_id": _id(item.parent_id),
            "taxonomy": taxonomy_name,
            "taxonomy_id": _id(item.taxonomy_id),
            "term_uri": item.term_uri,
            "term": item.code or item.name,
        },
        "description",
    )
