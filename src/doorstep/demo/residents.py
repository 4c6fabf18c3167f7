"""Three hundred made-up residents of Trafford, in households at real postcodes.

First the people are imagined (pure, seeded), then stored in a few bulk inserts. Their
addresses are placed by `places.services.place_address`, so each lands in a ward and an
h3 cell exactly as a real address would.
"""

from __future__ import annotations

import random
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from doorstep.accounts.models import Organisation
from doorstep.demo.names import (
    BLOCK_NAMES,
    CHURCH_GROUPS,
    GROUPS,
    MUSLIM_GROUPS,
    NEIGHBOUR_NAMES,
    NORTH_WARDS,
    STREET_KINDS,
    STREET_NAMES,
    NameGroup,
)
from doorstep.demo.reference import PostcodeRow
from doorstep.demo.staff import MO_WARD
from doorstep.people.models import Channel, Household, NetworkMember, Resident
from doorstep.places.models import Address, Neighbourhood
from doorstep.places.services import place_address

RESIDENTS = 300
POSSIBLE_MATCHES = 3  # residents who arrive later, by message, sharing a surname and postcode
HOTEL_LINE = "Hotel, 1 Example Road"
JIM_PHONE = "+441614960123"
MO_PHONE = "+447700900456"
HUB_NUMBER = "+447700900000"

ACCESSIBILITY = (
    "Hard of hearing: speak clearly, face to face is best",
    "Uses a wheelchair; ground-floor flat with a ramp",
    "Partially sighted: phone rather than letters, or large print",
    "Dyslexic: prefers a phone call to a text",
    "Learning disability: easy read please; sister helps with post",
    "Deaf: BSL interpreter for visits, texts are fine",
    "Memory problems: ring before visiting and say who you are",
    "Anxious with strangers at the door: text first",
)
PREFERRED_TIMES = (
    "Mornings before 11",
    "After 6pm (works days)",
    "Not Fridays 12 to 2",
    "Weekdays 10am to 4pm",
    "Any time, but let it ring for a while",
    "Afternoons, after the school run",
)
HELPS_WITH = ("shopping", "befriending", "transport", "food", "digital", "medicine")


@dataclass
class NetworkSpec:
    name: str
    relationship: str
    phone: str = ""
    helps_with: tuple[str, ...] = ()
    notes: str = ""


@dataclass
class ResidentSpec:
    first_name: str
    last_name: str
    year_of_birth: int
    language: str
    phone: str = ""
    email: str = ""
    preferred_channel: str = Channel.SMS
    safe_to_text: bool = True
    accessibility_needs: str = ""
    preferred_times: str = ""
    diets: tuple[str, ...] = ()
    network: list[NetworkSpec] = field(default_factory=list)
    tag: str = ""  # "jim", "mo", or a possible-match anchor's key

    @property
    def has_mobile(self) -> bool:
        return self.phone.startswith("+447")


@dataclass
class HouseholdSpec:
    """People at one address. A hotel is an address but not a household."""

    line1: str
    ward: str
    members: list[ResidentSpec]
    is_household: bool = True


@dataclass
class PlacedHousehold:
    spec: HouseholdSpec
    address: Address


class Numbers:
    """Made-up phone numbers from Ofcom's drama ranges, each given out once."""

    def __init__(self, rng: random.Random) -> None:
        self._mobiles = [f"+447700900{n:03d}" for n in range(1, 1000)]
        self._landlines = [f"+441614960{n:03d}" for n in range(1, 900)]
        for reserved in (JIM_PHONE, MO_PHONE, "+441614960124"):
            for pool in (self._mobiles, self._landlines):
                if reserved in pool:
                    pool.remove(reserved)
        rng.shuffle(self._mobiles)
        rng.shuffle(self._landlines)

    def mobile(self) -> str:
        return self._mobiles.pop()

    def landline(self) -> str:
        return self._landlines.pop()


