"""What residents, staff and partners write in the demo. All made up, written for Doorstep.

`{first}` and `{age}` in a note are filled with the resident's first name and age.
"""

from __future__ import annotations

from dataclasses import dataclass

from doorstep.demo.names import MUSLIM_GROUPS

NOTE_CHANNELS = frozenset({"phone_note", "walk_in", "referral"})


@dataclass(frozen=True)
class Ask:
    """One way a resident might ask for help, on one channel, in one language."""

    channel: str
    language: str
    text: str
    ages: tuple[int, int] = (18, 100)
    unsafe: bool = False  # only from someone it is not safe to text
    referrer: str = ""  # who refers, for referrals: a key of REFERRERS
    groups: tuple[str, ...] = ()  # only from these name groups (see names.py); any if empty

    def fits(self, age: int, group: str) -> bool:
        return self.ages[0] <= age <= self.ages[1] and (not self.groups or group in self.groups)


JIM_ASK = Ask(
    "phone_note",
    "en",
    "Caller Jim, 78, lives alone, hasn't spoken to anyone since his wife died in the spring. "
    "Struggling to get to the shops.",
)
MO_ASK = Ask(
    "sms",
    "fr",
    "je suis dans l'hôtel, la nourriture n'est pas halal et je suis malade, je ne peux pas sortir",
)

