"""The demo directory: made-up organisations running ~40 services at real Trafford postcodes.

Postcode centroids come from the ONS Postcode Directory (see ../shared/data/geo/SOURCE.md).
Phone numbers are in Ofcom's range for drama (0161 496 0xxx); web and email addresses use
example.org. Every organisation and person here is fictional.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Place:
    name: str
    address_1: str
    city: str
    postcode: str
    latitude: float
    longitude: float


@dataclass(frozen=True)
class Opening:
    days: str
    opens: str
    closes: str
    note: str = ""


@dataclass(frozen=True)
class DemoService:
    name: str
    organisation: str
    categories: tuple[str, ...]
    places: tuple[str, ...]
    description: str
    openings: tuple[Opening, ...] = ()
    options: tuple[str, ...] = ()  # dietary and cultural terms
    languages: tuple[str, ...] = ("en",)
    eligibility: str = ""
    fees: str = "Free"
    per_week: int | None = None
    at_once: int | None = None
    load: int = 0
    minimum_age: int | None = None
    phone: str = ""
    extra: dict[str, str] = field(default_factory=dict)


CATEGORIES = {
    "food-bank": ("Food bank", "Emergency food parcels"),
    "community-kitchen": ("Community kitchen", "Hot meals cooked and eaten together"),
    "befriending": ("Befriending", "Regular calls or visits for people who are lonely"),
    "debt-advice": ("Debt and money advice", "Help with debts, budgeting and benefits"),
    "digital-skills": ("Digital skills", "Help getting online and using a phone or computer"),
    "mental-health": ("Mental health and wellbeing", "Support for mental health"),
    "social-prescribing": ("Social prescribing", "Link workers connecting GP patients to help"),
    "housing-advice": ("Housing advice", "Help with renting, repairs and homelessness"),
    "esol": ("English classes (ESOL)", "English for speakers of other languages"),
    "immigration-advice": ("Immigration advice", "Regulated advice on immigration and asylum"),
}
OPTIONS = {
    "halal": ("Halal", "Halal food available"),
    "vegetarian": ("Vegetarian", "Vegetarian food available"),
    "vegan": ("Vegan", "Vegan food available"),
    "kosher": ("Kosher", "Kosher food available"),
}
LANGUAGE_NAMES = {
    "en": "English",
    "ar": "Arabic",
    "fr": "French",
    "ur": "Urdu",
    "pl": "Polish",
    "so": "Somali",
    "ro": "Romanian",
    "pa": "Punjabi",
    "bn": "Bengali",
    "fa": "Persian",
    "ti": "Tigrinya",
}

PLACES = {
    "gorse-hill": Place(
        "Gorse Hill Community Rooms",
        "12 Chester Road",
        "Stretford",
        "M32 0NR",
        53.454618,
        -2.307271,
    ),
    "cornbrook": Place(
        "Cornbrook Mosque Hall", "3 Ayres Road", "Old Trafford", "M16 9FF", 53.459315, -2.267515
    ),
    "old-trafford": Place(
        "Old Trafford Neighbourhood Centre",
        "40 Shrewsbury Street",
        "Old Trafford",
        "M15 4AG",
        53.46207,
        -2.257546,
    ),
    "firswood": Place(
        "Firswood Library Rooms",
        "1 Warwick Road South",
        "Firswood",
        "M16 0NN",
        53.458922,
        -2.278507,
    ),
    "stretford": Place(
        "Stretford Hub", "65 King Street", "Stretford", "M32 8BP", 53.449047, -2.306403
    ),
    "stretford-east": Place(
        "St Peter's Church Hall", "2 Edge Lane", "Stretford", "M32 0EW", 53.45129, -2.300351
    ),
    "humphrey-park": Place(
        "Humphrey Park Pavilion", "9 Meadows Road", "Stretford", "M41 9NT", 53.446192, -2.335185
    ),
    "urmston": Place(
        "Urmston Community Centre", "20 Station Road", "Urmston", "M41 7XG", 53.448321, -2.351373
    ),
    "flixton": Place(
        "Flixton Methodist Hall", "7 Church Road", "Flixton", "M41 5EQ", 53.45028, -2.366311
    ),
    "davyhulme": Place(
        "Davyhulme Park Lodge", "4 Canterbury Road", "Davyhulme", "M31 2BX", 53.456351, -2.371092
    ),
    "partington": Place(
        "Partington Village Hub", "1 Central Road", "Partington", "M31 4QT", 53.416873, -2.434631
    ),
    "sale": Place("Sale Town Hall Annex", "15 School Road", "Sale", "M33 7TG", 53.420587, -2.32755),
    "sale-central": Place(
        "Sale Central Library Room", "28 Tatton Road", "Sale", "M33 1YA", 53.425254, -2.323508
    ),
    "sale-moor": Place(
        "Sale Moor Community Centre", "5 Northenden Road", "Sale", "M33 2QX", 53.420164, -2.300462
    ),
    "ashton": Place(
        "Ashton upon Mersey Scout Hall",
        "11 Cross Street",
        "Sale",
        "M33 5JA",
        53.426522,
        -2.351915,
    ),
    "altrincham": Place(
        "Altrincham Market Rooms",
        "23 Greenwood Street",
        "Altrincham",
        "WA14 1NE",
        53.398946,
        -2.348454,
    ),
    "broadheath": Place(
        "Broadheath Family Centre",
        "2 Manchester Road",
        "Altrincham",
        "WA14 5PH",
        53.406617,
        -2.347313,
    ),
    "timperley": Place(
        "Timperley Village Rooms",
        "30 Stockport Road",
        "Timperley",
        "WA15 6NT",
        53.395442,
        -2.325011,
    ),
    "hale": Place(
        "Hale Wellbeing Rooms", "8 Ashley Road", "Hale", "WA15 9JL", 53.375618, -2.330572
    ),
}

ORGANISATIONS = {
    "gorse-hill-kitchen": ("Gorse Hill Kitchen Collective", "Neighbours cooking together."),
    "cornbrook-welcome": ("Cornbrook Welcome Table", "A mosque-based welcome and meals project."),
    "stretford-pantry": ("Stretford Pantry Trust", "Food bank and pantry for north Trafford."),
    "south-trafford-food": ("South Trafford Food Share", "Food bank for Sale and Altrincham."),
    "west-trafford-food": ("Urmston and Partington Food Aid", "Food aid in west Trafford."),
    "trafford-friends": ("Trafford Friendly Calls", "Volunteer befriending across Trafford."),
    "money-matters": ("Money Matters Trafford", "Free, confidential debt and money advice."),
    "connect-trafford": ("Connect Trafford Digital", "Helping people get online."),
    "calm-minds": ("Calm Minds Trafford", "Peer support for mental health."),
    "link-workers": ("Trafford Health Link Workers", "Social prescribing with local GPs."),
    "home-base": ("Home Base Housing Advice", "Independent housing advice."),
    "english-together": ("English Together Trafford", "Community ESOL classes."),
    "new-routes": ("New Routes Migrant Advice", "Regulated immigration advice (OISC level 2)."),
}
