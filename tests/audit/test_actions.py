"""record_event and its conveniences: what an entry says about who did what, and why."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import transaction

from doorstep.accounts.models import Organisation, User
from doorstep.audit.actions import (
    AuditDetailError,
    record_break_glass,
    record_event,
    record_read,
)
from doorstep.audit.models import AuditEvent
from tests import factories

pytestmark = pytest.mark.django_db


def test_a_read_records_who_for_which_organisation_what_which_fields_and_why(
    alice: User, hub: Organisation, frozen_clock: dt.datetime
) -> None:
    resident = factories.make_resident(hub)
    event = record_read(
        alice, resident, "safeguarding review", ["health_notes", "phone"], basis="Sch 1 para 18"
    )
    stored = AuditEvent.objects.get(pk=event.pk)
    assert (stored.actor_id, stored.actor_name) == (alice.pk, "alice")
    assert (stored.organisation_id, stored.organisation_name) == (hub.pk, "Trafford Council")
    assert (stored.action, stored.subject_type, stored.subject_id) == (
        "read",
        "people.Resident",
        str(resident.pk),
    )
    assert (stored.purpose, stored.basis) == ("safeguarding review", "Sch 1 para 18")
    assert stored.fields == ["health_notes", "phone"]
    assert stored.at == frozen_clock
    assert not stored.flagged


def test_a_read_share_or_export_without_a_purpose_is_refused(alice: User) -> None:
    with pytest.raises(AuditDetailError, match="purpose"):
        record_read(alice, ("people.Resident", 1), "  ", ["phone"])
    for action in ("share", "export", "break_glass"):
        with pytest.raises(AuditDetailError, match="purpose"):
            record_event(alice, action, subject=("people.Resident", 1))
    assert not AuditEvent.objects.exists()


def test_an_unknown_action_is_refused(alice: User) -> None:
    with pytest.raises(AuditDetailError, match="unknown audit action 'peek'"):
        record_event(alice, "peek")


def test_fields_must_be_a_list_of_names_not_one_string(alice: User) -> None:
    with pytest.raises(AuditDetailError, match="fields"):
        record_read(alice, ("people.Resident", 1), "casework", "phone")


def test_an_unsaved_subject_is_refused(alice: User) -> None:
    with pytest.raises(AuditDetailError, match="saved"):
        record_event(alice, "create", subject=Organisation(name="Not yet saved"))


def test_the_system_and_anonymous_visitors_are_recorded_without_a_name(hub: Organisation) -> None:
    purge = record_event(None, "purge", detail={"residents": 3})
    failed = record_event(
        AnonymousUser(), "login_failed", organisation=hub, detail={"username": "mallory"}
    )
    assert (purge.actor_id, purge.actor_name, purge.organisation_id) == (None, "", None)
    assert (failed.actor_id, failed.organisation_name) == (None, "Trafford Council")
    assert failed.detail == {"username": "mallory"}


def test_names_are_a_snapshot_that_later_changes_do_not_touch(
    alice: User, hub: Organisation
) -> None:
    record_event(alice, "update", subject=alice)
    alice.username = "alice.renamed"
    alice.save()
    hub.name = "Renamed Council"
    hub.save()
    stored = AuditEvent.objects.get()
    assert (stored.actor_name, stored.organisation_name) == ("alice", "Trafford Council")
    assert (stored.subject_type, stored.subject_id) == ("accounts.User", str(alice.pk))


def test_break_glass_is_flagged_with_its_reason_and_expiry(alice: User) -> None:
    expires = dt.datetime(2026, 11, 23, 10, 0, tzinfo=dt.UTC)
    event = record_break_glass(
        alice, ("people.Resident", 7), "ambulance crew at the door", fields=["medication"],
        expires_at=expires,
    )  # fmt: skip
    assert event.flagged
    assert (event.action, event.purpose) == ("break_glass", "ambulance crew at the door")
    assert event.detail == {"expires_at": "2026-11-23T10:00:00.000000Z"}
    assert list(AuditEvent.objects.flagged()) == [event]


def test_an_entry_rolls_back_with_the_transaction_it_was_written_in(alice: User) -> None:
    with transaction.atomic():
        record_event(alice, "create", subject=("people.Resident", 1))
        transaction.set_rollback(True)
    assert not AuditEvent.objects.exists()
    assert record_event(alice, "create").sequence == 1


def test_entries_can_be_listed_by_subject_and_by_actor(alice: User, bob: User) -> None:
    record_read(alice, ("people.Resident", 1), "casework", ["phone"])
    record_read(bob, ("people.Resident", 2), "casework", ["phone"])
    record_read(bob, ("people.Resident", 1), "casework", ["address"])
    about_one = AuditEvent.objects.for_subject("people.Resident", 1)
    assert [event.actor_name for event in about_one] == ["alice", "bob"]
    assert AuditEvent.objects.by_actor(bob.pk).count() == 2