class Imagine:
    """Makes up households of residents, seeded so the demo is the same every time."""

    def __init__(self, rng: random.Random, year: int) -> None:
        self.rng = rng
        self.year = year
        self.numbers = Numbers(rng)
        self.emails: set[str] = set()
        self.streets: set[str] = set()

    def households(self, total: int) -> list[HouseholdSpec]:
        made = self.special_households()
        count = sum(len(h.members) for h in made)
        while count < total:
            household = self.random_household(min(total - count, self._household_size()))
            made.append(household)
            count += len(household.members)
        return made

    # The people the demo's stories are about
    def special_households(self) -> list[HouseholdSpec]:
        hotel = self._hotel(_mo())  # first: the demo's random draws stay in the same order
        return [
            HouseholdSpec(self.street_line(), "", [_jim()]),
            HouseholdSpec(HOTEL_LINE, MO_WARD, hotel, is_household=False),
            # Each lives with no one else of the same surname, so a newcomer with that
            # surname at that postcode is one possible match, not several.
            self._anchor_household(
                "west_african", ("Christine", "Okafor", 1982), ("Emeka", "Nwosu", 1979), "christine"
            ),
            self._anchor_household("british", ("Margaret", "Walsh", 1951), None, "margaret"),
            self._anchor_household(
                "pakistani", ("Tariq", "Hussain", 1966), ("Nasreen", "Akhtar", 1970), "tariq"
            ),
        ]

    def _hotel(self, mo: ResidentSpec) -> list[ResidentSpec]:
        """Mo and three other people placed in the same asylum hotel."""
        others = [
            self._person_from(GROUPS_BY_KEY["arab"], "Khaled", "Mansour", 1990, "ar"),
            self._person_from(GROUPS_BY_KEY["somali"], "Hibaaq", "Farah", 1997, "so"),
            self._person_from(GROUPS_BY_KEY["francophone"], "Ibrahima", "Bah", 1999, "fr"),
        ]
        for person in others:
            person.phone, person.email = self.numbers.mobile(), ""
            person.preferred_channel = _preferred_channel(person)
        return [mo, *others]

    def _anchor_household(
        self,
        group_key: str,
        known: tuple[str, str, int],
        partner: tuple[str, str, int] | None,
        tag: str,
    ) -> HouseholdSpec:
        group = GROUPS_BY_KEY[group_key]
        first = self._person_from(group, *known, language="en")
        first.tag = tag
        members = [first]
        if partner is not None:
            members.append(self._person_from(group, *partner, language="en"))
        return HouseholdSpec(self.street_line(), self._ward_for(group), members)

    # Everyone else
    def random_household(self, size: int) -> HouseholdSpec:
        group = self._group()
        surname = self.rng.choice(group.surnames)
        head_age = self._age()
        members = [self._person(group, surname, head_age)]
        for index in range(1, size):
            if index == 1 and head_age >= 24 and self.rng.random() < 0.6:
                age = max(18, head_age + self.rng.randint(-5, 5))  # a partner
            else:
                age = max(18, head_age - self.rng.randint(20, 32)) if head_age > 45 else 18 + index
            person = self._person(group, surname, age, language=members[0].language)
            while person.first_name in {m.first_name for m in members}:
                person = self._person(group, surname, age, language=members[0].language)
            members.append(person)
        return HouseholdSpec(self.street_line(), self._ward_for(group), members)

    def _household_size(self) -> int:
        return self.rng.choices((1, 2, 3, 4), weights=(55, 25, 12, 8))[0]

    def _group(self) -> NameGroup:
        return self.rng.choices(GROUPS, weights=[g.weight for g in GROUPS])[0]

    def _age(self) -> int:
        low, high = self.rng.choices(
            ((18, 30), (31, 50), (51, 65), (66, 80), (81, 95)), weights=(15, 25, 20, 25, 15)
        )[0]
        return self.rng.randint(low, high)

    def _ward_for(self, group: NameGroup) -> str:
        return self.rng.choice(NORTH_WARDS) if self.rng.random() < group.north else ""

    def _person(self, group: NameGroup, surname: str, age: int, language: str = "") -> ResidentSpec:
        woman = self.rng.random() < 0.55
        first = self.rng.choice(group.women if woman else group.men)
        return self._person_from(group, first, _surname(surname, woman), self.year - age, language)

    def _person_from(
        self, group: NameGroup, first: str, last: str, year_of_birth: int, language: str = ""
    ) -> ResidentSpec:
        age = self.year - year_of_birth
        person = ResidentSpec(first, last, year_of_birth, language or self._language(group, age))
        self._contact(person, age)
        if self.rng.random() < 0.14:
            person.accessibility_needs = self.rng.choice(ACCESSIBILITY)
        if self.rng.random() < 0.3:
            person.preferred_times = self.rng.choice(PREFERRED_TIMES)
        if self.rng.random() < (0.45 if age >= 65 else 0.25):
            person.network = self._network(group, last)
        return person

    def _language(self, group: NameGroup, age: int) -> str:
        codes = [code for code, _ in group.languages]
        weights = [w * (1.5 if code != "en" and age >= 60 else 1.0) for code, w in group.languages]
        return self.rng.choices(codes, weights=weights)[0]

    def _contact(self, person: ResidentSpec, age: int) -> None:
        mobile_chance = 0.92 if age < 65 else 0.65 if age < 81 else 0.3
        if self.rng.random() < mobile_chance:
            person.phone = self.numbers.mobile()
        elif self.rng.random() < 0.85:
            person.phone = self.numbers.landline()
        if self.rng.random() < (0.35 if age < 65 else 0.12) or not person.phone:
            person.email = self._email(person)
        person.safe_to_text = self.rng.random() >= 0.07
        person.preferred_channel = _preferred_channel(person)

    def _email(self, person: ResidentSpec) -> str:
        domain = self.rng.choice(("example.com", "example.org"))
        base = _ascii(f"{person.first_name}.{person.last_name}").replace(" ", "").replace("'", "")
        while True:
            email = f"{base}{self.rng.randint(1, 99)}@{domain}"
            if email not in self.emails:
                self.emails.add(email)
                return email

    def _network(self, group: NameGroup, surname: str) -> list[NetworkSpec]:
        people = []
        for _ in range(self.rng.choice((1, 1, 2))):
            relationship = self.rng.choices(
                list(NetworkMember.Relationship), weights=(45, 30, 20, 5)
            )[0]
            if relationship == NetworkMember.Relationship.FAMILY:
                woman = self.rng.random() < 0.5
                first = self.rng.choice(group.women if woman else group.men)
                notes = self.rng.choice(FAMILY_NOTES[woman])
                name = f"{first} {_surname(surname, woman)}"
            elif relationship == NetworkMember.Relationship.FRIEND:
                name, notes = self.rng.choice(NEIGHBOUR_NAMES), _friend_note(group.key)
            else:
                name, notes = self.rng.choice(NEIGHBOUR_NAMES), self.rng.choice(OTHER_NOTES)
            helps = tuple(sorted(self.rng.sample(HELPS_WITH, self.rng.choice((1, 1, 2)))))
            phone = self.numbers.mobile() if self.rng.random() < 0.7 else ""
            people.append(NetworkSpec(name, relationship, phone, helps, notes))
        return people

    def street_line(self) -> str:
        while True:
            street = f"{self.rng.choice(STREET_NAMES)} {self.rng.choice(STREET_KINDS)}"
            number = self.rng.randint(1, 140)
            if self.rng.random() < 0.15:
                block = f"{street.split()[0]} {self.rng.choice(BLOCK_NAMES)}"
                line = f"Flat {self.rng.randint(1, 24)}, {block}"
            else:
                line = f"{number} {street}"
            if line not in self.streets:
                self.streets.add(line)
                return line


