"""Ten days of a hub's work, replayed through the real actions with the clock frozen.

Each help request is planned first: who asks, how, in what words, and which state its
clock should end in (running, nearing, breached, met, met late or closed). The triage
engine says how urgent the words are, which fixes when the clock is due, so the plan can
choose when the message arrived and when (if ever) a guide made contact. Then every event
of every plan is played in time order: messages go through `do_receive_message`, contact
through `do_record_contact`, and so on, exactly as if people had done it.
"""

from __future__ import annotations

import datetime as dt
import random
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cache, partial

from doorstep.accounts.models import Organisation, User
from doorstep.cases import clocks
from doorstep.cases.actions import (
    do_add_note,
    do_check_clocks,
    do_record_contact,
    do_record_need_outcome,
)
from doorstep.cases.models import CaseNote, ContactAttempt, HelpRequest, Need
from doorstep.conversations.actions import do_receive_message
from doorstep.conversations.identify import SenderDetails
from doorstep.conversations.models import PossibleMatch
from doorstep.demo import texts
from doorstep.demo.names import group_of
from doorstep.demo.residents import Numbers
from doorstep.demo.texts import Ask
from doorstep.demo.timing import (
    DAY,
    HORIZON,
    HOUR,
    MINUTE,
    Times,
    between,
    schedule,
    staff_time,
)
from doorstep.lib import clock
from doorstep.messaging.actions import CannotReach, do_send_message
from doorstep.people.models import NetworkMember, Resident
from doorstep.triage import triage

CHECK_CLOCKS_EVERY = dt.timedelta(hours=1)  # as `check_clocks --every` would
ASKERS = 285  # residents who ask for help (the others are known but have not asked)
ASKING_TWICE = 30  # of them, those whose first request closed before they asked again

STATE_WEIGHTS: dict[str, int] = {
    "running": 24,
    "nearing": 12,
    "breached": 20,
    "met": 22,
    "met_late": 6,
    "closed": 16,
}
FALLBACK_STATES = ("running", "met", "nearing", "closed", "breached", "met_late")
MISSED_ATTEMPT_CHANCE = {"running": 0.15, "nearing": 0.4, "breached": 0.6}


class DemoError(RuntimeError):
    """The replay did not go as planned: the text says what happened."""


@dataclass
class Plan:
    """One help request to be: who asks, how, and where its clock should end."""

    resident: Resident
    ask: Ask
    body: str
    state: str
    times: Times
    sender: SenderDetails
    rng: random.Random = field(repr=False)  # for its choices
    clock_rng: random.Random = field(repr=False)  # for its times, which depend on the hour
    new_resident: bool = False  # the sender is not yet known: a possible match
    request_id: int | None = None


@dataclass(order=True)
class Event:
    at: dt.datetime
    seq: int
    run: Callable[[], None] = field(compare=False)


@dataclass
class Cast:
    hub: Organisation
    users: dict[str, User]

    @property
    def coordinator(self) -> User:
        return self.users["coordinator"]


@cache
def urgency_of(body: str, channel: str) -> str:
    return triage(body, channel=channel).urgency


def age_of(resident: Resident, now: dt.datetime) -> int:
    return now.year - (resident.year_of_birth or now.year - 40)


def can_text(resident: Resident) -> bool:
    return resident.phone.startswith("+447") and resident.safe_to_text


# Choosing who asks, and how


def fits(ask: Ask, resident: Resident, age: int) -> bool:
    if not ask.fits(age, group_of(resident.last_name)) or (ask.unsafe and resident.safe_to_text):
        return False
    if ask.channel == "sms":
        return can_text(resident)
    if ask.channel == "web":
        return bool(resident.email or resident.phone.startswith("+447"))
    return True


