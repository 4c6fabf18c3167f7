"""Placing addresses: coordinates from the postcode, the h3 cell and the neighbourhood."""

from __future__ import annotations

from functools import lru_cache

from doorstep.lib.geo import Area, AreaFinder, h3_cell
from doorstep.places.models import Address, Neighbourhood, Postcode


def find_or_create_address(line1: str, postcode: str, town: str = "") -> Address:
    """The address with this first line and postcode, created and placed if new."""
    line1 = line1.strip()
    existing = Address.objects.filter(line1__iexact=line1, postcode=postcode).first()
    if existing is not None:
        return existing
    address = Address(line1=line1, postcode=postcode, town=town)
    place_address(address)
    address.save()
    return address


def place_address(address: Address) -> None:
    """Fill coordinates, h3 cell and neighbourhood from the postcode, where we know it."""
    if address.latitude is None and address.postcode:
        centroid = Postcode.objects.filter(postcode=address.postcode).first()
        if centroid is not None:
            address.latitude, address.longitude = centroid.latitude, centroid.longitude
    if address.latitude is None or address.longitude is None:
        return
    address.h3_cell = h3_cell(address.latitude, address.longitude)
    address.neighbourhood_id = neighbourhood_finder(_neighbourhoods_version()).find(
        address.latitude, address.longitude
    )


def _neighbourhoods_version() -> tuple[int, int]:
    ids = list(Neighbourhood.objects.values_list("id", flat=True))
    return (len(ids), max(ids, default=0))


@lru_cache(maxsize=4)
def neighbourhood_finder(version: tuple[int, int]) -> AreaFinder:
    """One prepared finder per set of neighbourhoods (the version changes when they do)."""
    return AreaFinder(
        Area(key=pk, geometry=boundary)
        for pk, boundary in Neighbourhood.objects.values_list("id", "boundary")
    )
