"""A resident asks on the web; their guide sees it, replies, records contact; the clock stops."""

from __future__ import annotations

import re

import pytest
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import Page, expect

from doorstep.accounts.models import Organisation, Role, User
from doorstep.cases.models import HelpRequest
from tests import factories
from tests.browser.conftest import AccessibilityChecker

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "a-long-test-password-1"


def sign_in(page: Page, base: str, user: User, axe: AccessibilityChecker) -> None:
    """Password, then the code from the user's authenticator app."""
    device = TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
    page.goto(f"{base}/accounts/login/")
    axe.check(page)
    page.get_by_label("Username").fill(user.username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", name="Check it is you")).to_be_visible()
    axe.check(page)
    page.get_by_label("Code from your authenticator app").fill(f"{totp(device.bin_key):06d}")
    page.get_by_role("button", name="Continue").click()


def test_a_resident_asks_and_their_guide_answers(
    page: Page, live_server: object, axe: AccessibilityChecker
) -> None:
    base = str(live_server)
    hub = Organisation.objects.create(name="Trafford Council", is_hub=True)
    amina = factories.make_user(
        hub, Role.LOCAL_GUIDE, username="amina", first_name="Amina", languages=["en", "fr"]
    )
    cora = factories.make_user(hub, Role.COORDINATOR, username="cora", first_name="Cora")

    page.goto(f"{base}/")
    axe.check(page)
    page.get_by_role("button", name="Ask for help").click()
    axe.check(page)
    page.get_by_role("button", name="Send").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Tell us how we can help")
    axe.check(page)
    page.get_by_label("How can we help?").fill(
        "je suis dans l'hôtel, la nourriture n'est pas halal"
    )
    page.get_by_label("Your name (optional)").fill("Mo Diallo")
    page.get_by_label("Phone number").fill("07700 900456")
    page.get_by_role("button", name="Send").click()
    expect(page.locator(".govuk-panel")).to_contain_text(
        "Amina, your Local Guide, will contact you by"
    )
    axe.check(page)

    sign_in(page, base, amina, axe)
    expect(page.get_by_role("heading", name="My residents")).to_be_visible()
    expect(page.locator("table")).to_contain_text("Mo Diallo")
    expect(page.locator(".ds-clock").first).to_have_text("Running")
    axe.check(page)

    page.get_by_role("link", name="Mo Diallo").click()
    expect(page.locator("#thread")).to_contain_text("la nourriture n'est pas halal")
    axe.check(page)
    page.get_by_label("Message to the resident").fill(
        "Bonjour Mo, c'est Amina. Je vous appelle à 14h ?"
    )
    page.get_by_role("button", name="Send message").click()
    expect(page.locator("#thread")).to_contain_text("Bonjour Mo, c'est Amina")
    page.get_by_label("Yes, we spoke or messaged each other").check()
    page.get_by_role("button", name="Record contact").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("the clock has stopped")
    expect(page.locator("#clock .ds-clock")).to_have_text("Met")
    axe.check(page)

    assert HelpRequest.objects.get().first_contact_at is not None
    page.get_by_role("button", name=re.compile("Sign out")).click()
    sign_in(page, base, cora, axe)
    page.goto(f"{base}/coordinator/")
    expect(page.get_by_role("heading", name="The hub at a glance")).to_be_visible()
    axe.check(page)
    assert len(axe.pages) >= 9
