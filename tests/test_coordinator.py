from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client

from doorstep.accounts.models import Organisation, Role, User
from doorstep.cases.actions import do_check_clocks
from doorstep.cases.models import ClockAlert, HelpRequest
from doorstep.conversations.actions import do_receive_message
from doorstep.conversations.identify import SenderDetails
from doorstep.lib import clock
from tests import factories
from tests.helpers import signed_in


def open_request(hub: Organisation, n: int, body: str = "need shopping this week") -> HelpRequest:
    do_receive_message(
        hub.pk,
        channel="sms",
        body=body,
        provider_id=f"sms-{n}",
        sender=SenderDetails(phone=f"+4477009001{n:02d}"),
    )
    return HelpRequest.objects.get(resident__phone=f"+4477009001{n:02d}")


@pytest.fixture
def dora(hub: Organisation) -> User:
    return factories.make_user(hub, Role.LOCAL_GUIDE, username="dora", first_name="Dora")


def test_nearing_a_breach_alerts_the_coordinator_once(
    hub: Organisation, alice: User, frozen_clock: dt.datetime
) -> None:
    request = open_request(hub, 1)  # routine: 7 days
    clock.advance(dt.timedelta(days=5))
    assert do_check_clocks() == {"nearing": 0, "breached": 0}
    clock.advance(dt.timedelta(hours=6))  # 5.25 of 7 days = 75 %
    assert do_check_clocks() == {"nearing": 1, "breached": 0}
    assert do_check_clocks() == {"nearing": 0, "breached": 0}
    assert ClockAlert.objects.get().help_request == request


def test_a_breach_is_recorded_and_counted(
    client: Client, hub: Organisation, alice: User, bob: User, frozen_clock: dt.datetime
) -> None:
    request = open_request(hub, 1)
    clock.advance(dt.timedelta(days=8))
    assert do_check_clocks() == {"nearing": 0, "breached": 1}
    request.refresh_from_db()
    assert request.breached_at == clock.now()
    signed_in(client, bob)
    page = client.get("/coordinator/").content.decode()
    assert "Overdue" in page
    assert "breached since" in page


def test_a_met_clock_never_alerts(
    hub: Organisation, alice: User, frozen_clock: dt.datetime
) -> None:
    request = open_request(hub, 1)
    request.first_contact_at = clock.now()
    request.save()
    clock.advance(dt.timedelta(days=10))
    assert do_check_clocks() == {"nearing": 0, "breached": 0}


def test_the_coordinator_bulk_reassigns(
    client: Client, hub: Organisation, alice: User, bob: User, dora: User
) -> None:
    requests = [open_request(hub, n) for n in range(3)]
    signed_in(client, bob)
    response = client.post(
        "/coordinator/assign/",
        {
            "requests": [r.pk for r in requests[:2]],
            "guide": dora.pk,
        },
    )
    assert response.status_code == 302
    assert HelpRequest.objects.filter(guide=dora).count() == 2
    assert requests[0].resident.__class__.objects.get(pk=requests[0].resident_id).guide == dora


def test_a_guide_of_another_organisation_cannot_be_chosen(
    client: Client, hub: Organisation, alice: User, bob: User, charlie: User
) -> None:
    request = open_request(hub, 1)
    signed_in(client, bob)
    response = client.post("/coordinator/assign/", {"requests": [request.pk], "guide": charlie.pk})
    assert response.status_code == 400
    request.refresh_from_db()
    assert request.guide == alice


def test_guides_cannot_open_the_coordinator_view(client: Client, alice: User) -> None:
    signed_in(client, alice)
    assert client.get("/coordinator/").status_code == 403


def test_the_coordinator_sees_unassigned_work_and_caseloads(
    client: Client, hub: Organisation, bob: User
) -> None:
    open_request(hub, 1)  # no guides exist: unassigned
    signed_in(client, bob)
    page = client.get("/coordinator/").content.decode()
    assert "Unassigned" in page
    assert HelpRequest.objects.get().guide is None
