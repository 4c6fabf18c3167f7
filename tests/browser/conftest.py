"""Real Chromium (Debian's), driven by Playwright, with axe-core on every page."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page, sync_playwright

CHROMIUM = os.environ.get("DOORSTEP_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]

# Playwright's sync API runs an event loop in this thread; the test's ORM calls are still sync.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not os.path.exists(CHROMIUM):
        pytest.fail(
            f"Chromium is not at {CHROMIUM}: run `make browsers` (apt-get install chromium)"
        )
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(bypass_csp=True)  # so axe-core can be injected
    page = context.new_page()
    yield page
    context.close()


class AccessibilityChecker:
    def __init__(self) -> None:
        self.axe = Axe()
        self.pages: list[str] = []

    def check(self, page: Page) -> None:
        results = self.axe.run(page, options={"runOnly": {"type": "tag", "values": WCAG_22_AA}})
        self.pages.append(page.url)
        assert results.violations_count == 0, f"{page.url}\n{results.generate_report()}"


@pytest.fixture
def axe() -> AccessibilityChecker:
    return AccessibilityChecker()
