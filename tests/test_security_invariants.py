"""The security invariants of ../shared/design/governance.md, proven by walking every URL.

A new URL fails this module until it is either public (web.public.PUBLIC_VIEWS) or needs a
sign-in, and until OBJECT_FACTORIES says how to make one of its objects for the 404 test.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from doorstep.accounts.models import Organisation, Role, User
from doorstep.audit.models import AuditEvent
from doorstep.web.public import PUBLIC_VIEWS, is_public
from tests import factories, object_factories
from tests.helpers import signed_in

ROOT = Path(__file__).resolve().parent.parent
IGNORED_PREFIXES = ("static/",)


def walk(resolver: URLResolver, prefix: str = "", namespace: str = "") -> Iterator[tuple[str, str]]:
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            ns = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from walk(entry, prefix + str(entry.pattern), ns)
        elif isinstance(entry, URLPattern) and entry.name:
            yield (f"{namespace}{entry.name}", prefix + str(entry.pattern))


ROUTES = sorted(set(walk(get_resolver())))
PRIVATE = [(name, route) for name, route in ROUTES if not is_public(name)]
OBJECT_ROUTES = [(name, route) for name, route in PRIVATE if "<" in route]


def test_the_route_list_matches_the_snapshot() -> None:
    """Adding or removing a URL shows up in review: update tests/routes.txt with it."""
    current = "\n".join(f"{name} {route}" for name, route in ROUTES) + "\n"
    snapshot = (Path(__file__).parent / "routes.txt").read_text()
    assert current == snapshot, "Routes changed: review them, then update tests/routes.txt"


def test_every_public_view_exists() -> None:
    names = {name for name, _ in ROUTES}
    assert names >= PUBLIC_VIEWS


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "route"), [r for r in PRIVATE if "<" not in r[1]])
def test_every_private_url_needs_a_sign_in(client: Client, name: str, route: str) -> None:
    url = reverse(name)
    for response in (client.get(url), client.post(url)):
        assert response.status_code in (302, 401, 405), f"{name} answered {response.status_code}"
        if response.status_code == 302:
            assert response["Location"].startswith("/accounts/login/")


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "route"), OBJECT_ROUTES)
def test_every_object_url_is_404_to_another_organisation(
    client: Client,
    hub: Organisation,
    alice: User,
    bob: User,
    name: str,
    route: str,
) -> None:
    """The outsider is an administrator elsewhere: every role check passes, only the org fails."""
    factory: Callable[[Organisation, User], dict[str, object]] | None = (
        object_factories.OBJECT_FACTORIES.get(name)
    )
    assert factory is not None, f"Add a factory for {name} to tests/object_factories.py"
    url = reverse(name, kwargs=factory(hub, alice))
    outsider = factories.make_user(factories.make_organisation("Elsewhere"), Role.ADMIN)
    signed_in(client, outsider)
    answers = {client.get(url).status_code, client.post(url).status_code}
    assert 404 in answers, f"{name} answered {answers} to another organisation"
    assert answers <= {404, 405}
    anonymous = Client()
    answers = {anonymous.get(url).status_code, anonymous.post(url).status_code}
    assert answers <= {302, 401, 405}, f"{name} answered {answers} to an anonymous visitor"


@pytest.mark.django_db
@pytest.mark.parametrize("name", object_factories.STATE_CHANGING)
def test_every_state_changing_url_rejects_get_and_post_without_csrf(
    hub: Organisation, alice: User, bob: User, name: str
) -> None:
    factory = object_factories.OBJECT_FACTORIES.get(name)
    url = reverse(name, kwargs=factory(hub, alice) if factory else None)
    client = signed_in(Client(enforce_csrf_checks=True), bob if "assign" in name else alice)
    assert client.get(url).status_code == 405
    assert client.post(url).status_code == 403


@pytest.mark.django_db
def test_security_headers_match_the_policy(client: Client, alice: User) -> None:
    response = signed_in(client, alice).get("/guide/", secure=True)
    assert response["Content-Security-Policy"] == (
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; "
        "form-action 'self'; frame-ancestors 'none'"
    )
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response["Cache-Control"] == "no-store"


@pytest.mark.django_db
def test_session_and_csrf_cookies_are_http_only(client: Client, hub: Organisation) -> None:
    response = client.get("/ask/")
    csrf = response.cookies["doorstep-csrf"]
    assert csrf["httponly"] is True
    assert csrf["samesite"] == "Lax"


@pytest.mark.django_db
@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example/", "http:evil"])
def test_next_redirects_cannot_leave_the_site(client: Client, alice: User, target: str) -> None:
    response = client.post(
        f"/accounts/login/?next={target}",
        {"username": alice.username, "password": "a-long-test-password-1", "next": target},
    )
    assert response.status_code == 302
    assert "evil" not in response["Location"]
    signed_in(client, alice)
    after_code = client.get(f"/accounts/two-factor/?next={target}")
    assert target not in after_code.content.decode()


@pytest.mark.django_db
def test_staff_must_pass_the_second_factor(client: Client, alice: User) -> None:
    client.force_login(alice)  # password only
    response = client.get("/guide/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/two-factor/")


def test_check_deploy_passes_with_production_settings() -> None:
    inherited = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env = {
        **inherited,
        "DOORSTEP_PRODUCTION": "true",
        "DEBUG": "false",
        "SECRET_KEY": "k9$Vq2!pR7#mZ4@wX1^tY6&uB3*nC8(eD5)fG0_hJ-lK=sL+oP",
        "ALLOWED_HOSTS": "doorstep.example.org",
        "DOORSTEP_INBOUND_SMS_TOKEN": "a-long-random-token-agreed-with-notify",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "route"), PRIVATE)
def test_every_post_only_url_is_known_as_state_changing(
    client: Client, hub: Organisation, alice: User, bob: User, name: str, route: str
) -> None:
    factory = object_factories.OBJECT_FACTORIES.get(name)
    kwargs = factory(hub, alice) if factory else None
    signed_in(client, bob)
    if client.get(reverse(name, kwargs=kwargs)).status_code == 405:
        assert name in object_factories.STATE_CHANGING, f"add {name} to STATE_CHANGING"


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["ask", "new_note", "two_factor", "login"])
def test_forms_refuse_a_post_without_csrf(hub: Organisation, alice: User, name: str) -> None:
    client = Client(enforce_csrf_checks=True)
    if name != "ask" and name != "login":
        signed_in(client, alice)
    assert client.post(reverse(name), {"message": "hello"}).status_code == 403


@pytest.mark.django_db
def test_repeated_failed_sign_ins_lock_out_and_are_logged(client: Client, alice: User) -> None:
    for _ in range(5):
        client.post("/accounts/login/", {"username": "alice", "password": "wrong-password"})
    locked = client.post(
        "/accounts/login/", {"username": "alice", "password": "a-long-test-password-1"}
    )
    assert locked.status_code == 429
    assert "You cannot sign in for 30 minutes" in locked.content.decode()
    actions = list(AuditEvent.objects.values_list("action", flat=True))
    assert actions.count("login_failed") >= 5
    assert "lockout" in actions
    assert "login" not in actions


@pytest.mark.django_db
def test_a_guessable_password_is_refused(alice: User) -> None:
    with pytest.raises(ValidationError, match="easy to guess"):
        validate_password("Trafford-Council-2026!", alice)


@pytest.mark.parametrize("missing", ["SECRET_KEY", "DOORSTEP_INBOUND_SMS_TOKEN"])
def test_production_refuses_to_start_with_development_secrets(missing: str) -> None:
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env |= {
        "DOORSTEP_PRODUCTION": "true",
        "ALLOWED_HOSTS": "doorstep.example.org",
        "SECRET_KEY": "k9$Vq2!pR7#mZ4@wX1^tY6&uB3*nC8(eD5)fG0_hJ-lK=sL+oP",
        "DOORSTEP_INBOUND_SMS_TOKEN": "a-long-random-token-agreed-with-notify",
    }
    del env[missing]  # so the development default is used
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert f"Set {missing}" in result.stderr
