"""The auditor pages in Chromium: an auditor signs in, and each page passes axe (WCAG 2.2 AA)."""

import socket
from collections.abc import AsyncIterator
from dataclasses import dataclass

import pyotp
import pytest
from aiohttp import web
from playwright.async_api import Browser, expect

from immportal.app.container import RUNTIME, Runtime
from immportal.app.web_app import create_app
from immportal.domain.actor import Role
from testkit.audit_support import decided_case
from testkit.browser_support import describe_violations, launch_chromium, wcag_violations
from testkit.e2e_support import new_applicant
from testkit.signed_in_support import PASSWORD, open_account
from testkit.support import make_settings


@dataclass(frozen=True)
class AuditSite:
    """The portal on a local port, with one decided case and an auditor's sign-in."""

    base_url: str
    runtime: Runtime
    case_path: str
    email: str
    key: str

    def url(self, path: str) -> str:
        """An absolute URL on the site."""
        return self.base_url + path


@pytest.fixture
async def site(database_url: str) -> AsyncIterator[AuditSite]:
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
            case_id = await decided_case(runtime.cases, new_applicant())
            # open_account only needs something with the runtime, as a Portal has.
            _, email, key = await open_account(_WithRuntime(runtime), Role.AUDITOR)  # type: ignore[arg-type]
            yield AuditSite(base_url, runtime, f"/audit/cases/{case_id}", email, key)
        finally:
            await runner.cleanup()


@dataclass(frozen=True)
class _WithRuntime:
    runtime: Runtime


@pytest.fixture
async def chromium() -> AsyncIterator[Browser]:
    """Debian's headless Chromium for one test."""
    async with launch_chromium() as browser:
        yield browser


class TestAuditPagesInABrowser:
    """Each auditor page opens for a signed-in auditor and has no WCAG A/AA violations."""

    async def test_pages_pass_axe(self, site: AuditSite, chromium: Browser) -> None:
        """Search, history, as-of, case verify and whole-log verify (after pressing the button)."""
        # bypass_csp only lets axe-core's inline script run; the CSP is tested elsewhere.
        page = await (await chromium.new_context(bypass_csp=True)).new_page()
        await page.goto(site.url("/sign-in"))
        await page.get_by_label("Email address").fill(site.email)
        await page.get_by_label("Password").fill(PASSWORD)
        await page.get_by_role("button", name="Sign in").click()
        await page.get_by_label("Security code").fill(pyotp.TOTP(site.key).now())
        await page.get_by_role("button", name="Continue").click()

        found = {}
        for path in (
            "/audit",
            "/audit?case=nope",
            site.case_path,
            f"{site.case_path}/as-of/9",
            f"{site.case_path}/verify",
            "/audit/verify",
        ):
            await page.goto(site.url(path))
            await expect(page.locator("h1")).to_be_visible()
            found[path] = describe_violations(await wcag_violations(page))
        await page.get_by_role("button", name="Verify the whole log").click()
        await expect(page.locator("#chain-result")).to_contain_text("Intact")
        found["/audit/verify (result)"] = describe_violations(await wcag_violations(page))
        assert dict.fromkeys(found, "") == found
