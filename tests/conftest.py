from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest

from doorstep.accounts.models import Organisation, Role, User
from doorstep.lib import clock
from tests import factories


@pytest.fixture
def frozen_clock() -> Iterator[dt.datetime]:
    """Time stands still at a known Monday morning until a test moves it."""
    moment = dt.datetime(2026, 11, 23, 9, 0, tzinfo=dt.UTC)
    clock.set_now(moment)
    yield moment
    clock.set_now(None)


@pytest.fixture
def hub(db: None) -> Organisation:
    return factories.make_hub()


@pytest.fixture
def alice(hub: Organisation) -> User:
    """Alice is a Local Guide at the hub; she speaks English and French."""
    return factories.make_user(
        hub, Role.LOCAL_GUIDE, username="alice", first_name="Alice", languages=["en", "fr"]
    )


@pytest.fixture
def bob(hub: Organisation) -> User:
    """Bob coordinates the hub."""
    return factories.make_user(hub, Role.COORDINATOR, username="bob", first_name="Bob")


@pytest.fixture
def charlie(db: None) -> User:
    """Charlie is a Local Guide at another organisation: he must see nothing of the hub's."""
    return factories.make_user(
        factories.make_organisation(), Role.LOCAL_GUIDE, username="charlie", first_name="Charlie"
    )