GROUPS_BY_KEY = {group.key: group for group in GROUPS}
FAMILY_NOTES = {  # by whether the relative is a woman
    True: ("Daughter; lives in Sale and visits on Sundays", "Niece; nearby, has a car"),
    False: ("Son; works shifts but can do weekends", "Brother; rings most days"),
}
OTHER_NOTES = (
    "Lives next door",
    "From the same street; has a car",
    "Across the landing",
)


def _friend_note(group: str) -> str:
    if group in MUSLIM_GROUPS:
        return "Friend from the mosque"
    if group in CHURCH_GROUPS:
        return "Friend from church"
    return "Friend from the community centre"


def _surname(surname: str, woman: bool) -> str:
    """Polish surnames in -ski and -cki take -ska and -cka for women."""
    if woman and surname.endswith(("ski", "cki")):
        return surname[:-1] + "a"
    return surname


def _jim() -> ResidentSpec:
    """78, widowed, lonely, landline only; his neighbour Pat shops for him."""
    return ResidentSpec(
        "Jim",
        "Hargreaves",
        1948,
        "en",
        phone=JIM_PHONE,
        preferred_channel=Channel.PHONE,
        accessibility_needs="Landline only, no mobile or email",
        preferred_times="Mornings; he naps after lunch",
        tag="jim",
        network=[
            NetworkSpec(
                "Pat",
                NetworkMember.Relationship.NEIGHBOUR,
                phone="+441614960124",
                helps_with=("shopping",),
                notes="Next door; does a shop for Jim when she can",
            )
        ],
    )


