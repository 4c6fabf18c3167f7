"""A guide asks the kitchen to help Mo; its leader accepts; a coordinator batch-assigns."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, Page, expect

from doorstep.accounts.models import Organisation, Role, User
from doorstep.assignments.models import Assignment
from doorstep.cases.models import Need
from doorstep.lib import clock
from doorstep.offers.models import Helper
from doorstep.sharing import catalogue as cat
from tests import factories
from tests.assignments.conftest import make_kitchen
from tests.browser.conftest import AccessibilityChecker
from tests.browser.test_journey import sign_in
from tests.matching_service.conftest import a_need
from tests.offers.factories import make_helper, make_offer
from tests.sharing.factories import make_agreement

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def community_kitchen(hub: Organisation, group: Organisation) -> Helper:
    kitchen = make_kitchen(hub, group, capacity=10)
    bank = make_helper(hub, kind="vcse", tier="vcse", name="Food Bank", diets=["halal"])
    make_offer(bank, need_codes=["food"], capacity_per_week=50)
    return kitchen


def a_group_with_an_agreement(hub: Organisation, dpo: User) -> Organisation:
    group = Organisation.objects.create(name="Old Trafford Community Kitchen", kind="community")
    make_agreement(
        dpo,
        {hub: "controller", group: "recipient"},
        purposes=("task",),
        fields={cat.RESIDENT: ("first_name", "address"), cat.NEED: ("code", "description")},
    )
    return group


def test_a_guide_chooses_the_kitchen_and_its_leader_accepts(
    page: Page, browser: Browser, live_server: object, axe: AccessibilityChecker
) -> None:
    base = str(live_server)
    clock.set_now(None)
    hub = Organisation.objects.create(name="Trafford Council", is_hub=True)
    amina = factories.make_user(hub, Role.LOCAL_GUIDE, username="amina", languages=["en", "fr"])
    group = a_group_with_an_agreement(hub, factories.make_user(hub, Role.DATA_PROTECTION_LEAD))
    leader = factories.make_user(group, Role.COMMUNITY_LEADER, username="shazia")
    community_kitchen(hub, group)
    need = a_need(hub)

    sign_in(page, base, amina, axe)
    page.goto(f"{base}/needs/{need.pk}/proposals/")
    first = page.locator("#proposals > li").first
    expect(first).to_contain_text("Old Trafford Community Kitchen")
    expect(first).to_contain_text("speaks French")
    expect(first).to_contain_text("halal")
    axe.check(page)
    first.get_by_role("button", name="Ask Old Trafford Community Kitchen").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("waiting for them to accept")
    axe.check(page)

    context = browser.new_context(bypass_csp=True)
    theirs = context.new_page()
    sign_in(theirs, base, leader, axe)
    expect(theirs.get_by_role("heading", name="Requests for your group")).to_be_visible()
    axe.check(theirs)
    theirs.get_by_role("link", name="Mo").click()
    expect(theirs.locator("#task")).not_to_contain_text("1 Example Road")
    axe.check(theirs)
    theirs.get_by_role("button", name="Accept").click()
    expect(theirs.locator(".govuk-notification-banner")).to_contain_text("Accepted")
    expect(theirs.locator("#task")).to_contain_text("1 Example Road")
    axe.check(theirs)
    theirs.get_by_label("The need was met").check()
    theirs.get_by_label("What happened").fill("Hot halal meals from Tuesday")
    theirs.get_by_role("button", name="Send report").click()
    expect(theirs.locator(".govuk-notification-banner")).to_contain_text("outcome is recorded")
    context.close()

    need.refresh_from_db()
    assert need.status == Need.Status.MET
    assert need.met_tier == "community"


def test_a_coordinator_reviews_and_confirms_a_batch(
    page: Page, live_server: object, axe: AccessibilityChecker
) -> None:
    base = str(live_server)
    clock.set_now(None)
    hub = Organisation.objects.create(name="Trafford Council", is_hub=True)
    cora = factories.make_user(hub, Role.COORDINATOR, username="cora")
    pantry = make_helper(hub, kind="space", name="Urmston Pantry", diets=["halal"])
    make_offer(pantry, need_codes=["food"], capacity_per_week=30)
    for number in range(12):
        a_need(hub, first_name=f"Resident{number}", language="en")

    sign_in(page, base, cora, axe)
    page.goto(f"{base}/coordinator/batch/")
    expect(page.locator("input[name=needs]:checked")).to_have_count(12)
    axe.check(page)
    page.get_by_role("button", name="Plan the assignment").click()
    expect(page.locator("#plan-summary")).to_contain_text("12 of the 12 needs")
    axe.check(page)
    page.get_by_role("button", name="Confirm 12 assignments").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("12 needs assigned")
    axe.check(page)
    assert Assignment.objects.filter(source="batch").count() == 12
