"""The analysts' dashboards in Chromium: filters work by form submission alone, and each page
passes axe-core (WCAG 2.2 AA)."""

import socket
from collections.abc import AsyncIterator
from dataclasses import dataclass
from urllib.parse import parse_qs, urlsplit

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
    """The portal on a local port over a year of synthetic history, and an analyst's sign-in."""

    base_url: str
    email: str
    key: str


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


async def _signed_in(browser: Browser, site: HistorySite, *, scripts: bool) -> Page:
    # bypass_csp only lets axe-core's inline script run; the CSP is tested elsewhere.
    context = await browser.new_context(bypass_csp=scripts, java_script_enabled=scripts)
    page = await context.new_page()
    await page.goto(f"{site.base_url}/sign-in?next=/analytics")
    await page.get_by_label("Email address").fill(site.email)
    await page.get_by_label("Password").fill(PASSWORD)
    await page.get_by_role("button", name="Sign in").click()
    await page.get_by_label("Security code").fill(pyotp.TOTP(site.key).now())
    await page.get_by_role("button", name="Continue").click()
    await expect(page.locator("h1")).to_have_text("Analytics")
    return page


class TestInABrowser:
    """The dashboards work by form submission alone and have no WCAG A/AA violations."""

    async def test_filter_without_scripts(self, site: HistorySite, chromium: Browser) -> None:
        """With scripts off, a chosen form and office redraw the charts; the URL keeps them."""
        page = await _signed_in(chromium, site, scripts=False)
        await page.get_by_label("Form", exact=True).select_option("I-765")
        await page.get_by_label("Office", exact=True).select_option("NBC")
        await page.get_by_label("Backlog lines by").select_option("office")
        await page.get_by_role("button", name="Show").click()

        await expect(page.locator("#analytics-showing")).to_contain_text("Form I-765 at office NBC")
        chosen = parse_qs(urlsplit(page.url).query)
        assert (["I-765"], ["NBC"], ["office"]) == (chosen["form"], chosen["office"], chosen["by"])
        await expect(page.get_by_role("img")).to_have_count(3)
        await expect(page.locator("[data-table=backlog] thead th")).to_have_text(
            ["Week of (Monday)", "NBC"]
        )

    async def test_dashboards_pass_axe(self, site: HistorySite, chromium: Browser) -> None:
        """The default dashboards, a filtered one, and a refused filter with its error summary."""
        page = await _signed_in(chromium, site, scripts=True)
        found = {"default": await _violations(page)}
        await page.get_by_label("Form", exact=True).select_option("N-400")
        await page.get_by_label("Backlog lines by").select_option("office")
        await page.get_by_role("button", name="Show").click()
        await expect(page.locator("#analytics-showing")).to_contain_text("Form N-400")
        found["filtered"] = await _violations(page)
        await page.get_by_label("To", exact=True).fill("2001-01-01")
        await page.get_by_label("From", exact=True).fill("2001-02-01")
        await page.get_by_role("button", name="Show").click()
        await expect(page.locator("#error-summary")).to_contain_text("The start date must be")
        found["refused"] = await _violations(page)

        assert dict.fromkeys(found, "") == found
        await expect(page.get_by_role("img")).to_have_count(0)


async def _violations(page: Page) -> str:
    await expect(page.locator("h1")).to_be_visible()
    return describe_violations(await wcag_violations(page))
