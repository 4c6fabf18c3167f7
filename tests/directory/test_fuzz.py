"""Schemathesis on /openreferral/: generated requests, valid and not, get answers that match
the API's own OpenAPI document (status codes, content types, response shapes), never a 500.
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

from doorstep.accounts.models import Organisation as DoorstepOrganisation
from doorstep.directory.demo import load_demo_directory
from doorstep.wsgi import application

schema = schemathesis.openapi.from_wsgi("/openreferral/openapi.json", application)
# A well-formed postcode the directory does not know, or a proximity without a postcode, is
# refused with a documented 400: valid to the schema, but not something to answer.
REFUSES_SOME_VALID_REQUESTS = {"/openreferral/service_at_locations"}


@pytest.fixture(autouse=True)
def demo_directory(hub: DoorstepOrganisation) -> Iterator[None]:
    """The demo's ~40 services, so the lists the fuzzer reads have content to check.

    Requests go straight to the WSGI application, so, as Django's test Client does, the
    connection is kept open between them: the test's transaction lives on it.
    """
    load_demo_directory()
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    yield
    for signal in (request_started, request_finished):
        signal.connect(close_old_connections)


@schema.parametrize()
@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
def test_the_api_answers_as_its_openapi_says(case: schemathesis.Case[Any]) -> None:
    excluded = [positive_data_acceptance] if case.path in REFUSES_SOME_VALID_REQUESTS else []
    case.call_and_validate(excluded_checks=excluded)
