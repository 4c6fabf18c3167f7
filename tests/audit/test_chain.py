"""The hash chain: each entry carries the hash of the one before, in a documented format."""

from __future__ import annotations

import datetime as dt
import hashlib
import itertools
from zoneinfo import ZoneInfo

import pytest

from doorstep.accounts.models import User
from doorstep.audit.actions import record_event
from doorstep.audit.chain import GENESIS_HASH, NotCanonical, canonical_json, chain_hash
from doorstep.audit.models import AuditEvent
from tests.audit.conftest import Recorder

# The worked example in docs/subsystems/audit.md; its hash was computed with `sha256sum`.
EXAMPLE_JSON = (
    '{"action":"read","actor_id":7,"actor_name":"alice","at":"2026-11-23T09:00:00.000000Z",'
    '"basis":"UK GDPR 6(1)(e); DPA 2018 Sch 1 para 18",'
    '"detail":{"note":"café","recipient":"NHS"},"fields":["health_notes","phone"],'
    '"flagged":false,"organisation_id":3,"organisation_name":"Trafford Council",'
    f'"prev_hash":"{"0" * 64}","purpose":"safeguarding review","sequence":1,'
    '"subject_id":"42","subject_type":"people.Resident","version":1}'
)
EXAMPLE_HASH = "043a5e870aee61a4155f10a3d5f62c197ae9a9f6197c03c059c407318bcdad0e"


def example_event() -> AuditEvent:
    return AuditEvent(
        sequence=1,
        at=dt.datetime(2026, 11, 23, 9, 0, tzinfo=dt.UTC),
        actor_id=7,
        actor_name="alice",
        organisation_id=3,
        organisation_name="Trafford Council",
        action="read",
        subject_type="people.Resident",
        subject_id="42",
        purpose="safeguarding review",
        basis="UK GDPR 6(1)(e); DPA 2018 Sch 1 para 18",
        fields=["health_notes", "phone"],
        detail={"recipient": "NHS", "note": "café"},
        prev_hash=GENESIS_HASH,
    )


def test_the_hash_is_the_documented_sha256_of_canonical_json() -> None:
    event = example_event()
    assert canonical_json(event.content()) == EXAMPLE_JSON.encode("utf-8")
    assert hashlib.sha256(EXAMPLE_JSON.encode("utf-8")).hexdigest() == EXAMPLE_HASH
    assert event.compute_hash() == EXAMPLE_HASH


def test_the_time_is_hashed_in_utc_whatever_zone_it_was_given_in() -> None:
    event = example_event()
    event.at = dt.datetime(2026, 11, 23, 9, 0, tzinfo=ZoneInfo("Europe/London"))
    assert event.compute_hash() == EXAMPLE_HASH
    event.at = event.at.replace(microsecond=1)
    assert event.compute_hash() != EXAMPLE_HASH


def test_changing_any_part_of_the_content_changes_the_hash() -> None:
    content = example_event().content()
    for key, value in content.items():
        changed = {**content, key: "something else" if value != "something else" else 0}
        assert chain_hash(changed) != EXAMPLE_HASH, key


@pytest.mark.django_db
def test_the_first_entry_follows_64_zeros(record_some: Recorder) -> None:
    (first,) = record_some(1)
    assert first.sequence == 1
    assert first.prev_hash == "0" * 64 == GENESIS_HASH


@pytest.mark.django_db
def test_it_chains_each_entry_to_the_one_before(record_some: Recorder) -> None:
    record_some(4)
    entries = list(AuditEvent.objects.order_by("sequence"))
    assert [entry.sequence for entry in entries] == [1, 2, 3, 4]
    for before, after in itertools.pairwise(entries):
        assert after.prev_hash == before.hash
        assert after.at > before.at
    assert len({entry.hash for entry in entries}) == 4


@pytest.mark.django_db
def test_every_stored_hash_can_be_recomputed_from_the_row(record_some: Recorder) -> None:
    record_some(3)
    for entry in AuditEvent.objects.all():
        assert entry.compute_hash() == entry.hash
        assert len(entry.hash) == 64


@pytest.mark.django_db
def test_the_same_content_gives_the_same_hash_whatever_the_database(alice: User) -> None:
    written = record_event(
        alice,
        "share",
        subject=("people.Resident", 42),
        purpose="hospital discharge support",
        basis="UK GDPR 6(1)(e)",
        fields=["first_name", "phone"],
        detail={
            "to": "Ysbyty Gwynedd \u2013 ward 3 \u2713",
            "nested": {"b": [1, None, True], "a": "ü"},
        },
    )
    stored = AuditEvent.objects.get(pk=written.pk)
    assert stored.content() == written.content()
    assert chain_hash(stored.content()) == written.hash == stored.hash
    copy = AuditEvent(**{f.attname: getattr(stored, f.attname) for f in AuditEvent._meta.fields})
    copy.pk = None
    assert copy.compute_hash() == stored.hash


@pytest.mark.django_db
def test_floats_are_refused_because_databases_write_them_back_differently(alice: User) -> None:
    with pytest.raises(NotCanonical, match="floats"):
        record_event(alice, "create", detail={"score": [0.7]})
    assert not AuditEvent.objects.exists()


@pytest.mark.django_db
def test_detail_is_stored_as_it_will_read_back(alice: User) -> None:
    event = record_event(alice, "create", detail={"ids": (1, 2)})
    assert event.detail == {"ids": [1, 2]}
    assert AuditEvent.objects.get(pk=event.pk).hash == event.compute_hash()
