"""Changing or deleting an audit entry fails, in Python and in the database itself."""

from __future__ import annotations

import threading

import pytest
from django.core.management import call_command
from django.db import DatabaseError, IntegrityError, connection, transaction

from doorstep.accounts.models import User
from doorstep.audit import guards
from doorstep.audit.actions import record_event
from doorstep.audit.models import AuditEvent, AuditLogIsAppendOnly
from doorstep.audit.verify import walk_chain
from tests.audit.conftest import Recorder
from tests.audit.tampering import TRIGGERS, execute, tampering, trigger_names

pytestmark = pytest.mark.django_db


def test_migrations_install_the_triggers() -> None:
    assert trigger_names() == TRIGGERS[connection.vendor]
    assert guards.installed(connection)


def test_the_orm_refuses_to_save_a_changed_entry(record_some: Recorder) -> None:
    (event,) = record_some(1)
    event.purpose = "nothing to see here"
    with pytest.raises(AuditLogIsAppendOnly, match="append-only"):
        event.save()
    stored = AuditEvent.objects.get()
    with pytest.raises(AuditLogIsAppendOnly):
        stored.save(update_fields=["purpose"])
    assert AuditEvent.objects.get().purpose == "casework"


def test_the_orm_refuses_to_delete_an_entry(record_some: Recorder) -> None:
    (event,) = record_some(1)
    with pytest.raises(AuditLogIsAppendOnly):
        event.delete()
    assert AuditEvent.objects.count() == 1


def test_querysets_refuse_update_delete_and_bulk_writes(record_some: Recorder) -> None:
    events = record_some(2)
    entries = AuditEvent.objects.all()
    with pytest.raises(AuditLogIsAppendOnly):
        entries.update(purpose="x")
    with pytest.raises(AuditLogIsAppendOnly):
        entries.delete()
    with pytest.raises(AuditLogIsAppendOnly):
        AuditEvent.objects.filter(sequence=1).delete()
    with pytest.raises(AuditLogIsAppendOnly):
        AuditEvent.objects.bulk_update(events, ["purpose"])
    with pytest.raises(AuditLogIsAppendOnly):
        AuditEvent.objects.bulk_create([AuditEvent()])
    assert AuditEvent.objects.count() == 2


def test_entries_are_only_made_whole_through_record_event() -> None:
    with pytest.raises(ValueError, match="record_event"):
        AuditEvent.objects.create(action="read", purpose="casework")
    assert not AuditEvent.objects.exists()


def test_the_database_refuses_a_raw_update(record_some: Recorder) -> None:
    record_some(2)
    with pytest.raises(IntegrityError, match="append-only"), transaction.atomic():
        execute("UPDATE audit_auditevent SET purpose='x'")
    assert set(AuditEvent.objects.values_list("purpose", flat=True)) == {"casework"}


def test_the_database_refuses_a_raw_delete(record_some: Recorder) -> None:
    record_some(2)
    with pytest.raises(IntegrityError, match="append-only"), transaction.atomic():
        execute("DELETE FROM audit_auditevent WHERE sequence = 2")
    with pytest.raises(DatabaseError), transaction.atomic():
        execute("DELETE FROM audit_auditevent")
    assert AuditEvent.objects.count() == 2


EMPTY_THE_TABLE = {
    "postgresql": "TRUNCATE audit_auditevent",
    "sqlite": "DELETE FROM audit_auditevent",  # SQLite's truncate: a DELETE with no WHERE
}


def test_the_database_refuses_to_empty_the_log(record_some: Recorder) -> None:
    record_some(1)
    with pytest.raises(IntegrityError, match="append-only"), transaction.atomic():
        execute(EMPTY_THE_TABLE[connection.vendor])
    assert AuditEvent.objects.count() == 1


def test_a_tampering_block_leaves_the_triggers_in_place_afterwards(record_some: Recorder) -> None:
    record_some(2)
    with tampering():
        assert trigger_names() == set()
        execute("DELETE FROM audit_auditevent")
    assert trigger_names() == TRIGGERS[connection.vendor]
    assert AuditEvent.objects.count() == 2


def test_deleting_a_user_leaves_their_entries_untouched(alice: User) -> None:
    event = record_event(alice, "create", subject=("people.Resident", 1))
    alice.delete()
    stored = AuditEvent.objects.get()
    assert (stored.actor_id, stored.actor_name, stored.hash) == (
        event.actor_id,
        "alice",
        event.hash,
    )


@pytest.mark.django_db(transaction=True)
def test_flush_empties_the_log_and_puts_the_guards_back(record_some: Recorder) -> None:
    record_some(2)
    call_command("flush", interactive=False, verbosity=0)
    assert not AuditEvent.objects.exists()
    assert trigger_names() == TRIGGERS[connection.vendor]


@pytest.mark.django_db(transaction=True)
def test_migrating_back_removes_the_triggers_and_forward_restores_them() -> None:
    try:
        call_command("migrate", "audit", "0001", verbosity=0)
        assert trigger_names() == set()
        assert not guards.installed(connection)
    finally:
        call_command("migrate", "audit", verbosity=0)
    assert trigger_names() == TRIGGERS[connection.vendor]


@pytest.mark.django_db(transaction=True)
def test_concurrent_writers_still_make_one_unbroken_chain() -> None:
    errors: list[Exception] = []

    def write(worker: int) -> None:
        try:
            for i in range(15):
                record_event(None, "create", subject=(f"worker{worker}", i))
        except Exception as error:
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=write, args=(n,)) for n in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    walk = walk_chain(AuditEvent.objects.order_by("sequence"))
    assert walk.broken is None
    assert walk.entries == 90