ASKS: tuple[Ask, ...] = (
    # Text messages, as people type them
    Ask("sms", "en", "can u help me get shopping im stuck in"),
    Ask(
        "sms",
        "en",
        "hi my electric has run out and ive got no money till friday, got 2 kids",
        ages=(18, 55),
    ),
    Ask(
        "sms",
        "en",
        "Hiya is this the number for help with food? Lost my job last month and "
        "struggling to feed the kids",
        ages=(20, 55),
    ),
    Ask(
        "sms",
        "en",
        "need my prescription picking up from the chemist on the high st, cant walk far at the min",
    ),
    Ask(
        "sms",
        "en",
        "hello im on my own and not been out for weeks, could do with someone to talk to",
    ),
    Ask(
        "sms",
        "en",
        "Landlord says I have to be out by the end of the month. Dont know "
        "where to go. Please help",
    ),
    Ask(
        "sms",
        "en",
        "cant afford the gas this week, baby is 4 months old, flat is freezing",
        ages=(18, 45),
    ),
    Ask(
        "sms",
        "en",
        "Can someone help me fill in the universal credit thing online, I dont have a computer",
    ),
    Ask(
        "sms",
        "en",
        "had a fall last week, ok now but cant get to the shops or the chemist. "
        "any help appreciated",
        ages=(60, 100),
    ),
    Ask("sms", "en", "I have run out of my insulin and the chemist is closed what do I do"),
    Ask(
        "sms",
        "en",
        "struggling with my mental health, not sleeping not eating. dont want to go to the gp",
    ),
    Ask(
        "sms",
        "en",
        "anyone able to give me a lift to my hospital appointment at wythenshawe on thursday? 10am",
    ),
    Ask("sms", "en", "ive got no food in at all and nothing till my money goes in on monday"),
    Ask(
        "sms",
        "en",
        "Hi, I've been told you can help with food parcels. We're a family of 5, "
        "we need halal if possible",
        ages=(25, 60),
        groups=MUSLIM_GROUPS,
    ),
    Ask(
        "sms",
        "en",
        "need help with my bills, got a letter from the council about arrears and im panicking",
    ),
    Ask(
        "sms",
        "en",
        "my phone is nearly out of credit so pls call back if u can. need help "
        "with shopping and meds",
    ),
    # The web page's one box
    Ask(
        "web",
        "en",
        "Hello, I'm {age} and I don't get out much since my hip operation. I'd "
        "like someone to help with the weekly shop, and to be honest a chat now and again "
        "would be nice.",
        ages=(70, 100),
    ),
    Ask(
        "web",
        "en",
        "I'm a carer for my husband who has dementia. I haven't had a break in "
        "months and I'm exhausted. Could someone sit with him for a couple of hours so I can "
        "get to the shops?",
        ages=(55, 95),
    ),
    Ask(
        "web",
        "en",
        "I need help getting online. I want to do video calls with my "
        "grandchildren in Australia and order my shopping.",
        ages=(60, 100),
    ),
    Ask(
        "web",
        "en",
        "There is damp and black mould in my children's bedroom and the landlord "
        "won't do anything. My youngest has asthma.",
        ages=(20, 55),
    ),
    Ask(
        "web",
        "en",
        "I'm 19 and my stepdad has kicked me out. I'm sofa surfing at a mate's "
        "but I can only stay till Sunday.",
        ages=(18, 22),
    ),
    Ask(
        "web",
        "en",
        "I was made redundant and I want to get back into work, maybe retrain. "
        "I don't know where to start.",
        ages=(20, 64),
    ),
    Ask(
        "web",
        "en",
        "My benefits have been sanctioned and I have £4 to last the week. I've got a 2 year old.",
        ages=(18, 45),
    ),
    Ask(
        "web",
        "en",
        "Could someone collect my repeat prescription every month? I'm housebound with COPD.",
        ages=(50, 100),
    ),
    Ask(
        "web",
        "en",
        "Good morning. My neighbour used to do my shopping but she has moved "
        "away. I'm {age} and I don't drive.",
        ages=(68, 100),
    ),
    Ask(
        "web",
        "en",
        "I think I've been scammed. Someone rang saying they were from the bank "
        "and I gave them my card number. Now I've no money for the week.",
        ages=(60, 100),
    ),
    Ask(
        "web",
        "en",
        "My mum moved in with us last year and doesn't know anyone round here. She is "
        "lonely. Is there a group where she could meet people?",
        ages=(30, 60),
    ),
    Ask(
        "web",
        "en",
        "Please don't text me. My partner checks my phone. He hasn't hit me but "
        "he controls all the money and won't let me see my friends. I don't know what to do.",
        ages=(18, 70),
        unsafe=True,
    ),
    # Call handlers' notes of phone calls
    Ask(
        "phone_note",
        "en",
        "Caller {first}, {age}, lives alone, home from hospital last week "
        "after a stroke. Can't manage the walk to the shops. Needs shopping and a prescription "
        "collected weekly.",
        ages=(60, 100),
    ),
    Ask(
        "phone_note",
        "en",
        "Caller is {age} and partially sighted. Cannot read letters from "
        "the DWP and is worried about missing something important. Would like someone to read "
        "the post with them and help reply.",
        ages=(50, 100),
    ),
    Ask(
        "phone_note",
        "en",
        "{first} rang, distressed. Rent arrears of about £1,200 and a court "
        "letter received. Two children at home. Asked for help with money and housing.",
        ages=(22, 60),
    ),
    Ask(
        "phone_note",
        "en",
        "Caller {first}, {age}. No food in the house and no money until "
        "Thursday. Diabetic. Sounded confused at times.",
        ages=(65, 100),
    ),
    Ask(
        "phone_note",
        "en",
        "{first} called about the heating: boiler broken for a week, "
        "landlord not answering. Using the oven to keep warm. Has COPD.",
        ages=(40, 100),
    ),
    Ask(
        "phone_note",
        "en",
        "Spoke through a telephone interpreter. {first} arrived recently "
        "and needs help registering with a GP and a food parcel. Has a young child.",
        ages=(18, 50),
    ),
    Ask(
        "phone_note",
        "en",
        "Caller {first}, {age}, asked for a lift to the eye clinic at "
        "Trafford General next Tuesday. Can't afford taxis.",
        ages=(55, 100),
    ),
    Ask(
        "phone_note",
        "en",
        "{first} rang about their own mental health: a bad week, not "
        "sleeping, stopped taking their tablets. Says they are not in danger and do not want "
        "the crisis team, but would like someone to talk to.",
        ages=(18, 80),
    ),
    Ask(
        "phone_note",
        "en",
        "Caller {first}, {age}, has memory problems and gets muddled about "
        "meals. Neighbour has been bringing food in but is going away for a month. Would like "
        "a daily check-in.",
        ages=(70, 100),
    ),
    Ask(
        "phone_note",
        "en",
        "Caller says their partner threatened them last night and they "
        "are frightened to go home. Staying at a sister's for now. Asked us NOT to text or "
        "leave voicemails.",
        ages=(18, 70),
        unsafe=True,
    ),
    # Notes of people who came in to a hub
    Ask(
        "walk_in",
        "en",
        "{first} came into the hub at Stretford library. Has slept in the car "
        "for two nights after a relationship breakdown. Has a job, needs somewhere to stay.",
        ages=(20, 60),
    ),
    Ask(
        "walk_in",
        "en",
        "Walk-in: {first}, {age}, asked for help with a food bank voucher "
        "and a gas top-up. Prepayment meter is on emergency credit.",
    ),
    Ask(
        "walk_in",
        "en",
        "{first} came in with a letter from the Home Office they cannot "
        "understand. Needs someone to explain it and help reply before the deadline next week.",
        ages=(18, 70),
    ),
    Ask(
        "walk_in",
        "en",
        "{first} came to the drop-in asking about English classes and help "
        "finding work. Worked as an electrician before coming to the UK.",
        ages=(20, 60),
    ),
    Ask(
        "walk_in",
        "en",
        "Walk-in: {first} wants help getting a bus pass and a lift to the "
        "hospital for a scan on Friday.",
        ages=(60, 100),
    ),
    # Partners' referrals
    Ask(
        "referral",
        "en",
        "Social prescribing referral. {first} ({age}) is isolated since a "
        "bereavement, low mood, not eating well. Would benefit from befriending and a lunch "
        "club. Consented to this referral.",
        ages=(55, 100),
        referrer="social_prescriber",
    ),
    Ask(
        "referral",
        "en",
        "GP practice referral: {first} is housebound after knee surgery and "
        "needs shopping and medication collected for 6 weeks. Consent given.",
        ages=(45, 100),
        referrer="gp",
    ),
    Ask(
        "referral",
        "en",
        "Family support referral: {first}'s family is struggling with food "
        "over the holidays, three children on free school meals. Parent consented.",
        ages=(25, 55),
        referrer="school",
    ),
    Ask(
        "referral",
        "en",
        "Health visitor referral: {first} has a newborn and no cot or baby "
        "clothes. Low income, partner recently left. Consent given to share.",
        ages=(18, 42),
        referrer="health_visitor",
    ),
    Ask(
        "referral",
        "en",
        "Hospital discharge: {first}, {age}, going home tomorrow after a "
        "fall. Lives alone. Needs someone to check in and help with shopping for the first "
        "fortnight.",
        ages=(65, 100),
        referrer="discharge",
    ),
    Ask(
        "referral",
        "en",
        "Housing officer referral: {first} is at risk of eviction because "
        "of arrears. Needs money advice urgently; court date in 9 days.",
        ages=(20, 75),
        referrer="housing",
    ),
    # French
    Ask(
        "sms",
        "fr",
        "Bonjour, j'ai besoin d'aide pour remplir un formulaire du Home Office, "
        "je ne comprends pas l'anglais. Merci",
    ),
    Ask(
        "web",
        "fr",
        "Je suis seule avec mes deux enfants et on n'a plus rien à manger depuis "
        "hier. Aidez-nous s'il vous plaît.",
        ages=(20, 50),
    ),
    Ask(
        "sms",
        "fr",
        "bjr je cherche un médecin, je suis pas inscrit chez un GP et j'ai mal "
        "au ventre depuis 1 semaine",
    ),
    # Urdu, in Urdu script and romanised
    Ask(
        "sms",
        "ur",
        "السلام علیکم، میری امی اکیلی رہتی ہیں اور ان کو دوائی لینے میں مدد چاہیے۔ "  # noqa: RUF001
        "کیا کوئی مدد کر سکتا ہے؟",
    ),
    Ask(
        "sms",
        "ur",
        "salam mujhe ration ki zaroorat hai, ghar mein khana khatam ho gaya hai, "
        "bachay bhookay hain",
        ages=(20, 60),
    ),
    Ask(
        "web",
        "ur",
        "مجھے بجلی کا بل ادا کرنے میں مدد چاہیے، میرے پاس پیسے نہیں ہیں اور گھر میں بہت سردی ہے",
    ),
    # Polish
    Ask(
        "sms",
        "pl",
        "Dzień dobry, straciłem pracę i nie mam pieniędzy na jedzenie. Czy możecie pomóc?",
        ages=(20, 64),
    ),
    Ask(
        "web",
        "pl",
        "Potrzebuję pomocy z wnioskiem o Universal Credit, nie rozumiem listów. Mieszkam sam.",
    ),
    Ask(
        "sms",
        "pl",
        "prosze o pomoc, mama ma 82 lata i nie moze wyjsc z domu, potrzebuje zakupow",
        ages=(40, 65),
    ),
    # Arabic
    Ask(
        "sms",
        "ar",
        "مرحبا، أنا في الفندق مع أطفالي والطعام لا يكفي. نحتاج مساعدة بالطعام والحليب للطفل",
        ages=(20, 50),
    ),
    Ask("web", "ar", "أحتاج مساعدة في التسجيل عند طبيب عام، زوجي مريض ولا نعرف كيف"),
    # Romanian
    Ask(
        "sms",
        "ro",
        "Bună ziua, am nevoie de ajutor cu mâncare, nu mai am bani până luni. Am doi copii.",
        ages=(20, 55),
    ),
    Ask(
        "web",
        "ro",
        "Proprietarul vrea să mă dea afară și nu știu ce drepturi am. Vă rog să mă ajutați.",
    ),
)

