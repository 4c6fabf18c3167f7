from __future__ import annotations

import pytest

from doorstep.accounts.models import Organisation, Role, User
from tests import factories


@pytest.fixture
def dave(hub: Organisation) -> User:
    """Dave is a second coordinator at the hub: the other pair of eyes."""
    return factories.make_user(hub, Role.COORDINATOR, username="dave", first_name="Dave")


@pytest.fixture
def vera(hub: Organisation) -> User:
    """Vera volunteers at the hub: she has no directory pages."""
    return factories.make_user(hub, Role.VOLUNTEER, username="vera", first_name="Vera")