def choose_ask(resident: Resident, age: int, rng: random.Random) -> Ask:
    usable = [a for a in texts.ASKS if fits(a, resident, age)]
    if not resident.safe_to_text:
        unsafe = [a for a in usable if a.unsafe]
        if unsafe and rng.random() < 0.5:
            return rng.choice(unsafe)
    own = [a for a in usable if a.language == resident.language != "en"]
    english = [
        a
        for a in usable
        if a.language == "en" and (resident.language == "en" or a.channel in texts.NOTE_CHANNELS)
    ]
    if own and (rng.random() < 0.65 or not english):
        return rng.choice(own)
    return rng.choice(english or usable)


def sender_for(resident: Resident, channel: str) -> SenderDetails:
    """What each channel tells us about the sender: a text message only its number."""
    if channel == "sms":
        return SenderDetails(phone=resident.phone)
    language = "" if resident.language == "en" else resident.language
    if channel == "web":
        return SenderDetails(
            first_name=resident.first_name,
            last_name=resident.last_name,
            phone=resident.phone,
            email=resident.email,
            postcode=_postcode(resident),
            language=language,
            safe_to_text=resident.safe_to_text,
        )
    return SenderDetails(
        first_name=resident.first_name,
        last_name=resident.last_name,
        phone=resident.phone,
        email=resident.email,
        address_line1=resident.address.line1 if resident.address else "",
        postcode=_postcode(resident),
        language=language,
        safe_to_text=resident.safe_to_text,
    )


def _postcode(resident: Resident) -> str:
    return resident.address.postcode if resident.address else ""


class Planner:
    """Plans every help request of the demo.

    Who asks, in what words and towards which state comes from one seeded generator, so
    it is the same whenever the demo is loaded. Times depend on the hour it is loaded
    (staff work by day), so each plan draws them from its own generator: an hour's
    difference moves that request's times, never what anyone else says or does.
    """

    def __init__(self, rng: random.Random, now: dt.datetime, seed: int) -> None:
        self.rng = rng
        self.now = now
        self.seed = seed
        self.count = 0

    def own_rngs(self) -> tuple[random.Random, random.Random]:
        """A plan's own generators: one for its choices, one for its times."""
        self.count += 1
        return (
            random.Random(f"{self.seed}:{self.count}:choices"),  # noqa: S311 - not for secrets  # nosec B311
            random.Random(f"{self.seed}:{self.count}:times"),  # noqa: S311  # nosec B311
        )

    def plan(self, resident: Resident, state: str, **limits: dt.timedelta) -> Plan:
        age = age_of(resident, self.now)
        ask = choose_ask(resident, age, self.rng)
        body = ask.text.format(first=resident.first_name, age=age)
        due_after = clocks.DUE_AFTER[urgency_of(body, ask.channel)]
        rng, clock_rng = self.own_rngs()
        for candidate in (state, *FALLBACK_STATES):
            times = schedule(candidate, due_after, self.now, clock_rng, **limits)
            if times is not None:
                sender = sender_for(resident, ask.channel)
                return Plan(resident, ask, body, candidate, times, sender, rng, clock_rng)
        raise DemoError(f"No clock state fits a request from {resident}")

    def state(self) -> str:
        return self.rng.choices(list(STATE_WEIGHTS), weights=list(STATE_WEIGHTS.values()))[0]

    def recent(self, resident: Resident, ask: Ask, limit: dt.timedelta) -> Plan:
        """A request that arrived within the last few hours, its clock still running."""
        body = ask.text.format(first=resident.first_name, age=age_of(resident, self.now))
        due_after = clocks.DUE_AFTER[urgency_of(body, ask.channel)]
        age = min(0.3 * due_after, limit)
        sender = sender_for(resident, ask.channel)
        times = Times(self.now - age)
        return Plan(resident, ask, body, "running", times, sender, *self.own_rngs())

    def everyone(self, residents: Sequence[Resident], special: set[int]) -> list[Plan]:
        """A request from most residents; some asked twice, the first long since closed."""
        askers = [r for r in residents if r.pk not in special]
        self.rng.shuffle(askers)
        askers = askers[:ASKERS]
        plans: list[Plan] = []
        for index, resident in enumerate(askers):
            if index < ASKING_TWICE:
                first = self.plan(resident, "closed", min_close_age=3 * DAY + 12 * HOUR)
                plans.append(first)
                closed_at = first.times.closed_at or first.times.opened_at
                limit = self.now - closed_at - 6 * HOUR
                plans.append(self.plan(resident, self.state(), max_age=limit))
            else:
                plans.append(self.plan(resident, self.state()))
        return plans

    def possible_matches(self, anchors: dict[str, Resident], numbers: Numbers) -> list[Plan]:
        """Messages from someone sharing a known resident's surname and postcode."""
        newcomers = {
            "christine": ("Chris", 1982, False),
            "margaret": ("Maggie", 1951, True),
            "tariq": ("Bilal", 1994, True),
        }
        plans = []
        for tag, (first, year, with_address) in newcomers.items():
            known = anchors[tag]
            ask = texts.POSSIBLE_MATCH_ASKS[tag]
            age = self.now.year - year
            body = ask.text.format(first=first, age=age)
            sender = SenderDetails(
                first_name=first,
                last_name=known.last_name,
                phone=numbers.mobile(),
                address_line1=known.address.line1 if with_address and known.address else "",
                postcode=_postcode(known),
                year_of_birth=year,
                safe_to_text=True,
            )
            due_after = clocks.DUE_AFTER[urgency_of(body, ask.channel)]
            rng, clock_rng = self.own_rngs()
            times = schedule("running", due_after, self.now, clock_rng, max_age=2 * DAY)
            times = times or Times(self.now - 0.2 * due_after)
            plan = Plan(
                known, ask, body, "running", times, sender, rng, clock_rng, new_resident=True
            )
            plans.append(plan)
        return plans