# Who sends partners' referrals: name, organisation, contact.
REFERRERS: dict[str, tuple[str, str, str]] = {
    "social_prescriber": (
        "Ruth Adeyemi",
        "Trafford Community Health (NHS)",
        "ruth.adeyemi@nhs.example.org",
    ),
    "gp": ("Dr Helen Firth", "Moss View Medical Practice", "+441614960901"),
    "school": ("Jo Pennington", "Rowan Park Primary School", "office@rowanpark.example.org"),
    "health_visitor": (
        "Sian Barker",
        "Trafford Community Health (NHS)",
        "sian.barker@nhs.example.org",
    ),
    "discharge": ("Kwame Asante", "Discharge team, Trafford General", "+441614960902"),
    "housing": ("Lee Marsden", "Trafford Council housing options", "+441614960903"),
}

# The resident's answer to a guide's first text, by language.
REPLIES_IN: dict[str, tuple[str, ...]] = {
    "en": (
        "Thank you so much, yes tomorrow morning is fine for me",
        "Yes please that would be a big help, I'm in all day",
        "Thanks for getting back to me, after 2pm is best",
    ),
    "fr": ("Merci beaucoup, demain matin c'est bien pour moi",),
    "pl": ("Dziękuję bardzo, jutro rano mi pasuje",),
    "ur": ("بہت شکریہ، کل صبح میرے لیے ٹھیک ہے",),
    "ar": ("شكرا جزيلا، صباح الغد مناسب لي",),
    "ro": ("Mulțumesc mult, mâine dimineață este bine pentru mine",),
}

