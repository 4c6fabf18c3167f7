"""Service-at-locations near a postcode: the profile's `postcode` and `proximity` filters."""

from __future__ import annotations

from django.db.models import QuerySet

from doorstep.directory.models import ServiceAtLocation
from doorstep.directory.queries import BadFilter, Page, distance_m, location_point, within_box
from doorstep.lib.postcode import InvalidPostcode, normalise_postcode
from doorstep.places.models import Postcode

DEFAULT_PROXIMITY_M = 10_000.0
MAX_PROXIMITY_M = 100_000.0


def postcode_centre(raw: str) -> tuple[float, float]:
    try:
        postcode = normalise_postcode(raw)
    except InvalidPostcode as exc:
        raise BadFilter("postcode must be a UK postcode, like M32 0TA") from exc
    found = Postcode.objects.filter(postcode=postcode).values_list("latitude", "longitude")
    point = found.first()
    if point is None:
        raise BadFilter(f"postcode {postcode} is not one this directory knows")
    return point


def parse_proximity(raw: str) -> float:
    if not raw:
        return DEFAULT_PROXIMITY_M
    try:
        metres = float(raw)
    except ValueError as exc:
        raise BadFilter("proximity must be a distance in metres") from exc
    if not 0 < metres <= MAX_PROXIMITY_M:
        raise BadFilter(f"proximity must be more than 0 and at most {MAX_PROXIMITY_M:.0f} metres")
    return metres


def near_postcode(
    links: QuerySet[ServiceAtLocation], postcode: str, proximity: str, page: int, per_page: int
) -> Page:
    """Links within `proximity` metres of the postcode's centre, nearest first, one page."""
    if not postcode:
        raise BadFilter("proximity needs a postcode to measure from")
    centre = postcode_centre(postcode)
    metres = parse_proximity(proximity)
    near: list[tuple[float, str, ServiceAtLocation]] = []
    for link in within_box(links, centre, metres):
        point = location_point(link.location)
        distance = distance_m(centre, point) if point else metres + 1
        if distance <= metres:
            near.append((distance, str(link.id), link))
    near.sort(key=lambda item: item[:2])
    start = (page - 1) * per_page
    chosen = [link for _, _, link in near[start : start + per_page]]
    return Page(chosen, len(near), page, per_page)
