"""Share events are append-only in the database itself: UPDATE and DELETE are refused."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.management import call_command
from django.db import DatabaseError, IntegrityError, connection, transaction

from doorstep.accounts.models import Organisation, User
from doorstep.cases.models import HelpRequest
from doorstep.lib import clock
from doorstep.people.models import Resident
from doorstep.sharing import catalogue as cat
from doorstep.sharing import guards
from doorstep.sharing.actions import do_record_correction, do_share
from doorstep.sharing.models import Agreement, ShareEvent
from doorstep.sharing.retention import purge_expired
from tests import factories
from tests.audit.tampering import tampering
from tests.sharing.factories import make_agreement, make_help_request

TABLE = "sharing_shareevent"
_LIST_TRIGGERS = {
    "postgresql": "SELECT tgname FROM pg_trigger "
    "WHERE tgrelid = 'sharing_shareevent'::regclass AND NOT tgisinternal",
    "sqlite": "SELECT name FROM sqlite_master "
    "WHERE type = 'trigger' AND tbl_name = 'sharing_shareevent'",
}
EXPECTED = {
    "postgresql": {f"{TABLE}_append_only", f"{TABLE}_no_truncate"},
    "sqlite": {f"{TABLE}_no_update", f"{TABLE}_no_delete"},
}
DELETE_ALL = "DELETE FROM sharing_shareevent"
EMPTY_THE_TABLE = {"postgresql": "TRUNCATE sharing_shareevent", "sqlite": DELETE_ALL}


def trigger_names() -> set[str]:
    with connection.cursor() as cursor:
        cursor.execute(_LIST_TRIGGERS[connection.vendor])
        return {str(row[0]) for row in cursor.fetchall()}


def execute(sql: str, params: list[int] | None = None) -> None:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def share(actor: User, to_org: Organisation, resident: Resident) -> ShareEvent:
    return do_share(
        actor,
        to_org=to_org,
        purpose="referral",
        record_type=cat.RESIDENT,
        record_id=resident.pk,
        record_org_id=resident.organisation_id,
        fields=("first_name", "phone"),
        resident=resident,
    )


@pytest.fixture
def shared(bob: User, nhs: Organisation, sam: Resident, hub_nhs: Agreement) -> ShareEvent:
    return share(bob, nhs, sam)


@pytest.mark.django_db
def test_migrations_install_the_triggers() -> None:
    assert trigger_names() == EXPECTED[connection.vendor]
    assert guards.installed(connection)


def test_the_database_refuses_a_raw_update(shared: ShareEvent) -> None:
    with pytest.raises(IntegrityError, match="append-only"), transaction.atomic():
        execute("UPDATE sharing_shareevent SET purpose = 'casework'")
    assert ShareEvent.objects.get().purpose == "referral"


def test_the_database_refuses_a_raw_delete(shared: ShareEvent) -> None:
    with pytest.raises(IntegrityError, match="append-only"), transaction.atomic():
        execute("DELETE FROM sharing_shareevent WHERE id = %s", [shared.pk])
    with pytest.raises(DatabaseError), transaction.atomic():
        execute(EMPTY_THE_TABLE[connection.vendor])
    assert ShareEvent.objects.count() == 1


def test_the_orm_cannot_change_or_delete_a_share_event(shared: ShareEvent) -> None:
    shared.fields = ["first_name", "phone", "address"]
    with pytest.raises(IntegrityError), transaction.atomic():
        shared.save()
    with pytest.raises(IntegrityError), transaction.atomic():
        ShareEvent.objects.update(purpose="casework")
    with pytest.raises(IntegrityError), transaction.atomic():
        ShareEvent.objects.all().delete()
    assert ShareEvent.objects.get().fields == ["first_name", "phone"]


def test_a_correction_passed_on_is_a_new_row_and_the_share_is_untouched(
    bob: User, shared: ShareEvent
) -> None:
    (correction,) = do_record_correction(bob, cat.RESIDENT, shared.record_id, ["phone"])
    assert correction.follows == shared
    assert ShareEvent.objects.get(pk=shared.pk).fields == ["first_name", "phone"]
    assert ShareEvent.objects.count() == 2


def test_deleting_a_resident_whose_data_was_shared_is_refused(
    sam: Resident, shared: ShareEvent
) -> None:
    """Their share events would lose whose data it was: retention anonymises instead."""
    with pytest.raises(IntegrityError), transaction.atomic():
        sam.delete()
    assert ShareEvent.objects.get().resident == sam


def test_the_retention_purge_anonymises_without_touching_share_events(
    bob: User, dora: User, hub: Organisation, nhs: Organisation
) -> None:
    make_agreement(dora, {hub: "controller", nhs: "controller"}, retention_days={})
    old = factories.make_resident(hub, first_name="Pat", last_name="Example")
    make_help_request(old, status=HelpRequest.Status.CLOSED, closed_at=clock.now())
    event = share(bob, nhs, old)
    report = purge_expired(now=clock.now() + dt.timedelta(days=800))
    assert [p.resident_id for p in report.purged] == [old.pk]
    old.refresh_from_db()
    assert old.first_name == ""
    kept = ShareEvent.objects.get(kind=ShareEvent.Kind.SHARE)
    assert (kept.pk, kept.resident_id, kept.fields) == (event.pk, old.pk, event.fields)


def test_dropping_the_audit_logs_guards_leaves_these_standing(shared: ShareEvent) -> None:
    """Each table's guard stands on its own: tampering with the audit log lifts nothing here."""
    with tampering(), pytest.raises((IntegrityError, DatabaseError)), transaction.atomic():
        execute(DELETE_ALL)
    assert ShareEvent.objects.count() == 1
    assert trigger_names() == EXPECTED[connection.vendor]


@pytest.mark.django_db(transaction=True)
def test_flush_still_empties_the_table_and_the_guards_stay() -> None:
    hub = factories.make_hub()
    nhs = Organisation.objects.create(name="Trafford NHS Trust", kind="nhs")
    dpo = factories.make_user(hub, "data_protection_lead")
    make_agreement(dpo, {hub: "controller", nhs: "controller"})
    share(factories.make_user(hub, "coordinator"), nhs, factories.make_resident(hub))
    call_command("flush", interactive=False, verbosity=0)
    assert not ShareEvent.objects.exists()
    assert trigger_names() == EXPECTED[connection.vendor]


@pytest.mark.django_db(transaction=True)
def test_migrating_back_removes_the_triggers_and_forward_restores_them() -> None:
    try:
        call_command("migrate", "sharing", "0003", verbosity=0)
        assert trigger_names() == set()
        assert not guards.installed(connection)
    finally:
        call_command("migrate", "sharing", verbosity=0)
    assert trigger_names() == EXPECTED[connection.vendor]
