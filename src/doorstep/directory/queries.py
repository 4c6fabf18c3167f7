"""What the public directory serves, with everything prefetched: a page costs a fixed number of
queries however many services it holds.
"""

from __future__ import annotations

import datetime as dt
import math
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet

from doorstep.directory.models import (
    WEEKDAYS,
    Attribute,
    Location,
    Organisation,
    Schedule,
    Service,
    ServiceAtLocation,
)

MAX_SEARCH_WORDS = 8
DAY_NAMES = {
    "monday": "MO",
    "tuesday": "TU",
    "wednesday": "WE",
    "thursday": "TH",
    "friday": "FR",
    "saturday": "SA",
    "sunday": "SU",
}

Row = TypeVar("Row")


class BadFilter(ValueError):
    """A filter value the API cannot use; the message says which and why."""


@dataclass(frozen=True)
class ServiceFilters:
    search: str = ""
    taxonomy_term_id: str = ""
    taxonomy_id: str = ""
    organization_id: str = ""
    minimum_age: float | None = None
    maximum_age: float | None = None
    start_time: dt.time | None = None
    end_time: dt.time | None = None
    day: str = ""


@dataclass(frozen=True)
class Page:
    rows: Sequence[Any]
    total_items: int
    page_number: int
    per_page: int

    def envelope(self, contents: list[dict[str, Any]]) -> dict[str, Any]:
        """The profile's paged response around already-serialised contents."""
        total_pages = math.ceil(self.total_items / self.per_page)
        return {
            "total_items": self.total_items,
            "total_pages": total_pages,
            "page_number": self.page_number,
            "size": len(contents),
            "first_page": self.page_number == 1,
            "last_page": self.page_number >= total_pages,
            "empty": not contents,
            "contents": contents,
        }


def paginate(rows: QuerySet[Any], page_number: int, per_page: int) -> Page:
    total = rows.count()
    start = (page_number - 1) * per_page
    chosen = list(rows[start : start + per_page]) if start < total else []
    return Page(chosen, total, page_number, per_page)


def paginate_by_name(rows: QuerySet[Any], page_number: int, per_page: int) -> Page:
    """The same page as `paginate(rows.order_by("name", "pk"))`, from one scan of the table.

    For a search or a filter: the database finds the matches once (no separate count), and
    only the page's rows are then read in full. An index on name would have the database walk
    all of it to find a few rare matches in order.
    """
    keys = sorted(rows.order_by().values_list("name", "pk"))
    start = (page_number - 1) * per_page
    chosen = [pk for _, pk in keys[start : start + per_page]]
    found = {row.pk: row for row in rows.filter(pk__in=chosen)} if chosen else {}
    return Page([found[pk] for pk in chosen], len(keys), page_number, per_page)


def parse_uuid(value: str, name: str) -> uuid.UUID:
    try:
        return uuid.UUID(value)
    except ValueError as exc:
        raise BadFilter(f"{name} must be a UUID") from exc


def published_services() -> QuerySet[Service]:
    return Service.objects.published().select_related("organisation")


def full_services() -> QuerySet[Service]:
    """Published services with everything /services/{id} nests."""
    return published_services().prefetch_related(*service_prefetches())


def service_prefetches(
    prefix: str = "", *, with_locations: bool = True
) -> list[str | Prefetch[Any]]:
    lookups: list[str | Prefetch[Any]] = [
        f"{prefix}organisation__identifiers",
        f"{prefix}schedules",
        f"{prefix}service_areas",
        f"{prefix}languages",
        f"{prefix}contacts__phones",
        Prefetch(
            f"{prefix}attributes",
            queryset=Attribute.objects.select_related("taxonomy_term__taxonomy"),
        ),
    ]
    if with_locations:
        links = ServiceAtLocation.objects.select_related("location").prefetch_related(
            "location__addresses", "location__accessibility"
        )
        lookups.append(Prefetch(f"{prefix}at_locations", queryset=links))
    return lookups


