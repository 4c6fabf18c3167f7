"""Schemathesis on Doorstep's own API (/api/): with the provider's bearer token, generated
inbound callbacks, valid and not, get answers that match the OpenAPI document, never a 500.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import positive_data_acceptance

from doorstep.accounts.models import Organisation, User
from doorstep.conversations.models import Message
from doorstep.wsgi import application

schema = schemathesis.openapi.from_wsgi("/api/openapi.json", application)
TOKEN = "dev-inbound-sms-token"


@pytest.fixture(autouse=True)
def keep_connection(hub: Organisation, alice: User) -> Iterator[None]:
    """Requests go straight to the WSGI application; keep the test's connection open."""
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    yield
    for signal in (request_started, request_finished):
        signal.connect(close_old_connections)


@schema.parametrize()
@settings(max_examples=30, deadline=None, suppress_health_check=list(HealthCheck))
def test_the_api_answers_as_its_openapi_says(case: schemathesis.Case[Any]) -> None:
    # A well-formed body whose number is not a UK phone number, or whose text is only
    # spaces, is refused with a documented 422 that says what to fix: valid to the schema,
    # but not a message we can answer. Every other check runs.
    case.call_and_validate(
        headers={"Authorization": f"Bearer {TOKEN}"},
        excluded_checks=[positive_data_acceptance],
    )


def test_the_fuzzer_really_reached_the_app(hub: Organisation, alice: User) -> None:
    """A valid generated-style callback is stored: the token and path above are right."""
    case = schema["/api/inbound/sms/notify"]["POST"].Case(
        body={
            "id": "fuzz-1",
            "source_number": "447700900123",
            "destination_number": "x",
            "message": "help",
            "date_received": "2026-11-23T09:00:00Z",
        },
        headers={"Authorization": f"Bearer {TOKEN}"},
    )
    response = case.call()
    assert response.status_code == 201
    assert Message.objects.filter(provider_id="notify:fuzz-1").exists()
