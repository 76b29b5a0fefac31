"""Real-browser tests of the applicant's pages (immportal.web.applicant) in Chromium."""

import socket
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pyotp
import pytest
from aiohttp import web
from playwright.async_api import Browser, Page, expect

from immportal.adapters.identity.argon2_hasher import Argon2Hasher
from immportal.adapters.identity.tokens import RandomTokens
from immportal.adapters.postgres.accounts import PostgresEmailIndex
from immportal.app.container import RUNTIME, Runtime
from immportal.app.web_app import create_app
from immportal.dev.demo.accounts import DemoCredentials, demo_owners, seed_demo_accounts
from immportal.dev.demo.cases import seed_demo_cases
from immportal.domain.actor import Role
from immportal.services.identity.staff import StaffAccountService
from immportal.services.repository import Repository
from testkit.browser_support import describe_violations, launch_chromium, projected, wcag_violations
from testkit.support import make_settings


@dataclass(frozen=True)
class DemoSite:
    """The portal on a local port, with the demo accounts and their cases."""

    base_url: str
    accounts: dict[Role, DemoCredentials]

    def url(self, path: str) -> str:
        """An absolute URL on the site."""
        return self.base_url + path


async def seed(runtime: Runtime) -> dict[Role, DemoCredentials]:
    """The demo accounts, then the demo cases that belong to them, projected."""
    emails = PostgresEmailIndex(runtime.pool)
    staff = StaffAccountService(Repository(runtime.store), Argon2Hasher(), RandomTokens(), emails)
    created = await seed_demo_accounts(staff, runtime.accounts, emails, datetime.now(UTC))
    await projected(runtime, await seed_demo_cases(runtime.cases, await demo_owners(emails)))
    return {c.role: c for c in created}


@asynccontextmanager
async def serve_demo_accounts_site(database_url: str, data_dir: Path) -> AsyncIterator[DemoSite]:
    """The portal on a free port whose public URL is its real origin (for the CSRF check)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        host, port = sock.getsockname()[:2]
        base_url = f"http://{host}:{port}"
        settings = make_settings(database_url, dev=True, public_url=base_url, data_dir=data_dir)
        app = create_app(settings)
        runner = web.AppRunner(app)
        await runner.setup()
        try:
            await web.SockSite(runner, sock).start()
            yield DemoSite(base_url, await seed(app[RUNTIME]))
        finally:
            await runner.cleanup()


@pytest.fixture
async def site(database_url: str, tmp_path: Path) -> AsyncIterator[DemoSite]:
    """The demo site for one test."""
    async with serve_demo_accounts_site(database_url, tmp_path) as served:
        yield served


@pytest.fixture
async def chromium() -> AsyncIterator[Browser]:
    """Debian's headless Chromium for one test."""
    async with launch_chromium() as browser:
        yield browser


async def sign_in(page: Page, site: DemoSite, role: Role) -> None:
    """Sign in to a demo account with its password and its authenticator's current code."""
    account = site.accounts[role]
    await page.goto(site.url("/sign-in"))
    await page.get_by_label("Email address").fill(account.email)
    await page.get_by_label("Password").fill(account.password)
    await page.get_by_role("button", name="Sign in").click()
    await page.get_by_label("Security code").fill(pyotp.TOTP(account.authenticator_key).now())
    await page.get_by_role("button", name="Continue").click()


async def assert_accessible(page: Page) -> None:
    """axe-core finds no WCAG 2.x A/AA violation on the page as it is now."""
    violations = await wcag_violations(page)
    assert [] == violations, describe_violations(violations)


class TestApplicantPages:
    """The demo applicant's dashboard, a case and its representatives page, in a browser."""

    @pytest.mark.parametrize("javascript", [True, False])
    async def test_walk_through_accessibly(
        self, site: DemoSite, chromium: Browser, javascript: bool
    ) -> None:
        """Each page passes axe; the links and forms work with or without JavaScript."""

        async def check(page: Page) -> None:
            # axe-core is a script: without JavaScript only the walk itself is tested.
            if javascript:
                await assert_accessible(page)

        # bypass_csp only lets axe-core's inline script run; the pages' own CSP is tested
        # by the dev case page's browser tests.
        context = await chromium.new_context(java_script_enabled=javascript, bypass_csp=True)
        page = await context.new_page()
        await sign_in(page, site, Role.APPLICANT)

        await page.get_by_role("link", name="Your cases").click()
        await expect(page.get_by_role("heading", level=1)).to_have_text("Your cases")
        await check(page)

        await page.get_by_role("link", name="N-400").first.click()
        await expect(page.get_by_role("heading", name="What has happened so far")).to_be_visible()
        await check(page)

        await page.get_by_role("link", name="Choose who can act for you on this case").click()
        await expect(page.get_by_role("heading", level=1)).to_have_text(
            "Who can act for you on this case"
        )
        await check(page)
        await page.get_by_role("button", name="Give access").click()
        await expect(page.locator("#error-summary")).to_be_visible()
        await check(page)

    async def test_representative_sees_the_represented_case(
        self, site: DemoSite, chromium: Browser
    ) -> None:
        """The demo representative's dashboard lists the one case they act on."""
        page = await (await chromium.new_context(bypass_csp=True)).new_page()
        await sign_in(page, site, Role.REPRESENTATIVE)
        await page.get_by_role("link", name="Your cases").click()
        await expect(page.locator(".usa-card")).to_have_count(1)
        await assert_accessible(page)
        await page.locator(".usa-card a").click()
        await expect(page.get_by_role("main")).to_contain_text("the applicant authorized you")
        await assert_accessible(page)
