"""The retention purge removes exactly what has expired and respects holds (invariant 9).

The clock stands at 23 November 2026, 09:00; the default retention is 730 days.
Only synthetic people.
"""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.management import call_command
from pytest_django.fixtures import Settings

from doorstep.accounts.models import Organisation, User
from doorstep.audit.models import AuditEvent
from doorstep.cases.models import CaseNote, ContactAttempt, HelpRequest, Need
from doorstep.conversations.models import Conversation, Message, PossibleMatch
from doorstep.lib import clock
from doorstep.people.models import Household, NetworkMember, Resident
from doorstep.sharing.actions import do_share
from doorstep.sharing.holds import lift_hold, place_hold
from doorstep.sharing.models import Purge, ShareEvent
from doorstep.sharing.retention import purge_expired, retention_days_for
from tests import factories
from tests.sharing.factories import add_note, make_agreement, make_help_request

PERIOD = dt.timedelta(days=730)
MINUTE = dt.timedelta(minutes=1)


@pytest.fixture(autouse=True)
def _retention(settings: Settings) -> None:
    settings.DOORSTEP_RETENTION_DAYS = 730


def closed_ago(hub: Organisation, guide: User, age: dt.timedelta, name: str = "Robin") -> Resident:
    """A resident with one request, closed `age` ago, and a little of everything."""
    closed = clock.now() - age
    address = factories.make_address(f"{name} House")
    resident = factories.make_resident(
        hub,
        first_name=name,
        last_name="Example",
        email=f"{name.lower()}@example.org",
        year_of_birth=1950,
        address=address,
        household=Household.objects.create(organisation=hub, address=address),
        accessibility_needs="Hard of hearing",
        preferred_times="Mornings",
    )
    NetworkMember.objects.create(resident=resident, name="Kim Example", relationship="family")
    thread = Conversation.objects.create(
        resident=resident, created_at=closed - age, last_message_at=closed - MINUTE
    )
    Message.objects.create(
        organisation=hub,
        conversation=thread,
        direction="in",
        channel="sms",
        body=f"Hello, it is {name}",
        sender={"first_name": name},
        to="+447700900000",
        received_at=closed - MINUTE,
    )
    request = make_help_request(
        resident,
        opened_at=closed - dt.timedelta(days=3),
        status="closed",
        closed_at=closed,
        guide=guide,
        guide_reason="Speaks the language",
        urgency="urgent",
    )
    Need.objects.create(
        help_request=request, code="food", status="met", outcome="Parcel", met_by="Food bank"
    )
    add_note(request, guide, CaseNote.Kind.FACT, f"{name} has a cat")
    ContactAttempt.objects.create(
        help_request=request, guide=guide, method="phone", reached=True, note="Spoke", at=closed
    )
    return resident


def snapshot() -> list[object]:
    """Everything the purge could change, to prove that nothing did."""
    return [
        list(Resident.objects.order_by("pk").values()),
        list(NetworkMember.objects.order_by("pk").values()),
        list(Message.objects.order_by("pk").values()),
        list(HelpRequest.objects.order_by("pk").values()),
        list(Need.objects.order_by("pk").values()),
        list(CaseNote.objects.order_by("pk").values()),
        list(ContactAttempt.objects.order_by("pk").values()),
        list(PossibleMatch.objects.order_by("pk").values()),
        list(AuditEvent.objects.order_by("sequence").values_list("hash", flat=True)),
        list(Purge.objects.values()),
    ]


def refer(by: User, to: Organisation, resident: Resident, fields: tuple[str, ...]) -> None:
    do_share(
        by,
        to_org=to,
        purpose="referral",
        record_type="resident",
        record_id=resident.pk,
        record_org_id=resident.organisation_id,
        fields=fields,
        resident=resident,
    )


def purged_ids() -> set[int]:
    return {
        int(i)
        for i in AuditEvent.objects.filter(action="purge").values_list("subject_id", flat=True)
    }


def test_a_resident_just_outside_the_period_is_anonymised(hub: Organisation, alice: User) -> None:
    robin = closed_ago(hub, alice, PERIOD + MINUTE)
    report = purge_expired()
    assert [p.resident_id for p in report.purged] == [robin.pk]
    robin.refresh_from_db()
    assert (robin.first_name, robin.last_name, robin.phone, robin.email) == ("", "", "", "")
    assert (robin.address, robin.household, robin.year_of_birth) == (None, None, None)
    assert (robin.accessibility_needs, robin.preferred_times) == ("", "")
    assert not NetworkMember.objects.filter(resident=robin).exists()
    message = Message.objects.get(conversation__resident=robin)
    assert (message.body, message.sender, message.to, message.channel) == ("", {}, "", "sms")
    assert CaseNote.objects.get(help_request__resident=robin).body == ""
    assert ContactAttempt.objects.get(help_request__resident=robin).note == ""


