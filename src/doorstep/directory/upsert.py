"""One Open Referral UK service record into the directory's rows, by id (so re-imports update).

The caller wraps each record in a transaction: any `ValidationError` or `ImportRefused`
raised here rolls the whole record back. Every row is `full_clean`ed before it is saved, so
lengths, choices, dates, times, URLs and check constraints are checked on every database.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, TypeVar

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db.models import Model
from django.utils.dateparse import parse_datetime

from doorstep.accounts.models import Organisation as DoorstepOrganisation
from doorstep.directory.models import (
    LOCAL_SOURCE,
    Accessibility,
    Attribute,
    Contact,
    Location,
    LocationAddress,
    Organisation,
    OrganisationIdentifier,
    Phone,
    ReviewEvent,
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
from doorstep.lib import clock

M = TypeVar("M", bound=Model)
Record = dict[str, Any]

SERVICE_FIELDS = [
    "name",
    "description",
    "url",
    "email",
    "status",
    "fees",
    "accreditations",
    "minimum_age",
    "maximum_age",
    "eligibility_description",
    "assured_date",
    "assurer_email",
    "alert",
]
ORGANISATION_FIELDS = ["name", "description", "email", "website", "logo", "uri"]
SCHEDULE_FIELDS = [
    "valid_from",
    "valid_to",
    "dtstart",
    "freq",
    "interval",
    "byday",
    "bymonthday",
    "description",
    "opens_at",
    "closes_at",
    "schedule_link",
    "attending_type",
    "notes",
]
LOCATION_FIELDS = [
    "location_type",
    "name",
    "description",
    "latitude",
    "longitude",
    "external_identifier",
    "external_identifier_type",
]
ADDRESS_FIELDS = [
    "attention",
    "address_1",
    "city",
    "region",
    "state_province",
    "postal_code",
    "country",
    "address_type",
]


class ImportRefused(Exception):
    """The record would overwrite something it must not; the message says what."""


@dataclass(frozen=True)
class Feed:
    """Where the records come from, who keeps them here, and how new services start."""

    source: str
    owner: DoorstepOrganisation
    new_state: str = ReviewState.PUBLISHED


def _fill(row: M, record: Record, fields: Iterable[str]) -> M:
    """Copies the record's values; a missing or null value becomes the field's empty value."""
    for name in fields:
        nullable = getattr(row._meta.get_field(name), "null", False)
        value = record.get(name)
        if value is None:
            value = None if nullable else ""
        setattr(row, name, value)
    return row


def _saved(row: M, *, label: str) -> M:
    try:
        row.full_clean()
    except ValidationError as exc:
        raise ValidationError(f"{label}: {_flatten(exc)}") from exc
    row.save()
    return row


def _flatten(exc: ValidationError) -> str:
    if not hasattr(exc, "error_dict"):
        return " ".join(exc.messages)
    return "; ".join(
        " ".join(messages) if name == NON_FIELD_ERRORS else f"{name}: {' '.join(messages)}"
        for name, messages in exc.message_dict.items()
    )


def _row(model: type[M], raw_id: str, **owner: Any) -> M:
    """The existing row with this id (refusing one that belongs elsewhere), else a new one."""
    pk = uuid.UUID(raw_id)
    existing = model._default_manager.filter(pk=pk).first()
    if existing is None:
        return model(pk=pk, **owner)
    for name, value in owner.items():
        if getattr(existing, f"{name}_id") != value.pk:
            raise ImportRefused(f"{model._meta.verbose_name} {raw_id} belongs to another record")
    return existing


def _refuse_local(row: Model, source: str, raw_id: str) -> None:
    if not row._state.adding and getattr(row, "source", source) == LOCAL_SOURCE:
        kind = row._meta.verbose_name
        raise ImportRefused(f"{kind} {raw_id} was made in Doorstep: an import never overwrites it")


def upsert_service(record: Record, feed: Feed) -> bool:
    """Stores one valid record; True if the service is new, False if it was updated."""
    source = feed.source
    organisation = _organisation(record, feed)
    service = _row(Service, record["id"])
    _refuse_local(service, source, record["id"])
    created = service._state.adding
    _fill(service, record, SERVICE_FIELDS)
    service.organisation = organisation
    service.source = source
    service.last_modified = _modified(record.get("last_modified"))
    if created:
        service.review_state = feed.new_state
        published = feed.new_state == ReviewState.PUBLISHED
        service.published_at = clock.now() if published else None
    _saved(service, label=f"service {record['id']}")
    _children(service, record)
    ReviewEvent.objects.create(
        service=service, action=ReviewEvent.Action.IMPORTED, note=f"from {source}"
    )
    refresh_search_text(service)
    return created


def _modified(raw: object) -> dt.datetime:
    parsed = parse_datetime(raw) if isinstance(raw, str) else None
    if parsed is None:
        return clock.now()
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=dt.UTC)


def _organisation(record: Record, feed: Feed) -> Organisation:
    nested = record.get("organization")
    if isinstance(nested, dict):
        return upsert_organisation(nested, feed)
    raw_id = record.get("organization_id")
    found = Organisation.objects.filter(pk=raw_id).first() if raw_id else None
    if found is None:
        raise ImportRefused("organization: a service needs its organization (none was given)")
    _refuse_other_owner(found, feed)
    return found


def _refuse_other_owner(organisation: Organisation, feed: Feed) -> None:
    if organisation.owner_id != feed.owner.pk:
        raise ImportRefused(
            f"organization {organisation.pk} is kept by another Doorstep organisation"
        )


def upsert_organisation(record: Record, feed: Feed) -> Organisation:
    organisation = _row(Organisation, record["id"])
    _refuse_local(organisation, feed.source, record["id"])
    if organisation._state.adding:
        organisation.owner = feed.owner
    _refuse_other_owner(organisation, feed)
    _fill(organisation, record, ORGANISATION_FIELDS)
    organisation.source = feed.source
    parent = record.get("parent_organization_id")
    organisation.parent = Organisation.objects.filter(pk=parent).first() if parent else None
    _saved(organisation, label=f"organization {record['id']}")
    kept = []
    for item in record.get("organization_identifiers") or []:
        row = _fill(
            _row(OrganisationIdentifier, item["id"], organisation=organisation),
            item,
            ["identifier_scheme", "identifier_type", "identifier"],
        )
        kept.append(_saved(row, label=f"organization_identifier {item['id']}").pk)
    organisation.identifiers.exclude(pk__in=kept).delete()
    return organisation


def _children(service: Service, record: Record) -> None:
    kept = [_schedule(service, item) for item in record.get("schedules") or []]
    service.schedules.exclude(pk__in=kept).delete()
    kept = [_area(service, item) for item in record.get("service_areas") or []]
    service.service_areas.exclude(pk__in=kept).delete()
    kept = [_language(service, item) for item in record.get("languages") or []]
    service.languages.exclude(pk__in=kept).delete()
    kept = [_contact(service, item) for item in record.get("contacts") or []]
    service.contacts.exclude(pk__in=kept).delete()
    kept = [_attribute(service, item) for item in record.get("attributes") or []]
    service.attributes.exclude(pk__in=kept).delete()
    kept = [_link(service, item) for item in record.get("service_at_locations") or []]
    service.at_locations.exclude(pk__in=kept).delete()


def _schedule(service: Service, item: Record) -> uuid.UUID:
    row = _fill(_row(Schedule, item["id"], service=service), item, SCHEDULE_FIELDS)
    return _saved(row, label=f"schedule {item['id']}").pk


def _area(service: Service, item: Record) -> uuid.UUID:
    fields = ["name", "service_area", "extent", "extent_type", "uri"]
    row = _fill(_row(ServiceArea, item["id"], service=service), item, fields)
    return _saved(row, label=f"service_area {item['id']}").pk


def _language(service: Service, item: Record) -> uuid.UUID:
    row = _fill(_row(ServiceLanguage, item["id"], service=service), item, ["name", "code", "note"])
    return _saved(row, label=f"language {item['id']}").pk


def _contact(service: Service, item: Record) -> uuid.UUID:
    row = _fill(_row(Contact, item["id"], service=service), item, ["name", "title", "email"])
    contact = _saved(row, label=f"contact {item['id']}")
    kept = []
    for phone in item.get("phones") or []:
        number = _fill(_row(Phone, phone["id"], contact=contact), phone, ["number", "description"])
        kept.append(_saved(number, label=f"phone {phone['id']}").pk)
    contact.phones.exclude(pk__in=kept).delete()
    return contact.pk


def _attribute(service: Service, item: Record) -> uuid.UUID:
    nested = item.get("taxonomy_term")
    term_id = nested["id"] if isinstance(nested, dict) else item.get("taxonomy_term_id")
    if isinstance(nested, dict):
        upsert_term(nested)
    term = TaxonomyTerm.objects.filter(pk=term_id).first() if term_id else None
    if term is None:
        raise ImportRefused(f"attribute {item['id']}: its taxonomy term is not given")
    row = _row(Attribute, item["id"], service=service)
    row.taxonomy_term = term
    row.link_type = item.get("link_type") or ""
    return _saved(row, label=f"attribute {item['id']}").pk


def upsert_term(item: Record) -> TaxonomyTerm:
    term = _row(TaxonomyTerm, item["id"])
    term.name = item["name"]
    term.description = item.get("description") or ""
    term.code = item.get("term") or ""
    term.term_uri = item.get("term_uri") or ""
    term.taxonomy_name = item.get("taxonomy") or ""
    term.taxonomy = _taxonomy(item.get("taxonomy_id"), term.taxonomy_name)
    parent = item.get("parent_id")
    term.parent = TaxonomyTerm.objects.filter(pk=parent).first() if parent else None
    return _saved(term, label=f"taxonomy_term {item['id']}")


def _taxonomy(raw_id: object, name: str) -> Taxonomy | None:
    if not isinstance(raw_id, str):
        return None
    taxonomy = _row(Taxonomy, raw_id)
    if taxonomy._state.adding:
        taxonomy.name = name or "Imported taxonomy"
        _saved(taxonomy, label=f"taxonomy {raw_id}")
    return taxonomy


def _link(service: Service, item: Record) -> uuid.UUID:
    nested = item.get("location")
    location_id = nested["id"] if isinstance(nested, dict) else item.get("location_id")
    if isinstance(nested, dict):
        upsert_location(nested, service.source)
    location = Location.objects.filter(pk=location_id).first() if location_id else None
    if location is None:
        raise ImportRefused(f"service_at_location {item['id']}: its location is not given")
    row = _row(ServiceAtLocation, item["id"], service=service)
    row.location = location
    return _saved(row, label=f"service_at_location {item['id']}").pk


def upsert_location(item: Record, source: str) -> Location:
    location = _row(Location, item["id"])
    _refuse_local(location, source, item["id"])
    _fill(location, item, LOCATION_FIELDS)
    location.source = source
    _saved(location, label=f"location {item['id']}")
    kept = []
    for raw in item.get("addresses") or []:
        row = _fill(_row(LocationAddress, raw["id"], location=location), raw, ADDRESS_FIELDS)
        kept.append(_saved(row, label=f"address {raw['id']}").pk)
    location.addresses.exclude(pk__in=kept).delete()
    kept = []
    for raw in item.get("accessibility") or []:
        access = _row(Accessibility, raw["id"], location=location)
        access.description = raw.get("description") or raw.get("accessibility") or ""
        access.details = raw.get("details") or ""
        access.url = raw.get("url") or ""
        kept.append(_saved(access, label=f"accessibility {raw['id']}").pk)
    location.accessibility.exclude(pk__in=kept).delete()
    return location
