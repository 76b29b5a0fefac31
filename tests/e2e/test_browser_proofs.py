"""Checking a document and a status in Chromium: each page passes axe (WCAG 2.2 AA)."""

import socket
from collections.abc import AsyncIterator
from dataclasses import dataclass

import pyotp
import pytest
from aiohttp import web
from playwright.async_api import Browser, Page, expect

from immportal.app.container import RUNTIME, Runtime
from immportal.app.web_app import create_app
from immportal.domain.actor import Actor, Role
from immportal.domain.documents.codes import grouped
from immportal.web.portal import PORTAL
from testkit.browser_support import describe_violations, launch_chromium, wcag_violations
from testkit.document_support import document_code
from testkit.e2e_support import accepted_case, new_applicant
from testkit.notice_support import wait_for_notices
from testkit.sharing_support import BORN_ON, approved_case
from testkit.signed_in_support import PASSWORD, open_account
from testkit.support import make_settings


@dataclass(frozen=True)
class ProofSite:
    """The portal on a local port: a notice's code, and a holder with an approved status."""

    base_url: str
    document_code: str
    email: str
    key: str

    def url(self, path: str) -> str:
        """An absolute URL on the site."""
        return self.base_url + path


@dataclass(frozen=True)
class _Served:
    """What testkit helpers that take a Portal use of it: the application's runtime."""

    app: web.Application

    @property
    def runtime(self) -> Runtime:
        """The runtime of the served application."""
        return self.app[RUNTIME]


@pytest.fixture
async def site(database_url: str) -> AsyncIterator[ProofSite]:
    """Serve the portal on a free port whose public URL is its real origin, and set the scene."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        host, port = sock.getsockname()[:2]
        base_url = f"http://{host}:{port}"
        app = create_app(make_settings(database_url, dev=True, public_url=base_url))
        runner = web.AppRunner(app)
        await runner.setup()
        try:
            await web.SockSite(runner, sock).start()
            served = _Served(app)
            runtime = app[RUNTIME]
            case_id = await accepted_case(runtime.cases, new_applicant())
            [notice_id] = await wait_for_notices(served, case_id, 1)  # type: ignore[arg-type]
            code = await document_code(served, notice_id)  # type: ignore[arg-type]
            account_id, email, key = await open_account(served, Role.APPLICANT)  # type: ignore[arg-type]
            await approved_case(runtime.cases, Actor(str(account_id), Role.APPLICANT))
            await app[PORTAL].read_models.wait_until(
                await runtime.store.head(), ("case_files",), 10
            )
            yield ProofSite(base_url, code, email, key)
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


async def _fill_check(page: Page, code: str, born: tuple[int, int, int]) -> None:
    await page.get_by_label("Share code").fill(code)
    await page.get_by_label("Month").fill(str(born[1]))
    await page.get_by_label("Day").fill(str(born[2]))
    await page.get_by_label("Year").fill(str(born[0]))
    await page.get_by_role("button", name="Check status").click()


class TestInABrowser:
    """The pages work by form submission alone and have no WCAG A/AA violations."""

    async def test_verify_passes_axe(self, site: ProofSite, chromium: Browser) -> None:
        """The blank form, a genuine code, an unknown one and a malformed one."""
        # bypass_csp only lets axe-core's inline script run; the CSP is tested elsewhere.
        page = await (await chromium.new_context(bypass_csp=True)).new_page()
        found = {}
        await page.goto(site.url("/verify"))
        found["blank"] = await _violations(page)
        await page.get_by_label("Verification code").fill(grouped(site.document_code, 4))
        await page.get_by_role("button", name="Check document").click()
        await expect(page.locator("#document-heading")).to_contain_text("genuine receipt notice")
        found["genuine"] = await _violations(page)
        await page.get_by_label("Verification code").fill("4F7K-2M9Q-XD3A")
        await page.get_by_role("button", name="Check document").click()
        await expect(page.get_by_text("We could not find a document")).to_be_visible()
        found["unknown"] = await _violations(page)
        await page.get_by_label("Verification code").fill("hello")
        await page.get_by_role("button", name="Check document").click()
        await expect(page.locator("#error-summary")).to_contain_text("12 letters and numbers")
        found["malformed"] = await _violations(page)
        assert dict.fromkeys(found, "") == found

    async def test_share_and_check_pass_axe(self, site: ProofSite, chromium: Browser) -> None:
        """The holder makes a code; a checker sees it, a mistake, and a refusal."""
        holder = await (await chromium.new_context(bypass_csp=True)).new_page()
        found = {}
        await holder.goto(site.url("/sign-in?next=/share-codes"))
        await holder.get_by_label("Email address").fill(site.email)
        await holder.get_by_label("Password").fill(PASSWORD)
        await holder.get_by_role("button", name="Sign in").click()
        await holder.get_by_label("Security code").fill(pyotp.TOTP(site.key).now())
        await holder.get_by_role("button", name="Continue").click()
        await expect(holder.locator("h1")).to_have_text("Prove your status")
        found["list"] = await _violations(holder)
        await holder.get_by_role("link", name="Make a share code").click()
        found["new"] = await _violations(holder)
        await holder.get_by_role("button", name="Make the code").click()
        await expect(holder.locator("#error-summary")).to_contain_text("Choose what you need")
        found["mistake"] = await _violations(holder)
        # USWDS draws its own radio button: the label is what people click.
        await holder.locator("label", has_text="A job (right to work)").click()
        await holder.get_by_role("button", name="Make the code").click()
        code = (await holder.locator("#share-code").inner_text()).strip()
        found["code"] = await _violations(holder)

        checker = await (await chromium.new_context(bypass_csp=True)).new_page()
        await checker.goto(site.url("/check-status"))
        found["check"] = await _violations(checker)
        await checker.get_by_role("button", name="Check status").click()
        await expect(checker.locator("#error-summary")).to_contain_text("Enter the share code")
        found["check mistake"] = await _violations(checker)
        born = (BORN_ON.year, BORN_ON.month, BORN_ON.day)
        await _fill_check(checker, code, born)
        await expect(checker.locator("#statement-facts")).to_contain_text("Maria Garcia")
        found["statement"] = await _violations(checker)
        await checker.goto(site.url("/check-status"))
        await _fill_check(checker, code, (born[0], born[1], born[2] + 1))
        await expect(checker.locator("#check-refused")).to_be_visible()
        found["refused"] = await _violations(checker)

        await holder.reload()
        await expect(holder.get_by_role("table")).to_contain_text("Your details were shown")
        found["checks"] = await _violations(holder)
        assert dict.fromkeys(found, "") == found
