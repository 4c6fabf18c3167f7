"""Made-up helpers and offers across Trafford for the demo. Synthetic names only.

``load_demo_offers(hub)`` adds about sixty helpers. Mo (French, halal, in Gorse Hill)
should see the Old Trafford Community Kitchen first: it is the only community helper
near him offering halal food with a French speaker. The mosque's kitchen is halal but
has no French speaker, and the volunteers who cook do vegetarian food only.
"""

from __future__ import annotations

import datetime as dt
import math
import random
from collections.abc import Iterable
from dataclasses import dataclass

from django.db import transaction
from django.db.models import QuerySet

from doorstep.accounts.models import Organisation
from doorstep.offers.models import Helper, Offer
from doorstep.places.models import Postcode

LatLon = tuple[float, float]

KITCHEN_POINT: LatLon = (53.4586, -2.2836)  # near Gorse Hill, Stretford
TRAFFORD_BOX = (53.38, 53.48, -2.48, -2.25)  # lat min, lat max, lon min, lon max

# Ward-centre points, used when no postcodes are loaded.
FALLBACK_POINTS: tuple[LatLon, ...] = (
    (53.4586, -2.2836), (53.4490, -2.3090), (53.4620, -2.2910), (53.4400, -2.3280),
    (53.4250, -2.3490), (53.4150, -2.3560), (53.4060, -2.3310), (53.3890, -2.3500),
    (53.4330, -2.3720), (53.4470, -2.3640), (53.4560, -2.4100), (53.4440, -2.3900),
    (53.4000, -2.3800), (53.3960, -2.3000), (53.4110, -2.3150), (53.4280, -2.3150),
)  # fmt: skip

FIRST_NAMES = (
    "Aisha", "Ben", "Chloe", "Dev", "Efua", "Finn", "Grace", "Hamza", "Ines", "Jonas",
    "Kasia", "Liam", "Maryam", "Nell", "Omar", "Priya", "Quinn", "Rosa", "Sanjay", "Tomasz",
    "Uma", "Viktor", "Wren", "Yusuf", "Zara", "Ade", "Bea", "Cormac", "Dina", "Elif",
    "Femi", "Gosia", "Hugo", "Ivy", "Jamal", "Kemi", "Leon", "Mina", "Nikos", "Orla",
)  # fmt: skip
SURNAME_INITIALS = "ABCDEFGHJKLMNPRSTW"

# (languages, need codes, diets) for volunteers, cycled through.
VOLUNTEER_PROFILES: tuple[tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]], ...] = (
    (("en",), ("shopping", "medicine"), ()),
    (("en", "ur"), ("befriending", "shopping"), ()),
    (("en", "pl"), ("transport", "shopping"), ()),
    (("en", "so"), ("befriending", "digital"), ()),
    (("en", "ar"), ("shopping", "befriending"), ()),
    (("en", "fr"), ("befriending", "digital"), ()),
    (("en", "bn"), ("medicine", "shopping"), ()),
    (("en",), ("food",), ("vegetarian",)),
    (("en", "pa"), ("transport", "medicine"), ()),
    (("en", "ro"), ("shopping", "digital"), ()),
)


@dataclass(frozen=True)
class DemoOffer:
    codes: tuple[str, ...]
    capacity: int
    load: int = 0
    availability: tuple[tuple[int, str, str], ...] = ()
    notes: str = ""
    preferred: tuple[str, ...] = ()  # what the helper would most like to do


@dataclass(frozen=True)
class DemoHelper:
    name: str
    kind: str
    tier: str
    point: LatLon
    offers: tuple[DemoOffer, ...]
    languages: tuple[str, ...] = ("en",)
    radius_km: float = 5.0
    diets: tuple[str, ...] = ()
    dbs: tuple[str, dt.date | None] = ("none", None)
    vehicle: bool = False


def load_demo_offers(hub: Organisation, seed: int = 6) -> int:
    """Adds the demo helpers and their offers to a hub; returns how many offers were made.

    Does nothing (returns 0) when the hub already has helpers, so it is safe to re-run.
    """
    if Helper.objects.filter(organisation=hub).exists():
        return 0
    rng = random.Random(seed)  # noqa: S311 - made-up helpers, not secrets  # nosec B311
    points = trafford_points(rng)
    helpers = [*groups_and_services(points), *volunteers(rng, points)]
    with transaction.atomic():
        return sum(_save(hub, helper) for helper in helpers)


def trafford_points(rng: random.Random) -> list[LatLon]:
    """Real postcode centroids in Trafford when loaded, else ward-centre points."""
    lat_lo, lat_hi, lon_lo, lon_hi = TRAFFORD_BOX
    rows = Postcode.objects.filter(
        latitude__range=(lat_lo, lat_hi), longitude__range=(lon_lo, lon_hi)
    ).order_by("postcode")
    found = [(row.latitude, row.longitude) for row in rows.only("latitude", "longitude")]
    if not found:
        return list(FALLBACK_POINTS)
    return rng.sample(found, min(len(found), 80))


