"""Processing times and the analysts' dashboard in Chromium; each page passes axe (WCAG 2.2 AA)."""

import socket
from collections.abc import AsyncIterator
from dataclasses import dataclass

import pyotp
import pytest
from aiohttp import web
from playwright.async_api import Browser, Page, expect

from immportal.adapters.postgres.receipts import PostgresReceiptNumbers
from immportal.app.container import RUNTIME, Runtime
from immportal.app.web_app import create_app
from immportal.dev.demo.history_events import seed_demo_history
from immportal.domain.actor import Role
from testkit.browser_support import describe_violations, launch_chromium, wcag_violations
from testkit.milestone_support import milestones_caught_up
from testkit.signed_in_support import PASSWORD, open_account
from testkit.support import make_settings


@dataclass(frozen=True)
class HistorySite:
    """The portal on a local port with a year of synthetic history and an analyst's sign-in."""

    base_url: str
    email: str
    key: str

    def url(self, path: str) -> str:
        """An absolute URL on the site."""
        return self.base_url + path


@dataclass(frozen=True)
class _WithRuntime:
    runtime: Runtime


@pytest.fixture
async def site(database_url: str) -> AsyncIterator[HistorySite]:
    """Serve the portal on a free port whose public URL is its real origin."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        host, port = sock.getsockname()[:2]
        base_url = f"http://{host}:{port}"
        app = create_app(make_settings(database_url, dev=True, public_url=base_url))
        runner = web.AppRunner(app)
        await runner.setup()
        try:
            await web.SockSite(runner, sock).start()
            runtime = app[RUNTIME]
            await seed_demo_history(runtime.store, PostgresReceiptNumbers(runtime.pool))
            await milestones_caught_up(runtime, seconds=30)
            # open_account only needs something with the runtime, as a Portal has.
            _, email, key = await open_account(_WithRuntime(runtime), Role.ANALYST)  # type: ignore[arg-type]
            yield HistorySite(base_url, email, key)
        finally:
            await runner.cleanup()


@pytest.fixture
async def chromium() -> AsyncIterator[Browser]:
    """Debian's headless Chromium for one test."""
    async with launch_chromium() as browser:
        yield browser


async def _violations(page: Page) -> str:
    await expect(page.locator("h1")).to_be_visible()
    return describe_violations(await wcag_violations(page))


class TestInABrowser:
    """The pages work by form submission alone and have no WCAG A/AA violations."""

    async def test_processing_times_pass_axe(self, site: HistorySite, chromium: Browser) -> None:
        """The blank page, a chosen form and office, and a mistake in the error summary."""
        # bypass_csp only lets axe-core's inline script run; the CSP is tested elsewhere.
        page = await (await chromium.new_context(bypass_csp=True)).new_page()
        found = {}
        await page.goto(site.url("/"))
        await page.get_by_role("link", name="Check case processing times").click()
        found["blank"] = await _violations(page)
        await page.get_by_label("Form", exact=True).select_option("I-765")
        await page.get_by_role("button", name="Get processing time").click()
        await expect(page.locator("#times-statement")).to_contain_text("80% of cases")
        found["chosen"] = await _violations(page)
        await page.get_by_label("Receipt date of your case (optional)").fill("soon")
        await page.get_by_role("button", name="Get processing time").click()
        await expect(page.locator("#error-summary")).to_contain_text("Enter the receipt date")
        found["mistake"] = await _violations(page)
        assert dict.fromkeys(found, "") == found

    async def test_analytics_pass_axe(self, site: HistorySite, chromium: Browser) -> None:
        """The analyst signs in and the dashboards show their four tables."""
        page = await (await chromium.new_context(bypass_csp=True)).new_page()
        await page.goto(site.url("/sign-in?next=/analytics"))
        await page.get_by_label("Email address").fill(site.email)
        await page.get_by_label("Password").fill(PASSWORD)
        await page.get_by_role("button", name="Sign in").click()
        await page.get_by_label("Security code").fill(pyotp.TOTP(site.key).now())
        await page.get_by_role("button", name="Continue").click()
        await expect(page.locator("h1")).to_have_text("Analytics")

        found = await _violations(page)

        assert "" == found
        await expect(page.get_by_role("table")).to_have_count(4)
