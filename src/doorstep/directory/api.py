"""The public directory at /openreferral/: the Open Referral UK profile's read-only API.

No sign-in: it serves published services and nothing about residents. Its own NinjaAPI, so
its OpenAPI document (/openreferral/openapi.json) is its own.
"""

from __future__ import annotations

import uuid
from typing import Any, TypeVar

from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Model, Prefetch, QuerySet
from django.http import Http404, HttpRequest
from ninja import NinjaAPI, Query

from doorstep.directory import api_schemas as shapes
from doorstep.directory import serialise
from doorstep.directory.api_params import LinkQuery, Paging, ServiceQuery, TermQuery
from doorstep.directory.models import Taxonomy, TaxonomyTerm
from doorstep.directory.proximity import near_postcode
from doorstep.directory.queries import (
    BadFilter,
    Page,
    ServiceFilters,
    filter_links,
    filter_services,
    full_links,
    full_services,
    organisation_services,
    paginate,
    paginate_by_name,
    published_links,
    published_services,
    served_organisations,
)

VERSION = "HSDS-UK-3.0"
PROFILE_URL = "https://github.com/OpenReferralUK/uk-profile/blob/main/docs/index.md"
OPENAPI_URL = "https://openreferraluk.org/specifications/3.0/openapi.json"
PAGE_ERRORS: dict[int, Any] = {400: shapes.Problem, 422: shapes.InvalidRequest}
ONE_ERRORS: dict[int, Any] = {404: shapes.Problem}

M = TypeVar("M", bound=Model)

openreferral_api = NinjaAPI(
    title="Doorstep directory (Open Referral UK)",
    version=VERSION,
    description="Published services in the HSDS 3.0 UK profile. Public: no personal data.",
    urls_namespace="openreferral",
    docs_url="/docs",
)


def _paging(paging: Paging) -> tuple[int, int]:
    return paging.page, paging.per_page


def _page(rows: QuerySet[Any], paging: Paging) -> Page:
    return paginate(rows, *_paging(paging))


def _one(rows: QuerySet[M], raw_id: str) -> M:
    try:
        return rows.get(pk=uuid.UUID(raw_id))
    except (ValueError, ObjectDoesNotExist) as exc:
        raise Http404("No such record in this directory") from exc


@openreferral_api.exception_handler(BadFilter)
def bad_filter(request: HttpRequest, exc: BadFilter) -> Any:
    return openreferral_api.create_response(request, {"detail": str(exc)}, status=400)


@openreferral_api.get("/", response=shapes.ApiInfo, summary="This API and its profile")
def api_info(request: HttpRequest) -> dict[str, str]:
    return {"version": VERSION, "profile": PROFILE_URL, "openapi_url": OPENAPI_URL}


@openreferral_api.get(
    "/services",
    response={200: shapes.ServicePage, **PAGE_ERRORS},
    exclude_none=True,
    summary="Published services, one page at a time",
)
def services(
    request: HttpRequest, query: Query[ServiceQuery], paging: Query[Paging]
) -> dict[str, Any]:
    filters = query.filters()
    rows = filter_services(published_services(), filters)
    if filters == ServiceFilters():
        page = _page(rows, paging)
    else:
        page = paginate_by_name(rows, *_paging(paging))
    return page.envelope([serialise.service_summary(s) for s in page.rows])


@openreferral_api.get(
    "/services/{id}",
    response={200: shapes.Service, **ONE_ERRORS},
    exclude_none=True,
    summary="One published service with everything about it",
)
def service(request: HttpRequest, id: str) -> dict[str, Any]:
    return serialise.service_full(_one(full_services(), id))


@openreferral_api.get(
    "/service_at_locations",
    response={200: shapes.ServiceAtLocationPage, **PAGE_ERRORS},
    exclude_none=True,
    summary="Where published services are delivered, one page at a time",
)
def service_at_locations(
    request: HttpRequest, query: Query[LinkQuery], paging: Query[Paging]
) -> dict[str, Any]:
    rows = filter_links(published_links(), query.filters())
    if query.postcode or query.proximity:
        proximity = "" if query.proximity is None else str(query.proximity)
        page = near_postcode(rows, query.postcode, proximity, *_paging(paging))
    else:
        page = _page(rows.order_by("service__name", "location__name", "id"), paging)
    return page.envelope([serialise.service_at_location_summary(link) for link in page.rows])


@openreferral_api.get(
    "/service_at_locations/{id}",
    response={200: shapes.ServiceAtLocation, **ONE_ERRORS},
    exclude_none=True,
    summary="One service at one location, with everything about both",
)
def service_at_location(request: HttpRequest, id: str) -> dict[str, Any]:
    return serialise.service_at_location_full(_one(full_links(), id))


@openreferral_api.get(
    "/organizations",
    response={200: shapes.OrganizationPage, **PAGE_ERRORS},
    exclude_none=True,
    summary="Organisations with published services",
)
def organizations(request: HttpRequest, paging: Query[Paging]) -> dict[str, Any]:
    page = _page(served_organisations(), paging)
    return page.envelope([serialise.organisation_summary(o) for o in page.rows])


@openreferral_api.get(
    "/organizations/{id}",
    response={200: shapes.OrganizationWithServices, **ONE_ERRORS},
    exclude_none=True,
    summary="One organisation with its published services",
)
def organization(request: HttpRequest, id: str) -> dict[str, Any]:
    found = _one(served_organisations().prefetch_related("identifiers"), id)
    return serialise.organisation_full(found, organisation_services(found))


@openreferral_api.get(
    "/taxonomies",
    response={200: shapes.TaxonomyPage, **PAGE_ERRORS},
    exclude_none=True,
    summary="The taxonomies the directory's terms come from",
)
def taxonomies(request: HttpRequest, paging: Query[Paging]) -> dict[str, Any]:
    page = _page(Taxonomy.objects.all(), paging)
    return page.envelope([serialise.taxonomy(t) for t in page.rows])


@openreferral_api.get(
    "/taxonomies/{id}",
    response={200: shapes.Taxonomy, **ONE_ERRORS},
    exclude_none=True,
    summary="One taxonomy with its terms",
)
def taxonomy(request: HttpRequest, id: str) -> dict[str, Any]:
    terms = TaxonomyTerm.objects.select_related("taxonomy")
    found = _one(Taxonomy.objects.prefetch_related(Prefetch("terms", queryset=terms)), id)
    return serialise.taxonomy(found, with_terms=True)


@openreferral_api.get(
    "/taxonomy_terms",
    response={200: shapes.TaxonomyTermPage, **PAGE_ERRORS},
    exclude_none=True,
    summary="Taxonomy terms, one page at a time",
)
def taxonomy_terms(
    request: HttpRequest, query: Query[TermQuery], paging: Query[Paging]
) -> dict[str, Any]:
    terms = TaxonomyTerm.objects.select_related("taxonomy")
    if query.taxonomy_id:
        terms = terms.filter(taxonomy_id=query.taxonomy_id)
    if query.parent_id:
        terms = terms.filter(parent_id=query.parent_id)
    if query.top_only:
        terms = terms.filter(parent__isnull=True)
    page = _page(terms, paging)
    return page.envelope([serialise.taxonomy_term(t) for t in page.rows])


@openreferral_api.get(
    "/taxonomy_terms/{id}",
    response={200: shapes.TaxonomyTerm, **ONE_ERRORS},
    exclude_none=True,
    summary="One taxonomy term",
)
def taxonomy_term(request: HttpRequest, id: str) -> dict[str, Any]:
    return serialise.taxonomy_term(_one(TaxonomyTerm.objects.select_related("taxonomy"), id))
