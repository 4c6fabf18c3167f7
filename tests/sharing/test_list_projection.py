"""List pages show residents only through the access policy: one decision per kind of row.

The queue, the coordinator's page, the outbox and "Who is this?" each project their rows
with `project_rows`: a resident with an open restriction shows nothing for casework, an
unrestricted one shows what the role allows; safeguarding and special-category fields
shown on a page are logged once for the page; query counts do not grow with the rows.
Only synthetic people.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from doorstep.accounts.models import Organisation, User
from doorstep.audit.models import AuditEvent
from doorstep.cases.models import ClockAlert, HelpRequest, Need
from doorstep.conversations.models import Conversation, Message, PossibleMatch
from doorstep.lib import clock
from doorstep.people.models import Resident
from doorstep.sharing import catalogue as cat
from doorstep.sharing import policy
from doorstep.sharing.access import NOT_SHOWN, project_rows, shown_name
from doorstep.sharing.actions import do_break_glass
from doorstep.sharing.holds import raise_rights_request
from doorstep.sharing.models import Agreement, ShareEvent
from tests import factories
from tests.helpers import signed_in
from tests.sharing.factories import make_help_request

_serial = itertools.count(1)

# The restricted resident: nothing of theirs may reach a casework list page.
RITA = {"first_name": "Rita", "last_name": "Quenby", "phone": "+447700900801"}
RITA_SAYS = "please help with my prescription from Quenby chemist"
# The unrestricted resident: their name, phone and words are shown.
OLLIE = {"first_name": "Ollie", "last_name": "Marchetti", "phone": "+447700900802"}
OLLIE_SAYS = "need a food parcel this week, cupboards empty"


def a_resident(hub: Organisation, **fields: Any) -> Resident:
    n = next(_serial)
    defaults = {"first_name": f"Person{n}", "last_name": "Example", "phone": f"+4477009{n:05d}"}
    return factories.make_resident(hub, **{**defaults, **fields})


def asking(resident: Resident, says: str, guide: User | None, **request: Any) -> HelpRequest:
    """A resident who texted for help: their thread, an open request and a need."""
    now = clock.now()
    conversation = Conversation.objects.create(
        resident=resident, created_at=now, last_message_at=now
    )
    Message.objects.create(
        organisation_id=resident.organisation_id,
        conversation=conversation,
        direction=Message.Direction.IN,
        channel="sms",
        body=says,
        received_at=now,
    )
    help_request = make_help_request(resident, guide=guide, **request)
    Need.objects.create(help_request=help_request, code="medicine")
    return help_request


def sent_to(resident: Resident, body: str) -> Message:
    conversation, _ = Conversation.objects.get_or_create(
        resident=resident, defaults={"created_at": clock.now(), "last_message_at": clock.now()}
    )
    return Message.objects.create(
        organisation_id=resident.organisation_id,
        conversation=conversation,
        direction=Message.Direction.OUT,
        channel="sms",
        body=body,
        to=resident.phone,
        received_at=clock.now(),
    )


def restrict(by: User, resident: Resident) -> None:
    raise_rights_request(by, resident, "restriction", "Asked us to pause using their data")


def page(client: Client, user: User, url: str) -> str:
    response = signed_in(client, user).get(url)
    assert response.status_code == 200
    return response.content.decode()


def reads() -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(action="read").order_by("sequence"))


@pytest.fixture
def rita(hub: Organisation, alice: User) -> Resident:
    resident = factories.make_resident(hub, **RITA)
    restrict(alice, resident)
    return resident


@pytest.fixture
def ollie(hub: Organisation) -> Resident:
    return factories.make_resident(hub, **OLLIE)


@pytest.fixture
def two_requests(alice: User, rita: Resident, ollie: Resident) -> tuple[HelpRequest, HelpRequest]:
    return (
        asking(rita, RITA_SAYS, alice, safeguarding=True),
        asking(ollie, OLLIE_SAYS, alice, safeguarding=True),
    )


def assert_only_ollie(html: str) -> None:
    for shown in ("Ollie", "Marchetti"):
        assert shown in html
    for hidden in ("Rita", "Quenby", RITA["phone"], RITA_SAYS[:20]):
        assert hidden not in html
    assert NOT_SHOWN in html


# The pages


def test_the_queue_shows_an_unrestricted_resident_and_hides_a_restricted_one(
    client: Client, alice: User, two_requests: tuple[HelpRequest, HelpRequest]
) -> None:
    html = page(client, alice, "/guide/")
    assert_only_ollie(html)
    assert OLLIE_SAYS[:20] in html
    assert html.count("Safeguarding</strong>") == 1  # Rita's flag is held back too
    rita_request = two_requests[0]
    assert f'href="/requests/{rita_request.pk}/"' in html  # the row is there, to be worked


def test_the_coordinator_page_shows_only_what_the_policy_allows(
    client: Client, bob: User, two_requests: tuple[HelpRequest, HelpRequest]
) -> None:
    for help_request in two_requests:
        ClockAlert.objects.create(help_request=help_request, kind="nearing", created_at=clock.now())
    html = page(client, bob, "/coordinator/")
    assert_only_ollie(html)
    assert html.count("Ollie Marchetti") == 3  # the row, its checkbox label and its alert


def test_the_outbox_shows_an_unrestricted_residents_messages_only(
    client: Client, alice: User, rita: Resident, ollie: Resident
) -> None:
    sent_to(rita, "Hello Rita, your Quenby chemist run is booked")
    sent_to(ollie, "Hello Ollie, a food parcel is on its way")
    html = page(client, alice, "/outbox/")
    assert_only_ollie(html)
    assert OLLIE["phone"] in html
    assert "a food parcel is on its way" in html
    assert "chemist run" not in html


def test_who_is_this_shows_an_unrestricted_pair_and_hides_a_restricted_one(
    client: Client, hub: Organisation, alice: User, rita: Resident, ollie: Resident
) -> None:
    rita_again = factories.make_resident(hub, **{**RITA, "last_name": ""})
    restrict(alice, rita_again)
    ollie_again = factories.make_resident(hub, **{**OLLIE, "last_name": ""})
    for new, known in ((rita_again, rita), (ollie_again, ollie)):
        PossibleMatch.objects.create(
            new_resident=new,
            known_resident=known,
            score=0.8,
            reasons=["same phone"],
            created_at=clock.now(),
        )
    html = page(client, alice, "/who-is-this/")
    assert_only_ollie(html)
    assert html.count(OLLIE["phone"]) == 2
    assert "Ollie may be Ollie Marchetti" in html


def test_a_break_glass_grant_opens_a_restricted_row_and_is_logged(
    client: Client, alice: User, rita: Resident, two_requests: tuple[HelpRequest, HelpRequest]
) -> None:
    do_break_glass(alice, rita, "Neighbour says she has not been seen for days")
    html = page(client, alice, "/guide/")
    assert "Rita Quenby" in html
    assert RITA_SAYS[:20] in html
    uses = AuditEvent.objects.filter(action="break_glass", subject_id=str(rita.pk))
    assert uses.count() == 3  # the grant, then one use per record type on the page


# The audit log: one entry per page view


@pytest.mark.parametrize(("who", "url"), [("alice", "/guide/"), ("bob", "/coordinator/")])
def test_one_audit_entry_per_page_view_names_the_requests(
    client: Client,
    request: pytest.FixtureRequest,
    hub: Organisation,
    alice: User,
    who: str,
    url: str,
    two_requests: tuple[HelpRequest, HelpRequest],
) -> None:
    more = [asking(a_resident(hub), "need shopping", alice) for _ in range(4)]
    user: User = request.getfixturevalue(who)
    before = len(reads())
    page(client, user, url)
    after = reads()
    assert len(after) == before + 1
    entry = after[-1]
    assert entry.purpose == "casework"
    assert entry.basis == policy.OWN_ORGANISATION
    assert {"safeguarding", "risk_to_life", "needs", "thread"} <= set(entry.fields)
    shown = sorted([two_requests[1].pk, *(r.pk for r in more)])
    assert entry.detail["records"] == {"cases.HelpRequest": shown}  # not Rita's: not shown
    assert entry.detail["page"] in ("guide_queue", "coordinator")
    page(client, user, url)
    assert len(reads()) == before + 2


def test_a_page_showing_nothing_sensitive_writes_no_read(
    client: Client, hub: Organisation, alice: User, ollie: Resident
) -> None:
    PossibleMatch.objects.create(
        new_resident=a_resident(hub), known_resident=ollie, score=0.8, created_at=clock.now()
    )
    page(client, alice, "/who-is-this/")
    assert reads() == []


# Query counts do not grow with the rows


def queries(client: Client, user: User, url: str) -> int:
    signed_in(client, user)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def add_queue_rows(hub: Organisation, alice: User, count: int) -> None:
    for n in range(count):
        resident = a_resident(hub)
        help_request = asking(resident, f"help with shopping {n}", alice, safeguarding=n % 2 == 0)
        if n % 5 == 0:
            restrict(alice, resident)
        if n % 3 == 0:
            ClockAlert.objects.create(
                help_request=help_request, kind="nearing", created_at=clock.now()
            )


def add_outbox_rows(hub: Organisation, alice: User, count: int) -> None:
    for n in range(count):
        resident = a_resident(hub)
        sent_to(resident, f"Your helper comes at {n} o'clock")
        if n % 5 == 0:
            restrict(alice, resident)


def add_matches(hub: Organisation, alice: User, count: int) -> None:
    for n in range(count):
        known, new = (
            a_resident(hub, address=factories.make_address(f"{n} Example Street")),
            a_resident(hub),
        )
        PossibleMatch.objects.create(
            new_resident=new, known_resident=known, score=0.5, created_at=clock.now()
        )
        if n % 5 == 0:
            restrict(alice, known)


Adder = Callable[[Organisation, User, int], None]


@pytest.mark.parametrize(
    ("who", "url", "add"),
    [
        ("alice", "/guide/", add_queue_rows),
        ("bob", "/coordinator/", add_queue_rows),
        ("alice", "/outbox/", add_outbox_rows),
        ("alice", "/who-is-this/", add_matches),
    ],
)
def test_query_count_does_not_grow_with_rows(
    client: Client,
    request: pytest.FixtureRequest,
    hub: Organisation,
    alice: User,
    who: str,
    url: str,
    add: Adder,
) -> None:
    user: User = request.getfixturevalue(who)
    add(hub, alice, 3)
    with_three = queries(client, user, url)
    add(hub, alice, 27)
    with_thirty = queries(client, user, url)
    assert with_thirty == with_three


# The helper itself


def test_the_policy_is_asked_once_per_distinct_decision(
    hub: Organisation, alice: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    residents = [a_resident(hub) for _ in range(30)]
    restrict(alice, residents[3])
    restrict(alice, residents[7])
    asked = []
    decide = policy.decide

    def counting(*args: Any, **kwargs: Any) -> policy.Decision:
        asked.append(args[2])
        return decide(*args, **kwargs)

    monkeypatch.setattr(policy, "decide", counting)
    rows = project_rows(alice, "casework", residents, ("first_name", "phone"))
    assert asked == [cat.RESIDENT, cat.RESIDENT]  # unrestricted once, restricted once
    assert rows[3] == rows[7] == {}
    assert rows[0] == {"first_name": residents[0].first_name, "phone": residents[0].phone}
    assert [shown_name(r) for r in rows].count(NOT_SHOWN) == 2


def test_only_the_fields_asked_for_and_allowed_are_returned(
    hub: Organisation, charlie: User, alice: User
) -> None:
    resident = a_resident(hub, accessibility_needs="Uses a hearing aid")
    assert project_rows(alice, "casework", [resident], ("first_name", "email")) == [
        {"first_name": resident.first_name, "email": ""}
    ]
    assert project_rows(charlie, "casework", [resident]) == [{}]  # no agreement with his org


def test_a_partner_sees_the_agreements_fields_and_each_read_is_a_share(
    hub: Organisation, nadia: User, hub_nhs: Agreement, ollie: Resident, rita: Resident
) -> None:
    rows = project_rows(nadia, "casework", [ollie, rita], ("first_name", "last_name", "phone"))
    assert rows == [{"first_name": "Ollie", "phone": OLLIE["phone"]}, {}]
    shared = ShareEvent.objects.get()
    assert (shared.record_type, shared.record_id, shared.purpose) == (
        cat.RESIDENT,
        ollie.pk,
        "casework",
    )


def test_needs_of_a_list_are_logged_once_with_their_ids(
    hub: Organisation, alice: User, ollie: Resident
) -> None:
    requests = [asking(a_resident(hub), "need medicine", alice) for _ in range(3)]
    rows = project_rows(alice, "casework", requests, ("status", "needs"), page="a list")
    assert [r["needs"] for r in rows] == [["medicine"]] * 3
    (entry,) = reads()
    assert entry.detail == {
        "page": "a list",
        "records": {"cases.HelpRequest": sorted(r.pk for r in requests)},
        "residents": sorted(r.resident_id for r in requests),
    }
    assert entry.subject_id == ""  # many residents: they are named in the detail


def test_an_empty_list_asks_nothing(alice: User, frozen_clock: dt.datetime) -> None:
    with CaptureQueriesContext(connection) as captured:
        assert project_rows(alice, "casework", []) == []
    assert len(captured) == 0


def test_a_page_about_one_resident_names_them_as_the_subject(
    hub: Organisation, alice: User, ollie: Resident
) -> None:
    help_request = asking(ollie, OLLIE_SAYS, alice, risk_to_life=True)
    rows = project_rows(alice, "casework", [help_request], ("risk_to_life",))
    assert rows == [{"risk_to_life": True}]
    (entry,) = reads()
    assert (entry.subject_type, entry.subject_id) == ("people.Resident", str(ollie.pk))


def test_a_subject_access_export_lists_the_list_pages_that_showed_them(
    client: Client, hub: Organisation, alice: User, dora: User, ollie: Resident
) -> None:
    from doorstep.sharing.rights import subject_access_export

    asking(ollie, OLLIE_SAYS, alice, safeguarding=True)
    others = [asking(a_resident(hub), "need shopping", alice) for _ in range(2)]
    page(client, alice, "/guide/")
    export = subject_access_export(dora, ollie)
    pages = [e for e in export["audit"] if e["action"] == "Read" and "guide_queue" in str(e)]
    assert len(pages) == 1
    unnamed = subject_access_export(dora, others[0].resident)
    assert [e for e in unnamed["audit"] if "guide_queue" in str(e)] != []
    stranger = factories.make_resident(hub, first_name="Unseen")
    assert [
        e for e in subject_access_export(dora, stranger)["audit"] if "guide_queue" in str(e)
    ] == []
