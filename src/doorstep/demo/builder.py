"""Builds (and removes) the whole demo: places, organisations, staff, residents, requests."""

from __future__ import annotations

import datetime as dt
import random
import time
from collections.abc import Iterator
from dataclasses import dataclass

from django.db import transaction
from django.db.models import F, ProtectedError

from doorstep.accounts.models import Organisation, Role, User
from doorstep.cases.actions import do_check_clocks
from doorstep.cases.models import HelpRequest
from doorstep.conversations.models import Message
from doorstep.demo import texts
from doorstep.demo.activity import Cast, DemoError, Outcome, Planner, Replay, outcome
from doorstep.demo.reference import load_postcodes, load_wards, read_postcodes, shared_data_dir
from doorstep.demo.residents import (
    POSSIBLE_MATCHES,
    RESIDENTS,
    Imagine,
    PlacedHousehold,
    Placer,
    store_households,
)
from doorstep.demo.second_factor import give_demo_devices
from doorstep.demo.staff import (
    DEMO_ORGANISATION_NAMES,
    FAITH_NAME,
    GUIDE_USERNAME,
    HUB_NAME,
    KITCHEN_NAME,
    LOCAL_GUIDES,
    MUTUAL_AID_NAME,
    NHS_NAME,
    PASSWORD,
    ROLE_USERS,
    create_organisations,
    create_staff,
)
from doorstep.directory.demo import load_demo_directory
from doorstep.lib import clock
from doorstep.offers.demo import link_demo_groups, load_demo_offers, remove_demo_offers
from doorstep.people.models import Household, Resident
from doorstep.places.models import Address
from doorstep.sharing.demo import load_demo_agreements
from doorstep.sharing.models import Agreement

SEED = 2026
JIM_WITHIN = dt.timedelta(hours=2, minutes=30)
MO_WITHIN = dt.timedelta(hours=1, minutes=30)
BASE_URL = "http://127.0.0.1:8000"


@dataclass(frozen=True)
class Summary:
    residents: int
    households: int
    requests: int
    guides: int
    outcome: Outcome
    mo_guide: str
    removed: int  # residents of an earlier demo, deleted first
    seconds: float


def demo_loaded() -> bool:
    """Whether the demo's hub is already there."""
    return Organisation.objects.filter(name=HUB_NAME, is_hub=True).exists()


def build_demo(*, reset: bool = False, seed: int = SEED) -> Summary:
    """Load everything in one transaction (after deleting the old demo, with `reset`).

    The same seed gives the same demo. If anything fails nothing changes, old demo included.
    """
    started = time.monotonic()
    rng = random.Random(seed)  # noqa: S311 - made-up people, not secrets  # nosec B311
    now = clock.now()
    folder = shared_data_dir()
    with transaction.atomic():
        removed = _remove_old_demo() if reset else 0
        _check_usernames_free()
        wards = load_wards(folder)
        postcodes = read_postcodes(folder)
        load_postcodes(postcodes)
        organisations = create_organisations()
        hub = organisations[HUB_NAME]
        users = create_staff(organisations, {w.name: w for w in wards.values()})
        imagine = Imagine(rng, now.year)
        placer = Placer(rng, postcodes, wards)
        placed = [
            PlacedHousehold(spec, placer.address(spec.line1, spec.ward))
            for spec in imagine.households(RESIDENTS - POSSIBLE_MATCHES)
        ]
        tagged = store_households(hub, placed)
        residents = list(
            Resident.objects.filter(organisation=hub).select_related("address").order_by("pk")
        )
        planner = Planner(rng, now, seed)
        jim, mo = tagged["jim"], tagged["mo"]
        plans = planner.everyone(residents, special={jim.pk, mo.pk})
        plans += planner.possible_matches(tagged, imagine.numbers)
        plans += [
            planner.recent(jim, texts.JIM_ASK, JIM_WITHIN),
            planner.recent(mo, texts.MO_ASK, MO_WITHIN),
        ]
        Replay(Cast(hub, users), now).run(plans)
        give_demo_devices(list(organisations.values()))
        load_demo_directory(hub)
        load_demo_offers(hub)
        partners = _partners(organisations)
        link_demo_groups(hub, [partners["kitchen"], partners["mutual_aid"]])
        load_demo_agreements(users["dpo"], hub, partners, now.date())
        do_check_clocks()  # at the real time, so the alerts are today's
    _backdate_deliveries(hub)
    return _summary(hub, mo, removed, time.monotonic() - started)


def _partners(organisations: dict[str, Organisation]) -> dict[str, Organisation]:
    names = {
        "nhs": NHS_NAME,
        "kitchen": KITCHEN_NAME,
        "mutual_aid": MUTUAL_AID_NAME,
        "faith": FAITH_NAME,
    }
    return {key: organisations[name] for key, name in names.items()}


def _remove_old_demo() -> int:
    try:
        return remove_demo()
    except ProtectedError as exc:
        kinds = sorted({obj._meta.label for obj in exc.protected_objects})
        raise DemoError(
            f"The old demo cannot be deleted: {', '.join(kinds)} rows made since it was loaded "
            "still point at it. Delete those first, or start from a new database "
            "(remove var/doorstep.sqlite3 and run `manage.py migrate`)."
        ) from exc