def _mo() -> ResidentSpec:
    """23, French-speaking, shielding in a hotel whose food he cannot eat."""
    return ResidentSpec(
        "Mohamed",
        "Diallo",
        2003,
        "fr",
        phone=MO_PHONE,
        preferred_channel=Channel.SMS,
        accessibility_needs=(
            "Known as Mo. Shielding (clinically vulnerable): cannot go out. Eats halal."
        ),
        diets=("halal",),
        tag="mo",
    )


def _preferred_channel(person: ResidentSpec) -> str:
    if person.has_mobile and person.safe_to_text:
        return Channel.SMS
    if person.phone:
        return Channel.PHONE
    return Channel.EMAIL if person.email else Channel.LETTER


def _ascii(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()


def town_for(postcode: str) -> str:
    """The postal town, near enough: Altrincham (WA14/15), Sale (M33), else Manchester."""
    district = postcode.split()[0]
    if district.startswith("WA"):
        return "Altrincham"
    return "Sale" if district == "M33" else "Manchester"


class Placer:
    """Puts households at real postcodes, in the ward they are meant to be in."""

    def __init__(
        self,
        rng: random.Random,
        postcodes: Sequence[PostcodeRow],
        wards: dict[str, Neighbourhood],
    ) -> None:
        self.rng = rng
        self.postcodes = list(postcodes)
        self.by_ward: dict[str, list[PostcodeRow]] = {}
        for row in self.postcodes:
            self.by_ward.setdefault(row.ward_code, []).append(row)
        self.wards_by_name = {ward.name: ward for ward in wards.values()}

    def address(self, line1: str, ward_name: str = "") -> Address:
        """An address (not yet saved) at a postcode that places it in a ward."""
        ward = self.wards_by_name.get(ward_name)
        pool = self.by_ward.get(ward.code, []) if ward else self.postcodes
        for row in self._candidates(pool or self.postcodes):
            address = Address(
                line1=line1,
                postcode=row.postcode,
                town=town_for(row.postcode),
                latitude=row.latitude,
                longitude=row.longitude,
            )
            place_address(address)
            placed_in = address.neighbourhood_id
            if placed_in is not None and (ward is None or placed_in == ward.pk):
                return address
        raise ValueError(f"No postcode places an address in {ward_name or 'any ward'}")

    def _candidates(self, pool: list[PostcodeRow]) -> Iterator[PostcodeRow]:
        for _ in range(50):
            yield self.rng.choice(pool)


def store_households(hub: Organisation, placed: list[PlacedHousehold]) -> dict[str, Resident]:
    """Bulk-insert addresses, households, residents and their own people. Returns tagged ones."""
    addresses = Address.objects.bulk_create([p.address for p in placed])
    households = Household.objects.bulk_create(
        Household(organisation=hub, address=address)
        for p, address in zip(placed, addresses, strict=True)
        if p.spec.is_household
    )
    household_iter = iter(households)
    residents: list[Resident] = []
    specs: list[ResidentSpec] = []
    for p, address in zip(placed, addresses, strict=True):
        household = next(household_iter) if p.spec.is_household else None
        for person in p.spec.members:
            residents.append(_resident(hub, person, address, household))
            specs.append(person)
    stored = Resident.objects.bulk_create(residents)
    NetworkMember.objects.bulk_create(
        NetworkMember(
            resident=resident,
            name=n.name,
            relationship=n.relationship,
            phone=n.phone,
            helps_with=list(n.helps_with),
            notes=n.notes,
        )
        for resident, person in zip(stored, specs, strict=True)
        for n in person.network
    )
    return {person.tag: r for r, person in zip(stored, specs, strict=True) if person.tag}


def _resident(
    hub: Organisation, person: ResidentSpec, address: Address, household: Household | None
) -> Resident:
    return Resident(
        organisation=hub,
        household=household,
        address=address,
        first_name=person.first_name,
        last_name=person.last_name,
        year_of_birth=person.year_of_birth,
        preferred_channel=person.preferred_channel,
        phone=person.phone,
        email=person.email,
        language=person.language,
        safe_to_text=person.safe_to_text,
        accessibility_needs=person.accessibility_needs,
        diets=list(person.diets),
        preferred_times=person.preferred_times,
    )
