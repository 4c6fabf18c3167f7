"""Small factory functions with sensible defaults. Only synthetic people."""

from __future__ import annotations

import itertools
from typing import Any

from doorstep.accounts.models import Organisation, Role, User
from doorstep.people.models import Resident
from doorstep.places.models import Address, Neighbourhood, Postcode

_counter = itertools.count(1)

SQUARE = {  # a small square in Stretford, Trafford
    "type": "Polygon",
    "coordinates": [
        [[-2.33, 53.44], [-2.29, 53.44], [-2.29, 53.46], [-2.33, 53.46], [-2.33, 53.44]]
    ],
}
INSIDE = (53.45, -2.31)


def make_hub(name: str = "Trafford Council", number: str = "+447700900000") -> Organisation:
    return Organisation.objects.create(
        name=name, kind="council", is_hub=True, inbound_sms_number=number
    )


def make_organisation(name: str = "Other Council") -> Organisation:
    return Organisation.objects.create(name=name, kind="council")


def make_user(organisation: Organisation, role: str = Role.LOCAL_GUIDE, **fields: Any) -> User:
    n = next(_counter)
    defaults: dict[str, Any] = {
        "username": f"{role}{n}",
        "first_name": f"Staff{n}",
        "last_name": "Example",
        "email": f"staff{n}@example.org",
        "languages": ["en"],
    }
    defaults.update(fields)
    user = User.objects.create_user(
        password="a-long-test-password-1", organisation=organisation, role=role, **defaults
    )
    return user


def make_neighbourhood(
    code: str = "E05000001", geometry: dict[str, Any] | None = None
) -> Neighbourhood:
    return Neighbourhood.objects.create(
        name=f"Ward {code}", code=code, borough="Trafford", boundary=geometry or SQUARE
    )


def make_postcode(postcode: str = "M32 0TA", point: tuple[float, float] = INSIDE) -> Postcode:
    return Postcode.objects.create(postcode=postcode, latitude=point[0], longitude=point[1])


def make_resident(organisation: Organisation, **fields: Any) -> Resident:
    defaults: dict[str, Any] = {
        "first_name": "Sam",
        "last_name": "Taylor",
        "phone": "+447700900111",
    }
    defaults.update(fields)
    return Resident.objects.create(organisation=organisation, **defaults)


def make_address(line1: str = "1 Example Street", postcode: str = "M32 0TA") -> Address:
    return Address.objects.create(line1=line1, postcode=postcode)