class Replay:
    """Plays every plan's events in time order, through the real actions."""

    def __init__(self, cast: Cast, now: dt.datetime) -> None:
        self.cast = cast
        self.now = now
        self.events: list[Event] = []

    def add(self, at: dt.datetime, run: Callable[[], None]) -> None:
        if at < self.now:
            self.events.append(Event(at, len(self.events), run))

    def run(self, plans: Sequence[Plan]) -> None:
        for plan in plans:
            self.add_plan(plan)
        moment = self.now - HORIZON
        while moment < self.now:
            self.add(moment, partial(self._check_clocks, moment))
            moment += CHECK_CLOCKS_EVERY
        for event in sorted(self.events):
            with clock.frozen_at(event.at):
                event.run()

    def add_plan(self, plan: Plan) -> None:
        times = plan.times
        self.add(times.opened_at, lambda: self.receive(plan))
        self._missed_attempts(plan)
        if times.contact_at is not None:
            self._contact(plan, times.contact_at)
        if times.closed_at is not None:
            self.add(times.closed_at, lambda: self.close(plan))
            if can_text(plan.resident) and plan.rng.random() < 0.3:
                later = times.closed_at + plan.clock_rng.uniform(1, 30) * HOUR
                at = staff_time(later, times.closed_at, self.now - MINUTE, plan.clock_rng)
                self.add(at, lambda: self.text(plan, texts.FOLLOW_UP_TEXT))

    # Planning each request's events

    def _missed_attempts(self, plan: Plan) -> None:
        times = plan.times
        earliest = times.opened_at + 5 * MINUTE
        if times.contact_at is not None:
            if plan.rng.random() < 0.25 and times.contact_at - earliest > HOUR:
                self._missed(
                    plan, between(earliest, times.contact_at - 40 * MINUTE, plan.clock_rng)
                )
            return
        if plan.new_resident or plan.rng.random() >= MISSED_ATTEMPT_CHANCE.get(plan.state, 0):
            return
        for _ in range(plan.rng.choice((1, 1, 2))):
            self._missed(plan, between(earliest, self.now - 10 * MINUTE, plan.clock_rng))

    def _missed(self, plan: Plan, at: dt.datetime) -> None:
        resident = plan.resident
        if resident.phone:
            method, note = "phone", plan.rng.choice(texts.MISSED_NOTES)
        elif resident.email:
            method, note = "email", "Emailed; no reply yet."
        else:
            method, note = "visit", "Knocked; no answer. Left a card with the hub's number."
        self.add(at, lambda: self.attempt(plan, reached=False, method=method, note=note))
        if can_text(plan.resident) and plan.rng.random() < 0.5:
            self.add(at + dt.timedelta(minutes=2), lambda: self.text(plan, texts.MISSED_TEXT))

    def _contact(self, plan: Plan, at: dt.datetime) -> None:
        resident = plan.resident
        gap = at - plan.times.opened_at
        if can_text(resident) and plan.rng.random() < 0.5:
            reply = plan.rng.choice(texts.REPLIES_IN.get(resident.language, texts.REPLIES_IN["en"]))
            sent_at = at - min(dt.timedelta(minutes=25), gap * 0.6)
            self.add(sent_at, lambda: self.text(plan, texts.FIRST_TEXT))
            self.add(at - min(dt.timedelta(minutes=8), gap * 0.3), lambda: self.reply(plan, reply))
            method, note = "sms", "Exchanged texts and agreed what happens next."
        elif resident.phone:
            method, note = "phone", plan.rng.choice(texts.CONTACT_NOTES)
        elif resident.email:
            sent_at = at - min(dt.timedelta(minutes=30), gap * 0.6)
            self.add(sent_at, lambda: self.text(plan, texts.FIRST_TEXT))
            method, note = "email", "Exchanged emails; they replied the same day."
        else:
            method, note = "visit", "Visited at home; spoke on the doorstep and then inside."
        self.add(at, lambda: self.attempt(plan, reached=True, method=method, note=note))
        if plan.rng.random() < 0.55:
            self.add(at + dt.timedelta(minutes=12), lambda: self.fact_note(plan))
        if plan.rng.random() < 0.25:
            opinion = plan.rng.choice(texts.OPINION_NOTES)
            self.add(at + dt.timedelta(minutes=14), lambda: self.note(plan, "opinion", opinion))

    # The events themselves, each run with the clock frozen at its moment

    def receive(self, plan: Plan) -> None:
        ask = plan.ask
        received = do_receive_message(
            self.cast.hub.pk,
            channel=ask.channel,
            body=plan.body,
            sender=plan.sender,
            provider_id=self._provider_id(plan, ask.channel),
            received_at=clock.now(),
            author=self._author(plan),
            referrer=self._referrer(ask),
        )
        message = received.message
        if message.processing_error:
            raise DemoError(f"A demo message could not be processed: {message.processing_error}")
        request = received.help_request
        if request is None or message.conversation is None:
            raise DemoError(f"No help request was opened for {plan.body[:60]!r}")
        resident_id = message.conversation.resident_id
        if plan.new_resident == (resident_id == plan.resident.pk):
            raise DemoError(f"The message {plan.body[:60]!r} reached the wrong resident")
        if request.opened_at != clock.now():
            raise DemoError(f"{plan.body[:60]!r} joined an open request instead of a new one")
        plan.request_id = request.pk

    def reply(self, plan: Plan, body: str) -> None:
        do_receive_message(
            self.cast.hub.pk,
            channel="sms",
            body=body,
            sender=SenderDetails(phone=plan.resident.phone),
            provider_id=self._provider_id(plan, "sms"),
            received_at=clock.now(),
        )

    def attempt(self, plan: Plan, *, reached: bool, method: str, note: str) -> None:
        request = self._request(plan)
        do_record_contact(self._guide(request), request, method=method, reached=reached, note=note)

    def text(self, plan: Plan, template: str) -> None:
        request = self._request(plan)
        guide = self._guide(request)
        body = template.format(first=plan.resident.first_name, guide=guide.first_name)
        try:
            do_send_message(guide, plan.resident, body)
        except CannotReach:
            return

    def fact_note(self, plan: Plan) -> None:
        """A fact about one of the request's needs, or a general one."""
        codes = self._request(plan).needs.values_list("code", flat=True)
        facts = [fact for code in codes for fact in texts.FACT_NOTES.get(code, ())]
        self.note(plan, "fact", plan.rng.choice(facts or texts.FACT_NOTES["any"]))

    def note(self, plan: Plan, kind: str, body: str) -> None:
        request = self._request(plan)
        do_add_note(self._guide(request), request, kind=kind, body=body)

    def close(self, plan: Plan) -> None:
        request = self._request(plan)
        guide = self._guide(request)
        network = list(plan.resident.network.all())
        for need in request.needs.filter(status=Need.Status.OPEN).order_by("pk"):
            status = plan.rng.choices(
                (Need.Status.MET, Need.Status.NOT_MET, Need.Status.NO_LONGER_NEEDED),
                weights=(80, 8, 12),
            )[0]
            met_by = self._met_by(plan, need.code, network) if status == Need.Status.MET else ""
            outcome = plan.rng.choice(texts.OUTCOMES[status])
            do_record_need_outcome(guide, need, status=status, outcome=outcome, met_by=met_by)

    def _met_by(self, plan: Plan, code: str, network: list[NetworkMember]) -> str:
        own = [m for m in network if code in m.helps_with]
        if own and plan.rng.random() < 0.7:
            return str(plan.rng.choice(own))
        return plan.rng.choice(texts.HELPERS.get(code, texts.HELPERS["other"]))

    def _check_clocks(self, at: dt.datetime) -> None:
        do_check_clocks(at)

    # Helpers

    def _request(self, plan: Plan) -> HelpRequest:
        if plan.request_id is None:
            raise DemoError(f"An event for {plan.body[:60]!r} came before its message")
        return HelpRequest.objects.select_related("guide", "resident").get(pk=plan.request_id)

    def _guide(self, request: HelpRequest) -> User:
        return request.guide or self.cast.coordinator

    def _author(self, plan: Plan) -> User | None:
        channel = plan.ask.channel
        if channel == "referral":
            return self.cast.users["caseworker"]
        if channel == "phone_note":
            return self.cast.users["callhandler"]
        if channel == "walk_in":
            return self.cast.users["callhandler" if plan.rng.random() < 0.7 else "coordinator"]
        return None

    def _referrer(self, ask: Ask) -> dict[str, str]:
        if ask.channel != "referral":
            return {}
        caseworker = self.cast.users["caseworker"]
        name, organisation, contact = texts.REFERRERS.get(
            ask.referrer,
            (caseworker.display_name, "Trafford Community Health (NHS)", caseworker.email),
        )
        return {"name": name, "organisation": organisation, "contact": contact}

    def _provider_id(self, plan: Plan, channel: str) -> str:
        token = str(uuid.UUID(int=plan.rng.getrandbits(128), version=4))
        prefix = {"sms": "", "web": "web:"}.get(channel, "note:")
        return f"{prefix}{token}"


@dataclass(frozen=True)
class Outcome:
    """What the replay left behind, for the summary and the checks."""

    clock_states: dict[str, int]
    possible_matches: int
    contact_attempts: int
    notes: int


def outcome(hub: Organisation, now: dt.datetime) -> Outcome:
    states: dict[str, int] = dict.fromkeys(
        ("running", "nearing", "breached", "met", "met_late", "closed"), 0
    )
    for request in HelpRequest.objects.filter(organisation=hub):
        key = "closed" if request.status == HelpRequest.Status.CLOSED else request.clock_state(now)
        states[str(key)] += 1
    return Outcome(
        clock_states=states,
        possible_matches=PossibleMatch.objects.filter(new_resident__organisation=hub).count(),
        contact_attempts=ContactAttempt.objects.filter(help_request__organisation=hub).count(),
        notes=CaseNote.objects.filter(help_request__organisation=hub).count(),
    )
