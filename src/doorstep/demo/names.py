"""Made-up names and streets for the demo, in the mix of a Greater Manchester borough.

Every name here is invented: any likeness to a real person at a real address is chance.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class NameGroup:
    """Names that go together, the languages such a family might speak, and where they live."""

    key: str
    weight: float
    women: tuple[str, ...]
    men: tuple[str, ...]
    surnames: tuple[str, ...]
    # Language codes with weights; "en" means they would rather be spoken to in English.
    languages: tuple[tuple[str, float], ...]
    # Chance the household lives in Trafford's north (Old Trafford, Stretford...).
    north: float = 0.3


NORTH_WARDS = (
    "Old Trafford",
    "Gorse Hill & Cornbrook",
    "Longford",
    "Stretford & Humphrey Park",
    "Lostock & Barton",
)

GROUPS: tuple[NameGroup, ...] = (
    NameGroup(
        "british",
        0.47,
        women=(
            "Susan",
            "Margaret",
            "Linda",
            "Karen",
            "Julie",
            "Joanne",
            "Emma",
            "Sophie",
            "Chloe",
            "Hannah",
            "Jean",
            "Pauline",
            "Brenda",
            "Lisa",
            "Gemma",
            "Kathleen",
            "Irene",
            "Dorothy",
            "Tracey",
            "Lauren",
            "Denise",
            "Carol",
            "Megan",
            "Beverley",
        ),
        men=(
            "David",
            "Paul",
            "Mark",
            "Gary",
            "Steven",
            "Peter",
            "John",
            "Ryan",
            "Liam",
            "Craig",
            "Keith",
            "Brian",
            "Alan",
            "Dean",
            "Jack",
            "Tom",
            "Kevin",
            "Colin",
            "Terry",
            "Neil",
            "Ian",
            "Barry",
            "Graham",
            "Shaun",
        ),
        surnames=(
            "Hargreaves",
            "Taylor",
            "Walsh",
            "Kelly",
            "Whittaker",
            "Holt",
            "Barlow",
            "Ashworth",
            "Lomax",
            "Riley",
            "Booth",
            "Cooper",
            "Murphy",
            "O'Brien",
            "Doyle",
            "Heywood",
            "Ogden",
            "Pickering",
            "Schofield",
            "Duckworth",
            "Entwistle",
            "Greenhalgh",
            "Howarth",
            "Lord",
            "Butterworth",
            "Sutcliffe",
            "Crossley",
            "Brennan",
            "McGrath",
            "Fletcher",
            "Hulme",
            "Platt",
        ),
        languages=(("en", 1.0),),
        north=0.25,
    ),
    NameGroup(
        "pakistani",
        0.12,
        women=(
            "Nasreen",
            "Shazia",
            "Rukhsana",
            "Samina",
            "Ayesha",
            "Zainab",
            "Maryam",
            "Sadia",
            "Khadija",
            "Parveen",
            "Bushra",
            "Hina",
        ),
        men=(
            "Mohammed",
            "Imran",
            "Tariq",
            "Zubair",
            "Asif",
            "Bilal",
            "Usman",
            "Arshad",
            "Nadeem",
            "Shahid",
            "Kamran",
            "Adeel",
        ),
        surnames=(
            "Khan",
            "Hussain",
            "Iqbal",
            "Akhtar",
            "Ahmed",
            "Mahmood",
            "Rashid",
            "Malik",
            "Shah",
            "Butt",
            "Chaudhry",
            "Mirza",
        ),
        languages=(("en", 0.5), ("ur", 0.35), ("pa", 0.15)),
        north=0.65,
    ),
    NameGroup(
        "indian_punjabi",
        0.04,
        women=("Harpreet", "Manjit", "Gurpreet", "Jaspreet", "Simran", "Kiran"),
        men=("Harjit", "Sukhdev", "Gurdeep", "Amrik", "Jaswinder", "Ravinder"),
        surnames=("Singh", "Sandhu", "Gill", "Dhillon", "Bains", "Sidhu"),
        languages=(("en", 0.6), ("pa", 0.4)),
        north=0.4,
    ),
    NameGroup(
        "bangladeshi",
        0.03,
        women=("Rahima", "Shirin", "Nazma", "Rokeya", "Taslima", "Fahmida"),
        men=("Abdul", "Jamal", "Rafiq", "Shamim", "Habib", "Mizanur"),
        surnames=("Miah", "Uddin", "Rahman", "Islam", "Ali", "Choudhury"),
        languages=(("en", 0.5), ("bn", 0.5)),
        north=0.6,
    ),
    NameGroup(
        "caribbean",
        0.05,
        women=("Marcia", "Paulette", "Jacqueline", "Shanice", "Yvonne", "Claudette"),
        men=("Delroy", "Winston", "Clive", "Andre", "Leroy", "Marcus"),
        surnames=("Campbell", "Clarke", "Reid", "Francis", "Bailey", "Thompson", "Grant"),
        languages=(("en", 1.0),),
        north=0.5,
    ),
    NameGroup(
        "west_african",
        0.04,
        women=("Chioma", "Ngozi", "Abena", "Funmilayo", "Adaeze", "Efua"),
        men=("Chinedu", "Kwame", "Tunde", "Emeka", "Kofi", "Segun"),
        surnames=("Okafor", "Adeyemi", "Mensah", "Okonkwo", "Boateng", "Oyelaran", "Asante"),
        languages=(("en", 1.0),),
        north=0.5,
    ),
    NameGroup(
        "somali",
        0.03,
        women=("Hodan", "Fadumo", "Ayan", "Hibaaq", "Sahra", "Nimco"),
        men=("Abdirahman", "Mahad", "Abdi", "Liban", "Yusuf", "Mustafe"),
        surnames=("Warsame", "Abdi", "Hassan", "Farah", "Jama", "Osman", "Ismail"),
        languages=(("so", 0.6), ("en", 0.4)),
        north=0.7,
    ),
    NameGroup(
        "arab",
        0.03,
        women=("Rania", "Lina", "Huda", "Nour", "Amal", "Samira"),
        men=("Ahmad", "Khaled", "Omar", "Mahmoud", "Hamza", "Yasser"),
        surnames=("Haddad", "Al-Hassan", "Khalil", "Mansour", "Saleh", "Abdallah", "Nasser"),
        languages=(("ar", 0.7), ("en", 0.3)),
        north=0.6,
    ),
    NameGroup(
        "polish",
        0.06,
        women=("Katarzyna", "Agnieszka", "Magdalena", "Ewa", "Joanna", "Monika", "Anna"),
        men=("Tomasz", "Piotr", "Krzysztof", "Marek", "Paweł", "Łukasz", "Jan"),
        surnames=(
            "Nowak",
            "Kowalski",
            "Wiśniewski",
            "Wójcik",
            "Kamiński",
            "Lewandowski",
            "Zieliński",
            "Szymański",
        ),
        languages=(("pl", 0.6), ("en", 0.4)),
        north=0.45,
    ),
    NameGroup(
        "romanian",
        0.03,
        women=("Ioana", "Elena", "Andreea", "Mihaela", "Cristina", "Florentina"),
        men=("Andrei", "Mihai", "Ionuț", "Florin", "Gabriel", "Costel"),
        surnames=("Popescu", "Ionescu", "Popa", "Dumitru", "Stan", "Munteanu", "Constantin"),
        languages=(("ro", 0.7), ("en", 0.3)),
        north=0.5,
    ),
    NameGroup(
        "chinese",
        0.03,
        women=("Mei", "Xiu Ying", "Wing Yan", "Li Na", "Hoi Yee", "Fang"),
        men=("Wei", "Ka Ho", "Jun", "Chi Keung", "Hao", "Ming"),
        surnames=("Chen", "Wong", "Li", "Zhang", "Cheung", "Lau", "Wang"),
        languages=(("zh", 0.5), ("en", 0.5)),
        north=0.3,
    ),
    NameGroup(
        "francophone",
        0.02,
        women=("Aïssatou", "Mariama", "Fatoumata", "Grâce", "Josiane", "Awa"),
        men=("Mamadou", "Ibrahima", "Jean-Paul", "Alpha", "Ousmane", "Didier"),
        surnames=("Diallo", "Bah", "Traoré", "Kabongo", "Mbala", "Camara", "Koné"),
        languages=(("fr", 0.8), ("en", 0.2)),
        north=0.7,
    ),
    NameGroup(
        "iberian",
        0.02,
        women=("Ana", "Beatriz", "Lucía", "Marta", "Fernanda", "Carla"),
        men=("João", "Pedro", "Diego", "Rafael", "Tiago", "Javier"),
        surnames=("Silva", "Santos", "Ferreira", "García", "Fernández", "Oliveira", "Moreno"),
        languages=(("pt", 0.5), ("es", 0.3), ("en", 0.2)),
        north=0.4,
    ),
)

STREET_NAMES = (
    "Rowan",
    "Hawthorn",
    "Larch",
    "Alder",
    "Beech",
    "Linden",
    "Sycamore",
    "Laburnum",
    "Maple",
    "Cedar",
    "Hazel",
    "Juniper",
    "Rosebay",
    "Foxglove",
    "Bramble",
    "Heather",
    "Meadow",
    "Brookfield",
    "Ashfield",
    "Fernlea",
    "Oakdene",
    "Kingsmead",
    "Moorside",
    "Millbrook",
    "Hollins",
    "Clough",
    "Sandringham",
    "Balmoral",
    "Windermere",
    "Coniston",
    "Ullswater",
    "Buttermere",
    "Grasmere",
    "Derwent",
    "Pendle",
    "Kinder",
    "Langdale",
    "Wharfe",
    "Beresford",
    "Ellesmere",
    "Haddon",
    "Tatton",
    "Dunham",
    "Carrington",
    "Mersey View",
)
STREET_KINDS = (
    "Road",
    "Street",
    "Avenue",
    "Close",
    "Grove",
    "Lane",
    "Drive",
    "Way",
    "Crescent",
    "Walk",
    "Gardens",
    "Mount",
)
BLOCK_NAMES = (
    "Court",
    "House",
    "Lodge",
    "Mews",
)

# A few residents of the demo mention (or name) one of their own people.
NEIGHBOUR_NAMES = (
    "Pat",
    "Bernie",
    "Sandra",
    "Yusuf",
    "Kath",
    "Dev",
    "Maureen",
    "Tony",
    "Shabana",
    "Vince",
    "Jackie",
    "Gosia",
    "Des",
    "Val",
    "Nasir",
    "Lorraine",
)

GROUP_OF_SURNAME: dict[str, str] = (
    {surname: group.key for group in GROUPS for surname in group.surnames}
    | {  # Polish surnames in -ski and -cki take -ska and -cka for women
        surname[:-1] + "a": "polish"
        for surname in next(g for g in GROUPS if g.key == "polish").surnames
        if surname.endswith(("ski", "cki"))
    }
)
MUSLIM_GROUPS = ("pakistani", "bangladeshi", "somali", "arab", "francophone")
CHURCH_GROUPS = ("caribbean", "west_african", "polish", "romanian", "iberian", "british")


def group_of(last_name: str) -> str:
    """The name group a surname comes from ("" if it is not one of ours)."""
    return GROUP_OF_SURNAME.get(last_name, "")
