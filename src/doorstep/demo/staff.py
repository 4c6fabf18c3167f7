"""The hub, its partners and the people who sign in: one user per role, and Local Guides."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.hashers import make_password

from doorstep.accounts.models import Organisation, Role, User
from doorstep.places.models import Neighbourhood

PASSWORD = "demo-password-2026"  # noqa: S105 - the published demo password  # nosec B105
HUB_NAME = "Trafford Council"
HUB_NUMBER = "+447700900000"
NHS_NAME = "Trafford Community Health (NHS)"
KITCHEN_NAME = "Old Trafford Community Kitchen"
MUTUAL_AID_NAME = "Sale Mutual Aid"
FAITH_NAME = "Stretford Faith Network"

ORGANISATIONS: tuple[tuple[str, str], ...] = (
    (HUB_NAME, Organisation.Kind.COUNCIL),
    (NHS_NAME, Organisation.Kind.NHS),
    (KITCHEN_NAME, Organisation.Kind.COMMUNITY_GROUP),
    (MUTUAL_AID_NAME, Organisation.Kind.COMMUNITY_GROUP),
    (FAITH_NAME, Organisation.Kind.VCSE),
)
DEMO_ORGANISATION_NAMES = tuple(name for name, _ in ORGANISATIONS)


@dataclass(frozen=True)
class StaffSpec:
    username: str
    first_name: str
    last_name: str
    role: str
    organisation: str = HUB_NAME
    languages: tuple[str, ...] = ("en",)
    wards: tuple[str, ...] = ()


# One sign-in per role. `guide` covers the wards around Mo's hotel and speaks French.
ROLE_USERS: tuple[StaffSpec, ...] = (
    StaffSpec("coordinator", "Helen", "Marsh", Role.COORDINATOR),
    StaffSpec(
        "guide",
        "Amina",
        "Rashid",
        Role.LOCAL_GUIDE,
        languages=("en", "fr", "ur"),
        wards=("Gorse Hill & Cornbrook",),
    ),
    StaffSpec("callhandler", "Dave", "Ogden", Role.CALL_HANDLER),
    StaffSpec(
        "leader",
        "Shazia",
        "Malik",
        Role.COMMUNITY_LEADER,
        organisation=KITCHEN_NAME,
        languages=("en", "ur", "pa"),
    ),
    StaffSpec("volunteer", "Ben", "Hollis", Role.VOLUNTEER, organisation=MUTUAL_AID_NAME),
    StaffSpec("kitchen.volunteer", "Yusuf", "Amin", Role.VOLUNTEER, organisation=KITCHEN_NAME),
    StaffSpec("caseworker", "Ruth", "Adeyemi", Role.PARTNER_CASEWORKER, organisation=NHS_NAME),
    StaffSpec("dataofficer", "Priya", "Nair", Role.DATA_OFFICER),
    StaffSpec("safeguarding", "Joanne", "Kenyon", Role.SAFEGUARDING_LEAD),
    StaffSpec("dpo", "Martin", "Crowther", Role.DATA_PROTECTION_LEAD),
    StaffSpec("admin", "Sam", "Okoro", Role.ADMIN),
)
GUIDE_USERNAME = "guide"
MO_WARD = "Gorse Hill & Cornbrook"

# Twenty more Local Guides. Together with `guide` every Trafford ward is covered, and
# nobody else covering Mo's ward speaks French.
LOCAL_GUIDES: tuple[StaffSpec, ...] = tuple(
    StaffSpec(f"guide.{first.lower()}", first, last, Role.LOCAL_GUIDE, languages=langs, wards=wards)
    for first, last, langs, wards in (
        ("Bilal", "Chaudhry", ("en", "ur", "pa"), ("Old Trafford", "Longford")),
        ("Fadumo", "Warsame", ("en", "so", "ar"), ("Old Trafford", "Longford")),
        ("Omar", "Haddad", ("en", "ar", "fr"), ("Longford", "Lostock & Barton")),
        ("Rahima", "Begum", ("en", "bn"), ("Gorse Hill & Cornbrook", "Stretford & Humphrey Park")),
        ("Imran", "Akhtar", ("en", "ur"), ("Gorse Hill & Cornbrook", "Lostock & Barton")),
        ("Wei", "Zhang", ("en", "zh"), ("Sale Central", "Altrincham")),
        ("Gurpreet", "Sandhu", ("en", "pa"), ("Sale Moor", "Manor", "Brooklands")),
        ("Joanna", "Kowalczyk", ("en", "pl"), ("Urmston", "Davyhulme")),
        ("Natalia", "Wisniewska", ("en", "pl"), ("Bucklow-St Martins", "Flixton")),
        ("Ioana", "Popa", ("en", "ro"), ("Bucklow-St Martins", "Urmston")),
        ("Adrian", "Munteanu", ("en", "ro"), ("Davyhulme", "Flixton", "Lostock & Barton")),
        ("Hassan", "Yusuf", ("en", "so"), ("Broadheath", "Altrincham")),
        ("Lucia", "Moreno", ("en", "es", "pt", "fr"), ("Sale Central", "Ashton upon Mersey")),
        ("Beatriz", "Costa", ("en", "pt", "es"), ("Timperley North", "Timperley Central")),
        ("Sarah", "Whitworth", ("en",), ("Hale", "Bowdon")),
        ("Gary", "Lomax", ("en",), ("Hale Barns & Timperley South", "Timperley Central")),
        ("Tom", "Brennan", ("en",), ("Ashton upon Mersey", "Brooklands")),
        ("Kerry-Ann", "Campbell", ("en",), ("Manor", "Sale Moor")),
        (
            "Deborah",
            "Lees",
            ("en",),
            ("Stretford & Humphrey Park", "Broadheath", "Timperley North"),
        ),
        ("Grace", "Mensah", ("en",), ("Altrincham", "Bowdon", "Hale")),
    )
)


def create_organisations() -> dict[str, Organisation]:
    """The hub (which receives residents' messages), an NHS partner and three groups."""
    made = {}
    for name, kind in ORGANISATIONS:
        is_hub = name == HUB_NAME
        made[name] = Organisation.objects.create(
            name=name, kind=kind, is_hub=is_hub, inbound_sms_number=HUB_NUMBER if is_hub else ""
        )
    return made


def create_staff(
    organisations: dict[str, Organisation], wards_by_name: dict[str, Neighbourhood]
) -> dict[str, User]:
    """Everyone who signs in, by username. All share the demo password."""
    specs = (*ROLE_USERS, *LOCAL_GUIDES)
    unknown = {w for spec in specs for w in spec.wards} - set(wards_by_name)
    if unknown:
        raise ValueError(f"Guides cover wards that were not loaded: {', '.join(sorted(unknown))}")
    users = {spec.username: _create_user(spec, organisations, wards_by_name) for spec in specs}
    # One hash for everyone: each hash takes a tenth of a second and they share a password.
    User.objects.filter(pk__in=[u.pk for u in users.values()]).update(
        password=make_password(PASSWORD)
    )
    return users


def _create_user(
    spec: StaffSpec,
    organisations: dict[str, Organisation],
    wards_by_name: dict[str, Neighbourhood],
) -> User:
    email_name = spec.username if "." in spec.username else f"{spec.first_name}.{spec.last_name}"
    user = User.objects.create_user(
        username=spec.username,
        email=f"{email_name.lower().replace(' ', '')}@doorstep.example.org",
        password=None,
        first_name=spec.first_name,
        last_name=spec.last_name,
        organisation=organisations[spec.organisation],
        role=spec.role,
        languages=list(spec.languages),
        caseload_cap=25,
        is_staff=spec.role == Role.ADMIN,
    )
    if spec.wards:
        user.neighbourhoods.set([wards_by_name[name] for name in spec.wards])
    return user