def nearest_postcode(point: LatLon) -> LatLon:
    """The loaded postcode centroid nearest a point (within about 1 km), else the point."""
    lat, lon = point
    near = Postcode.objects.filter(
        latitude__range=(lat - 0.01, lat + 0.01), longitude__range=(lon - 0.015, lon + 0.015)
    )
    best = min(
        ((row.latitude, row.longitude) for row in near),
        key=lambda p: math.hypot(p[0] - lat, (p[1] - lon) * math.cos(math.radians(lat))),
        default=None,
    )
    return best or point


WEEKDAYS_10_TO_4 = tuple((day, "10:00", "16:00") for day in range(5))


def groups_and_services(points: list[LatLon]) -> list[DemoHelper]:
    """Groups, spaces and businesses; then voluntary organisations; then public services."""
    return [*_community(points), *_voluntary(points), *_public_services(points)]


def _community(points: list[LatLon]) -> list[DemoHelper]:
    """Only the kitchen can give Mo what he needs: the others each lack something."""
    weekdays = WEEKDAYS_10_TO_4
    kitchen = nearest_postcode(KITCHEN_POINT)
    return [
        DemoHelper(
            "Old Trafford Community Kitchen", "community_group", "community", kitchen,
            (DemoOffer(("food",), 25, 6, notes="Hot meals delivered, halal and vegetarian"),),
            languages=("en", "fr", "ar"), radius_km=6.0, diets=("halal", "vegetarian"),
            vehicle=True,
        ),
        DemoHelper(
            "Stretford Mosque Kitchen", "faith_group", "community", points[1 % len(points)],
            (DemoOffer(("food",), 15, 3, weekdays),),
            languages=("en", "ar", "ur"), diets=("halal",),
        ),
        DemoHelper(
            "Sale Synagogue Friday Meals", "faith_group", "community", points[2 % len(points)],
            (DemoOffer(("food",), 8, 1, ((4, "10:00", "15:00"),)),),
            languages=("en", "he"), diets=("kosher", "vegetarian"),
        ),
        DemoHelper(
            "Urmston Community Pantry", "space", "community", points[3 % len(points)],
            (DemoOffer(("food", "shopping"), 30, 12, weekdays),),
            diets=("vegetarian", "vegan"),
        ),
        DemoHelper(
            "Partington Corner Shop", "business", "community", points[4 % len(points)],
            (DemoOffer(("shopping",), 10, 2, notes="Delivers orders phoned in before noon"),),
            languages=("en", "pa"), vehicle=True,
        ),
        DemoHelper(
            "Sale Mutual Aid", "community_group", "community", points[7 % len(points)],
            (DemoOffer(("shopping", "befriending"), 20, 5),),
            languages=("en", "pl"), radius_km=8.0, vehicle=True,
        ),
        DemoHelper(
            "Altrincham Digital Drop-in", "space", "community", points[5 % len(points)],
            (DemoOffer(("digital",), 12, 4, ((1, "13:00", "16:00"), (3, "13:00", "16:00"))),),
        ),
    ]  # fmt: skip


def _voluntary(points: list[LatLon]) -> list[DemoHelper]:
    weekdays = WEEKDAYS_10_TO_4
    return [
        DemoHelper(
            "Trafford Food Bank", "vcse", "vcse", points[6 % len(points)],
            (DemoOffer(("food",), 60, 20, weekdays),), radius_km=15.0,
            diets=("halal", "vegetarian"), vehicle=True,
        ),
        DemoHelper(
            "Trafford Carers Support", "vcse", "vcse", points[7 % len(points)],
            (DemoOffer(("physical_care", "befriending"), 20, 8, weekdays),), radius_km=15.0,
            dbs=("enhanced", dt.date(2027, 6, 30)),
        ),
        DemoHelper(
            "Refugee Welcome Trafford", "vcse", "vcse", points[8 % len(points)],
            (DemoOffer(("legal_immigration", "befriending", "work_skills"), 15, 5, weekdays),),
            languages=("en", "fr", "ar", "so", "ti", "ro", "pl", "ur", "es", "pt"),
            radius_km=25.0,
        ),
        DemoHelper(
            "Age UK Trafford", "vcse", "vcse", points[15 % len(points)],
            (DemoOffer(("befriending", "digital"), 40, 10, weekdays,
                       notes="Telephone befriending and help getting online"),),
            radius_km=25.0, languages=("en", "ur", "pa", "pl", "bn"),
        ),
        DemoHelper(
            "Trafford Money Advice", "vcse", "vcse", points[9 % len(points)],
            (DemoOffer(("money", "housing"), 25, 10, weekdays),), radius_km=20.0,
            languages=("en", "ur", "pl"),
        ),
    ]  # fmt: skip


# Public services book interpreters, so they help in every language Doorstep routes.
INTERPRETED = ("en", "fr", "ur", "pl", "ar", "ro", "bn", "so", "es", "pt", "pa", "zh")