def test_statistics_survive_the_purge(hub: Organisation, alice: User) -> None:
    robin = closed_ago(hub, alice, PERIOD + MINUTE)
    purge_expired()
    request = HelpRequest.objects.get(resident=robin)
    assert (request.status, request.urgency, request.guide_reason) == ("closed", "urgent", "")
    need = Need.objects.get(help_request=request)
    assert (need.code, need.status, need.outcome, need.met_by) == ("food", "met", "", "")


def test_a_resident_just_inside_the_period_is_kept(hub: Organisation, alice: User) -> None:
    closed_ago(hub, alice, PERIOD - MINUTE)
    before = snapshot()
    assert purge_expired().purged == []
    assert snapshot() == before


def test_only_the_expired_resident_of_two_is_purged(hub: Organisation, alice: User) -> None:
    old = closed_ago(hub, alice, PERIOD + MINUTE, "Olive")
    recent = closed_ago(hub, alice, PERIOD - MINUTE, "Rita")
    purge_expired()
    assert purged_ids() == {old.pk}
    recent.refresh_from_db()
    assert recent.first_name == "Rita"
    assert Message.objects.get(conversation__resident=recent).body == "Hello, it is Rita"


def test_an_open_request_keeps_them(hub: Organisation, alice: User) -> None:
    robin = closed_ago(hub, alice, PERIOD * 2)
    make_help_request(robin)
    assert purge_expired().purged == []
    robin.refresh_from_db()
    assert robin.first_name == "Robin"


def test_a_message_after_the_request_closed_restarts_the_clock(
    hub: Organisation, alice: User
) -> None:
    robin = closed_ago(hub, alice, PERIOD + MINUTE)
    Conversation.objects.filter(resident=robin).update(last_message_at=clock.now() - PERIOD / 2)
    assert purge_expired().purged == []


@pytest.mark.parametrize("kind", ["legal", "safeguarding"])
def test_a_hold_keeps_them_and_the_report_says_so(
    hub: Organisation, alice: User, dora: User, kind: str
) -> None:
    robin = closed_ago(hub, alice, PERIOD * 2)
    place_hold(dora, robin, kind, "Court proceedings expected next year")
    before = snapshot()
    report = purge_expired()
    assert report.purged == []
    assert [(h.resident_id, h.kinds) for h in report.held] == [(robin.pk, (kind,))]
    assert f"Kept resident {robin.pk}: {kind} hold" in report.lines()
    assert snapshot() == before


def test_a_lifted_hold_no_longer_keeps_them(hub: Organisation, alice: User, dora: User) -> None:
    robin = closed_ago(hub, alice, PERIOD * 2)
    hold = place_hold(dora, robin, "legal", "Court proceedings expected next year")
    clock.advance(dt.timedelta(days=1))
    lift_hold(dora, hold)
    report = purge_expired()
    assert [p.resident_id for p in report.purged] == [robin.pk]
    assert report.held == []


def test_a_dry_run_changes_nothing_and_says_what_and_why(hub: Organisation, alice: User) -> None:
    robin = closed_ago(hub, alice, PERIOD + MINUTE)
    before = snapshot()
    out = io.StringIO()
    call_command("purge_expired", "--dry-run", stdout=out)
    assert snapshot() == before
    text = out.getvalue()
    assert f"Would purge resident {robin.pk}: no open request" in text
    assert "more than 730 days ago" in text and "1 messages" in text
    assert "Robin" not in text


def test_running_twice_changes_nothing_more(hub: Organisation, alice: User) -> None:
    closed_ago(hub, alice, PERIOD + MINUTE)
    assert len(purge_expired().purged) == 1
    after_first = snapshot()
    clock.advance(dt.timedelta(days=1))
    second = purge_expired()
    assert (second.purged, second.held) == ([], [])
    assert snapshot() == after_first