def _check_usernames_free() -> None:
    taken = User.objects.filter(
        username__in=[spec.username for spec in (*ROLE_USERS, *LOCAL_GUIDES)]
    ).values_list("username", flat=True)
    if taken:
        raise DemoError(
            f"These usernames are taken by people outside the demo: {', '.join(sorted(taken))}. "
            "Rename them, or load the demo into an empty database."
        )


def _backdate_deliveries(hub: Organisation) -> None:
    """Replayed messages were handed to the outbox on commit: date them when they were sent."""
    Message.objects.filter(
        organisation=hub, direction=Message.Direction.OUT, sent_at__isnull=False
    ).update(sent_at=F("received_at"))


def _summary(hub: Organisation, mo: Resident, removed: int, seconds: float) -> Summary:
    mo_request = (
        HelpRequest.objects.filter(resident=mo)
        .select_related("guide")
        .order_by("-opened_at")
        .first()
    )
    mo_guide = mo_request.guide.username if mo_request and mo_request.guide else ""
    return Summary(
        residents=Resident.objects.filter(organisation=hub).count(),
        households=Household.objects.filter(organisation=hub).count(),
        requests=HelpRequest.objects.filter(organisation=hub).count(),
        guides=User.objects.filter(organisation=hub, role=Role.LOCAL_GUIDE).count(),
        outcome=outcome(hub, clock.now()),
        mo_guide=mo_guide,
        removed=removed,
        seconds=seconds,
    )


@transaction.atomic
def remove_demo() -> int:
    """Delete the demo's organisations and everything that hangs off them. Returns residents.

    Wards and postcodes stay: they are real reference data, refreshed by the next load.
    """
    organisations = Organisation.objects.filter(name__in=DEMO_ORGANISATION_NAMES)
    residents = Resident.objects.filter(organisation__in=organisations)
    households = Household.objects.filter(organisation__in=organisations)
    address_ids = {pk for pk in residents.values_list("address_id", flat=True) if pk} | set(
        households.values_list("address_id", flat=True)
    )
    count = residents.count()
    Agreement.objects.filter(parties__organisation__in=organisations).delete()
    Message.objects.filter(organisation__in=organisations).delete()
    HelpRequest.objects.filter(organisation__in=organisations).delete()
    residents.delete()
    households.delete()
    Address.objects.filter(
        pk__in=address_ids, residents__isnull=True, households__isnull=True
    ).delete()
    remove_demo_offers(organisations)
    User.objects.filter(organisation__in=organisations).delete()
    organisations.delete()
    return count


def summary_lines(summary: Summary) -> Iterator[str]:
    """What `load_demo` prints: counts, sign-ins, and where to look first."""
    states = summary.outcome.clock_states
    if summary.removed:
        yield f"Deleted the earlier demo ({summary.removed} residents and everything about them)."
    yield f"Loaded the Doorstep demo in {summary.seconds:.1f} s."
    yield (
        f"  {summary.residents} residents in {summary.households} households; "
        f"{summary.guides} Local Guides."
    )
    yield (
        f"  {summary.requests} help requests by clock: {states['running']} running, "
        f"{states['nearing']} nearing a breach, {states['breached']} breached, "
        f"{states['met']} met, {states['met_late']} met late, {states['closed']} closed."
    )
    yield (
        f"  {summary.outcome.contact_attempts} contact attempts, {summary.outcome.notes} notes, "
        f"{summary.outcome.possible_matches} possible matches to decide."
    )
    if summary.mo_guide != GUIDE_USERNAME:
        who = summary.mo_guide or "nobody"
        yield f"  WARNING: Mo's request went to {who}, not {GUIDE_USERNAME}."
    yield ""
    yield f"Demo sign-ins (username / password: role), all with password {PASSWORD}:"
    for spec in ROLE_USERS:
        label = Role(spec.role).label
        yield f"  {spec.username} / {PASSWORD}: {label} ({spec.first_name} {spec.last_name})"
    others = ", ".join(spec.username for spec in LOCAL_GUIDES)
    yield f"  and {len(LOCAL_GUIDES)} more Local Guides: {others}"
    yield "  After the password, Doorstep asks for a code from an authenticator app. For the demo,"
    yield "  get it in another terminal with `make code USER=guide` (or any username above)."
    yield ""
    yield "Where to look first:"
    yield (
        f"  1. Sign in as `guide` at {BASE_URL}/ -> My residents: Mo's request "
        "(French, shielding, hotel food is not halal), its clock running."
    )
    yield ("     Open his food need's 'Who can help' and ask Old Trafford Community Kitchen.")
    yield (
        "  2. Sign in as `leader` (the kitchen) -> Requests for your group: accept it, "
        "hand it to Yusuf or report back."
    )
    yield (
        f"  3. Sign in as `coordinator` -> Coordinator view ({BASE_URL}/coordinator/) "
        f"and Batch assignment ({BASE_URL}/coordinator/batch/)."
    )
    yield f"  4. The resident page, where anyone can ask for help: {BASE_URL}/ask/"
    yield f"  5. The outbox, every message Doorstep has sent: {BASE_URL}/outbox/"
    yield f"  Also: possible matches to decide at {BASE_URL}/who-is-this/"