def _public_services(points: list[LatLon]) -> list[DemoHelper]:
    weekdays = WEEKDAYS_10_TO_4
    return [
        DemoHelper(
            "Trafford Council Welfare Support", "statutory", "statutory", points[10 % len(points)],
            (DemoOffer(("food", "money", "housing"), 100, 40, weekdays),), radius_km=25.0,
            languages=INTERPRETED,
        ),
        DemoHelper(
            "Adult Social Care Trafford", "statutory", "statutory", points[11 % len(points)],
            (DemoOffer(("physical_care", "safety"), 40, 30, weekdays),), radius_km=25.0,
            languages=INTERPRETED,
            dbs=("enhanced", dt.date(2028, 1, 31)),
        ),
        DemoHelper(
            "Community Mental Health Team", "statutory", "statutory", points[12 % len(points)],
            (DemoOffer(("mental_health",), 60, 25, weekdays),), radius_km=25.0,
            languages=INTERPRETED,
        ),
        DemoHelper(
            "Trafford Family Help", "statutory", "statutory", points[16 % len(points)],
            (DemoOffer(("family", "safety"), 40, 10, weekdays),), radius_km=25.0,
            languages=INTERPRETED, dbs=("enhanced", dt.date(2028, 3, 31)),
        ),
        DemoHelper(
            "Community Pharmacy Delivery", "statutory", "statutory", points[17 % len(points)],
            (DemoOffer(("medicine",), 60, 15, weekdays),), radius_km=25.0,
            languages=INTERPRETED, vehicle=True,
        ),
        DemoHelper(
            "Trafford Ring and Ride", "statutory", "statutory", points[13 % len(points)],
            (DemoOffer(("transport",), 50, 20, weekdays),), radius_km=25.0,
            languages=INTERPRETED, vehicle=True,
        ),
    ]  # fmt: skip


def volunteers(rng: random.Random, points: list[LatLon], count: int = 46) -> list[DemoHelper]:
    """Volunteers spread across Trafford, some with an enhanced DBS check (one expired)."""
    made: list[DemoHelper] = []
    for number in range(count):
        languages, codes, diets = VOLUNTEER_PROFILES[number % len(VOLUNTEER_PROFILES)]
        name = f"{FIRST_NAMES[number % len(FIRST_NAMES)]} {rng.choice(SURNAME_INITIALS)}."
        slots = _volunteer_slots(rng)
        dbs: tuple[str, dt.date | None] = ("none", None)
        if number % 7 == 0:
            codes = (*codes, "physical_care")
            dbs = ("enhanced", dt.date(2025, 1, 31) if number == 0 else dt.date(2027, 9, 30))
        made.append(
            DemoHelper(
                name, "volunteer", "community", points[(number + 14) % len(points)],
                (DemoOffer(codes, rng.randint(1, 4), rng.randint(0, 1), slots,
                           preferred=codes[:1]),),
                languages=languages, radius_km=rng.choice((2.0, 3.0, 5.0)), diets=diets,
                dbs=dbs, vehicle=number % 3 == 0,
            )
        )  # fmt: skip
    return made


def _volunteer_slots(rng: random.Random) -> tuple[tuple[int, str, str], ...]:
    if rng.random() < 0.3:
        return ()  # any time
    days = sorted(rng.sample(range(7), rng.randint(1, 3)))
    start, end = rng.choice((("09:00", "12:00"), ("13:00", "17:00"), ("17:30", "20:30")))
    return tuple((day, start, end) for day in days)


def _save(hub: Organisation, spec: DemoHelper) -> int:
    level, expires = spec.dbs
    helper = Helper(
        organisation=hub,
        kind=spec.kind,
        name=spec.name,
        tier=spec.tier,
        languages=list(spec.languages),
        latitude=spec.point[0],
        longitude=spec.point[1],
        radius_km=spec.radius_km,
        diets=list(spec.diets),
        dbs_level=level,
        dbs_expires=expires,
        vehicle=spec.vehicle,
    )
    helper.full_clean()
    helper.save()
    for item in spec.offers:
        offer = Offer(
            helper=helper,
            need_codes=list(item.codes),
            preferred_codes=list(item.preferred),
            capacity_per_week=item.capacity,
            current_load=item.load,
            availability=[{"weekday": d, "start": s, "end": e} for d, s, e in item.availability],
            notes=item.notes,
        )
        offer.full_clean()
        offer.save()
    return len(spec.offers)


def link_demo_groups(hub: Organisation, groups: Iterable[Organisation]) -> int:
    """Helpers named like a partner group take requests through that group's leaders."""
    linked = 0
    for group in groups:
        linked += Helper.objects.filter(organisation=hub, name=group.name).update(group=group)
    return linked


def remove_demo_offers(organisations: QuerySet[Organisation]) -> int:
    """Deletes the helpers (and their offers) of these organisations; returns helpers deleted.

    ``Helper.organisation`` is protected: call this before deleting a demo hub.
    """
    helpers = Helper.objects.filter(organisation__in=organisations)
    count = helpers.count()
    helpers.delete()
    return count