FIRST_TEXT = (
    "Hello {first}, this is {guide}, your Local Guide at the Trafford community hub. "
    "I've read your message. When is a good time to talk? You can reply to this message."
)
MISSED_TEXT = (
    "Hello {first}, it's {guide} from the Trafford community hub. I tried to call you today. "
    "I'll try again tomorrow morning, or text back a good time to ring."
)
FOLLOW_UP_TEXT = (
    "Hi {first}, it's {guide}. Just checking everything arrived and you're OK. "
    "Text back if you need anything else."
)

CONTACT_NOTES = (
    "Spoke on the phone for about 20 minutes. Agreed what happens next.",
    "Talked it through; they were relieved someone rang back.",
    "Went through what they need. Will ring again on Friday.",
    "Good conversation. Confirmed address and the best time to call.",
)
MISSED_NOTES = (
    "No answer. Did not leave a voicemail.",
    "Rang twice, no answer.",
    "Went straight to voicemail; no message left.",
)
FACT_NOTES: dict[str, tuple[str, ...]] = {
    "any": (
        "Has a dog, so any visitor should knock and wait.",
        "Best reached after 10am; does not answer withheld numbers.",
    ),
    "befriending": (
        "Lives alone; daughter lives in Leeds and rings on Sundays.",
        "Used to go to the lunch club at the community centre before the bus route changed.",
    ),
    "medicine": ("Prescription is ready on Thursdays at the pharmacy on the high street.",),
    "shopping": (
        "Uses a walking frame; ground-floor flat, buzzer 3.",
        "Has a shopping list ready; pays by card over the phone.",
    ),
    "money": (
        "Prepayment meter for gas and electric; about £3 left on the electric.",
        "Universal Credit is paid on the 14th of each month.",
    ),
    "housing": ("Landlord has been told about the damp in writing; no reply yet.",),
    "food": (
        "Household of four, two children under five.",
        "Asked for food that fits their diet; noted on the referral to the kitchen.",
    ),
    "digital": ("Has a tablet from a grandchild but no internet at home.",),
}
OPINION_NOTES = (
    "Sounded low. I think a weekly call would help more than a one-off.",
    "I think money worries are behind most of this.",
    "Seemed more isolated than they let on; worth offering the lunch club.",
    "I'm not sure the neighbour can keep helping for much longer.",
    "Very independent and did not want a fuss; I think a light touch is right.",
)