def filter_services(services: QuerySet[Service], filters: ServiceFilters) -> QuerySet[Service]:
    services = _search(services, filters.search)
    services = _by_terms(services, filters)
    if filters.organization_id:
        services = services.filter(
            organisation_id=parse_uuid(filters.organization_id, "organization_id")
        )
    if filters.minimum_age is not None:
        services = services.filter(minimum_age__gte=filters.minimum_age)
    if filters.maximum_age is not None:
        services = services.filter(maximum_age__lte=filters.maximum_age)
    return _by_schedule(services, filters)


def _search(services: QuerySet[Service], text: str) -> QuerySet[Service]:
    for word in search_words(text):
        services = services.filter(search_text__contains=word)
    return services


def search_words(text: str) -> list[str]:
    return text.lower().split()[:MAX_SEARCH_WORDS]


def _by_terms(services: QuerySet[Service], filters: ServiceFilters) -> QuerySet[Service]:
    if filters.taxonomy_term_id:
        term = parse_uuid(filters.taxonomy_term_id, "taxonomy_term_id")
        linked = Attribute.objects.filter(taxonomy_term_id=term)
        services = services.filter(pk__in=linked.values("service_id"))
    if filters.taxonomy_id:
        taxonomy = parse_uuid(filters.taxonomy_id, "taxonomy_id")
        linked = Attribute.objects.filter(taxonomy_term__taxonomy_id=taxonomy)
        services = services.filter(pk__in=linked.values("service_id"))
    return services


def _by_schedule(services: QuerySet[Service], filters: ServiceFilters) -> QuerySet[Service]:
    condition = Q()
    if filters.day:
        condition &= Q(byday__contains=weekday_code(filters.day))
    if filters.start_time is not None:
        condition &= Q(opens_at__gte=filters.start_time.replace(tzinfo=None))
    if filters.end_time is not None:
        condition &= Q(closes_at__lte=filters.end_time.replace(tzinfo=None))
    if not condition:
        return services
    return services.filter(pk__in=Schedule.objects.filter(condition).values("service_id"))


def weekday_code(day: str) -> str:
    code = DAY_NAMES.get(day.strip().lower(), day.strip().upper())
    if code not in WEEKDAYS:
        raise BadFilter("day must be a weekday: MO, TU, WE, TH, FR, SA, SU or its name")
    return code


def published_links() -> QuerySet[ServiceAtLocation]:
    return ServiceAtLocation.objects.filter(service__review_state="published").select_related(
        "service__organisation", "location"
    )


def full_links() -> QuerySet[ServiceAtLocation]:
    nested = service_prefetches("service__", with_locations=False)
    return published_links().prefetch_related(
        "location__addresses", "location__accessibility", *nested
    )


def filter_links(
    links: QuerySet[ServiceAtLocation], filters: ServiceFilters
) -> QuerySet[ServiceAtLocation]:
    if filters == ServiceFilters():
        return links
    chosen = filter_services(Service.objects.all(), filters)
    return links.filter(service__in=chosen.values("pk"))


def within_box(
    links: QuerySet[ServiceAtLocation], centre: tuple[float, float], metres: float
) -> QuerySet[ServiceAtLocation]:
    """A coarse cut to the box around a circle; `distance_m` then makes it exact."""
    lat, lon = centre
    dlat = metres / 111_320
    dlon = metres / (111_320 * max(math.cos(math.radians(lat)), 0.01))
    return links.filter(
        location__latitude__range=(lat - dlat, lat + dlat),
        location__longitude__range=(lon - dlon, lon + dlon),
    )


def distance_m(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance in metres between two (latitude, longitude) points."""
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * 6_371_000 * math.asin(math.sqrt(h))


def location_point(location: Location) -> tuple[float, float] | None:
    if location.latitude is None or location.longitude is None:
        return None
    return (location.latitude, location.longitude)


def served_organisations() -> QuerySet[Organisation]:
    """Organisations with at least one published service: the others are not public yet."""
    return Organisation.objects.filter(
        Exists(Service.objects.published().filter(organisation=OuterRef("pk")))
    )


def organisation_services(organisation: Organisation) -> list[Service]:
    services = Service.objects.published().filter(organisation=organisation)
    return list(services.select_related("organisation").prefetch_related(*service_prefetches()))
