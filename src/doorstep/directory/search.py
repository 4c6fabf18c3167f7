"""The lower-case text that `/services?search=` matches, kept on each service.

Every word of a search must appear in it. It holds the service's name and description, its
eligibility, its organisation, its taxonomy terms and where it is, so "halal stretford" finds
a halal kitchen in Stretford with one indexed-free scan and no joins.
"""

from __future__ import annotations

from collections.abc import Iterable

from doorstep.directory.models import LocationAddress, Organisation, Service, TaxonomyTerm


def search_text_for(service: Service, extras: Iterable[str]) -> str:
    parts = [
        service.name,
        service.description,
        service.eligibility_description,
        service.organisation.name,
        *extras,
    ]
    return " ".join(part.strip() for part in parts if part and part.strip()).lower()


def _extras(service: Service) -> list[str]:
    terms = TaxonomyTerm.objects.filter(attributes__service=service).values_list("name", flat=True)
    addresses = LocationAddress.objects.filter(location__services_here__service=service)
    places = addresses.values_list("location__name", "address_1", "city", "postal_code")
    return [*terms, *(part for row in places for part in row)]


def refresh_search_text(service: Service) -> None:
    service.search_text = search_text_for(service, _extras(service))
    Service.objects.filter(pk=service.pk).update(search_text=service.search_text)


def refresh_organisation_services(organisation: Organisation) -> None:
    for service in organisation.services.select_related("organisation"):
        refresh_search_text(service)