# Who might meet each need, after the resident's own people, and what happened.
HELPERS: dict[str, tuple[str, ...]] = {
    "food": ("Old Trafford Community Kitchen", "Sale Mutual Aid", "Stretford Faith Network pantry"),
    "medicine": ("Sale Mutual Aid volunteer", "Old Trafford Community Kitchen driver"),
    "shopping": ("Sale Mutual Aid volunteer", "Stretford Faith Network volunteer"),
    "befriending": ("Stretford Faith Network befriending", "Sale Mutual Aid phone buddy"),
    "money": ("Trafford Council welfare rights team",),
    "housing": ("Trafford Council housing options",),
    "mental_health": ("Trafford Community Health (NHS) social prescriber",),
    "physical_care": ("Trafford Community Health (NHS) community nursing",),
    "digital": ("Sale Mutual Aid digital buddy", "Stretford library digital drop-in"),
    "transport": ("Sale Mutual Aid volunteer driver",),
    "safety": ("Trafford Council safeguarding team",),
    "family": ("Trafford Council early help team",),
    "work_skills": ("Stretford Faith Network English and jobs club",),
    "legal_immigration": ("Stretford Faith Network immigration advice drop-in",),
    "other": ("Trafford community hub",),
}
OUTCOMES: dict[str, tuple[str, ...]] = {
    "met": (
        "Done. They said it made a real difference.",
        "Sorted; they know who to call if it happens again.",
        "Arranged weekly for now; review in a month.",
    ),
    "not_met": (
        "Could not find anyone able to help in time; passed to the coordinator.",
        "Offered twice; the help on offer did not suit them.",
    ),
    "no_longer_needed": (
        "Family stepped in before we could.",
        "They sorted it themselves and said thanks.",
    ),
}

# Messages from someone who shares a known resident's surname and postcode, on a new number.
POSSIBLE_MATCH_ASKS: dict[str, Ask] = {
    "christine": Ask(
        "web",
        "en",
        "Hi, I need help getting online to apply for jobs, my laptop broke and "
        "the library computers are always booked.",
    ),
    "margaret": Ask(
        "phone_note",
        "en",
        "Caller Maggie, {age}, asked if anyone could give her a lift to the "
        "opticians next week. Gave a new mobile number.",
    ),
    "tariq": Ask(
        "referral",
        "en",
        "Housing referral: {first} is sleeping on his parents' sofa after "
        "losing his flat. Needs help with housing and money.",
        referrer="housing",
    ),
}