def test_one_audit_entry_per_purged_resident_without_personal_data(
    hub: Organisation, alice: User
) -> None:
    robin = closed_ago(hub, alice, PERIOD + MINUTE)
    olive = closed_ago(hub, alice, PERIOD * 3, "Olive")
    call_command("purge_expired", stdout=io.StringIO())
    entries = list(AuditEvent.objects.filter(action="purge").order_by("sequence"))
    assert [(e.subject_type, e.subject_id) for e in entries] == [
        ("people.Resident", str(robin.pk)),
        ("people.Resident", str(olive.pk)),
    ]
    assert entries[0].actor_id is None
    assert entries[0].detail["counts"]["messages"] == 1
    assert entries[0].detail["retention_days"] == 730
    for entry in entries:
        assert "Robin" not in str(entry.detail) and "Olive" not in str(entry.detail)


def test_the_audit_log_is_not_purged(hub: Organisation, alice: User, dora: User) -> None:
    robin = closed_ago(hub, alice, PERIOD * 2)
    hold = place_hold(dora, robin, "legal", "Court proceedings expected next year")
    lift_hold(dora, hold)
    earlier = list(AuditEvent.objects.values_list("hash", flat=True))
    purge_expired()
    assert list(AuditEvent.objects.values_list("hash", flat=True))[: len(earlier)] == earlier


def test_possible_matches_and_merged_records_go_with_them(hub: Organisation, alice: User) -> None:
    robin = closed_ago(hub, alice, PERIOD + MINUTE)
    twin = factories.make_resident(hub, first_name="Robyn", merged_into=robin)
    PossibleMatch.objects.create(
        new_resident=twin,
        known_resident=robin,
        score=0.9,
        reasons=["same phone"],
        status="same",
        created_at=clock.now() - PERIOD * 2,
    )
    purge_expired()
    twin.refresh_from_db()
    assert (twin.first_name, twin.phone) == ("", "")
    assert not PossibleMatch.objects.exists()


def test_an_agreement_with_a_longer_period_keeps_shared_data_longer(
    hub: Organisation, alice: User, bob: User, dora: User, nhs: Organisation
) -> None:
    robin = closed_ago(hub, alice, PERIOD + dt.timedelta(days=100))
    make_agreement(dora, {hub: "controller", nhs: "controller"}, retention_days={"resident": 1000})
    refer(bob, nhs, robin, ("first_name",))
    assert retention_days_for(robin) == 1000
    assert purge_expired().purged == []
    clock.advance(dt.timedelta(days=171))
    assert [p.resident_id for p in purge_expired().purged] == [robin.pk]


def test_a_shorter_agreement_period_does_not_shorten_unshared_records(
    hub: Organisation, alice: User, bob: User, dora: User, nhs: Organisation
) -> None:
    robin = closed_ago(hub, alice, dt.timedelta(days=400))
    make_agreement(dora, {hub: "controller", nhs: "controller"}, retention_days={"resident": 365})
    refer(bob, nhs, robin, ("first_name",))
    assert retention_days_for(robin) == 730
    assert purge_expired().purged == []


def test_a_resident_who_never_asked_for_help_is_purged_after_their_last_message(
    hub: Organisation,
) -> None:
    quiet = factories.make_resident(hub, first_name="Quiet")
    last = clock.now() - PERIOD - MINUTE
    Conversation.objects.create(resident=quiet, created_at=last, last_message_at=last)
    nobody = factories.make_resident(hub, first_name="Nobody")
    assert [p.resident_id for p in purge_expired().purged] == [quiet.pk]
    nobody.refresh_from_db()
    assert nobody.first_name == "Nobody"


def test_every_recipient_is_sent_an_erasure_notice(
    hub: Organisation, alice: User, bob: User, dora: User, nhs: Organisation
) -> None:
    robin = closed_ago(hub, alice, PERIOD + dt.timedelta(days=100))
    make_agreement(dora, {hub: "controller", nhs: "controller"})
    for fields in (("first_name",), ("first_name", "phone")):
        refer(bob, nhs, robin, fields)
    dry = purge_expired(dry_run=True)
    assert dry.purged[0].counts["erasure_notices"] == 1
    assert not ShareEvent.objects.filter(kind="erasure").exists()
    purge_expired()
    notice = ShareEvent.objects.get(kind="erasure")
    assert notice.actor is None
    assert notice.to_org == nhs
    assert sorted(notice.fields) == ["first_name", "phone"]
    assert notice.follows is not None and notice.follows.fields == ["first_name", "phone"]
    purge_expired()  # idempotent: no second notice
    assert ShareEvent.objects.filter(kind="erasure").count() == 1
