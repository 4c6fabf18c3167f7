"""People and organisations for sharing tests, around the hub of tests/conftest.py.

dora is the hub's data protection lead; nadia a caseworker at an NHS trust; vic a
volunteer driver with a VCSE group; sam a resident of the hub.
"""

from __future__ import annotations

import datetime as dt

import pytest

from doorstep.accounts.models import Organisation, Role, User
from doorstep.audit.models import AuditEvent
from doorstep.people.models import Resident
from doorstep.sharing.models import Agreement
from tests import factories
from tests.sharing.factories import make_agreement, make_partner


@pytest.fixture(autouse=True)
def _clock(frozen_clock: dt.datetime) -> dt.datetime:
    return frozen_clock


@pytest.fixture
def nhs(db: None) -> Organisation:
    return make_partner()


@pytest.fixture
def vcse(db: None) -> Organisation:
    return make_partner("Stretford Good Neighbours", "vcse")


@pytest.fixture
def dora(hub: Organisation) -> User:
    return factories.make_user(hub, Role.DATA_PROTECTION_LEAD, username="dora")


@pytest.fixture
def nadia(nhs: Organisation) -> User:
    return factories.make_user(nhs, Role.PARTNER_CASEWORKER, username="nadia")


@pytest.fixture
def vic(vcse: Organisation) -> User:
    return factories.make_user(vcse, Role.VOLUNTEER, username="vic")


@pytest.fixture
def sam(hub: Organisation) -> Resident:
    return factories.make_resident(
        hub, first_name="Sam", last_name="Taylor", accessibility_needs="Uses a wheelchair"
    )


@pytest.fixture
def hub_nhs(dora: User, hub: Organisation, nhs: Organisation) -> Agreement:
    """Active: the hub shares first name, phone and address with the NHS trust."""
    return make_agreement(dora, {hub: "controller", nhs: "controller"}, title="Hub and NHS")


def audit_actions() -> list[str]:
    return list(AuditEvent.objects.order_by("sequence").values_list("action", flat=True))
