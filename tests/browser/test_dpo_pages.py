"""The demo data protection lead: dashboard, drafting an agreement, subject access, rights."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from playwright.sync_api import Page, expect

from doorstep.accounts.models import User
from doorstep.demo.second_factor import current_code
from doorstep.demo.staff import HUB_NAME, KITCHEN_NAME, PASSWORD
from doorstep.people.models import Resident
from doorstep.sharing.actions import do_break_glass
from tests.browser.conftest import AccessibilityChecker

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
DPO = "dpo"
TITLE = "Welfare calls by Old Trafford Community Kitchen"


def sign_in_to_the_demo(page: Page, base: str, username: str, axe: AccessibilityChecker) -> None:
    """The demo password, then the code the demo account's authenticator shows now."""
    page.goto(f"{base}/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", name="Check it is you")).to_be_visible()
    page.get_by_label("Code from your authenticator app").fill(current_code(username))
    page.get_by_role("button", name="Continue").click()


def draft_an_agreement(page: Page, axe: AccessibilityChecker) -> None:
    page.get_by_role("button", name="Draft a new agreement").click()
    expect(page.get_by_role("heading", name="Draft a new agreement")).to_be_visible()
    axe.check(page)
    page.get_by_role("button", name="Save the draft").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Give the agreement a title")
    axe.check(page)
    page.get_by_label("Title").fill(TITLE)
    page.get_by_label(KITCHEN_NAME, exact=True).select_option("recipient")
    page.get_by_label("(task)").check()
    page.get_by_label("Public task, Art. 6(1)(e)").check()
    page.locator('input[name="fields_resident"][value="first_name"]').check()
    page.locator('input[name="fields_resident"][value="phone"]').check()
    page.get_by_role("button", name="Save the draft").click()
    expect(page.get_by_role("heading", name=TITLE)).to_be_visible()
    expect(page.locator("#status")).to_have_text("Draft")
    axe.check(page)


def open_a_subject_access_export(page: Page, resident: Resident, axe: AccessibilityChecker) -> None:
    page.get_by_role("link", name="Find a resident").click()
    axe.check(page)
    page.get_by_label("Name or phone number").fill(resident.phone)
    page.get_by_role("button", name="Search").click()
    expect(page.locator("#results")).to_have_text("1 found")
    axe.check(page)
    page.get_by_role("link", name=f"Subject access export for {resident.display_name}").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(resident.display_name)
    axe.check(page)
    with page.expect_download() as download:
        page.locator("#download").click()
    assert download.value.suggested_filename == f"subject-access-{resident.pk}.json"


def record_a_restriction(page: Page, resident: Resident, axe: AccessibilityChecker) -> None:
    page.get_by_role("link", name="Find another resident").click()
    page.get_by_label("Name or phone number").fill(resident.phone)
    page.get_by_role("button", name="Search").click()
    page.get_by_role("link", name=f"Rights requests and holds for {resident.display_name}").click()
    axe.check(page)
    page.get_by_label("Restriction: use only to store, for now").check()
    page.get_by_label("What they said (optional)").fill("Asked us to pause while they check")
    page.get_by_role("button", name="Record the request").click()
    expect(page.locator("#restricted")).to_contain_text("Restricted")
    axe.check(page)


def review_emergency_access(page: Page, base: str, axe: AccessibilityChecker) -> None:
    guide = User.objects.get(username="guide")
    resident = Resident.objects.filter(organisation=guide.organisation).first()
    assert resident is not None
    grant = do_break_glass(guide, resident, "No answer at the door and the curtains are shut")
    page.goto(f"{base}/sharing/")
    page.locator(f'a[href="/sharing/break-glass/{grant.pk}/"]').click()
    axe.check(page)
    page.get_by_role("button", name="Record the review").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Say whether")
    axe.check(page)
    page.get_by_label("Justified", exact=True).check()
    page.get_by_role("button", name="Record the review").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("reviewed: Justified")


def test_the_data_protection_lead_drafts_an_agreement_and_exports_a_record(
    page: Page, live_server: object, axe: AccessibilityChecker
) -> None:
    call_command("load_demo", stdout=StringIO())
    base = str(live_server)
    resident = Resident.objects.filter(organisation__name=HUB_NAME).exclude(phone="").first()
    assert resident is not None

    sign_in_to_the_demo(page, base, DPO, axe)
    page.get_by_role("link", name="Data sharing").click()
    expect(page.get_by_role("heading", name="Data sharing agreements")).to_be_visible()
    expect(page.locator("#overdue")).to_have_text("1")
    axe.check(page)

    draft_an_agreement(page, axe)
    page.get_by_role("link", name="Data sharing").click()
    expect(page.locator("table")).to_contain_text(TITLE)

    open_a_subject_access_export(page, resident, axe)
    record_a_restriction(page, resident, axe)
    review_emergency_access(page, base, axe)
    assert len(axe.pages) >= 10
