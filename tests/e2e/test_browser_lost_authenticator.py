"""A real browser finds "lost authenticator" from the code page and reaches the proof step."""

import re
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from playwright.async_api import Browser, Page, expect
from test_browser_sign_in import Site, heading, sign_out

from immportal.adapters.mail.mailbox import read_mailbox
from immportal.domain.identity.recovery_errors import PROOF_MISMATCH
from testkit.browser_flows import serve_site, sign_in, sign_up_with_authenticator
from testkit.browser_support import describe_violations, launch_chromium, wcag_violations


@pytest.fixture
async def site(database_url: str, tmp_path: Path) -> AsyncIterator[Site]:
    """The portal on a free local port whose public URL is its real origin."""
    async with serve_site(database_url, tmp_path) as served:
        yield served


@pytest.fixture
async def chromium() -> AsyncIterator[Browser]:
    """Debian's headless Chromium for one test."""
    async with launch_chromium() as browser:
        yield browser


async def recovery_link(site: Site, email: str) -> str:
    """The first recovery link mailed to the address."""
    for mail in await read_mailbox(site.mailbox):
        found = re.search(r"http\S+/lost-authenticator/proof\?token=\S+", mail.text)
        if mail.to == email and found:
            return found.group(0)
    raise AssertionError(f"no recovery link mailed to {email}")


async def accessible(page: Page) -> None:
    """Fail with a readable list if axe-core finds WCAG A/AA problems on the page."""
    violations = await wcag_violations(page)
    assert [] == violations, describe_violations(violations)


class TestLostAuthenticator:
    async def test_code_page_to_proof(self, site: Site, chromium: Browser) -> None:
        """Code page → start → emailed link → a wrong proof is explained; pages pass axe."""
        # bypass_csp only lets axe-core's inline script run; the CSP is tested elsewhere.
        page = await (await chromium.new_context(bypass_csp=True)).new_page()
        account = await sign_up_with_authenticator(page, site)
        await sign_out(page)
        await sign_in(page, site, account.email)
        await heading(page, "Enter your security code")

        await page.get_by_role("link", name="Lost your authenticator and recovery codes?").click()
        await heading(page, "Lost your authenticator app and recovery codes?")
        await accessible(page)
        await page.get_by_label("Email address of your account").fill(account.email)
        await page.get_by_role("button", name="Send me a link").click()
        await heading(page, "Check your email")

        await page.goto(await recovery_link(site, account.email))
        await heading(page, "Check it is you")
        await accessible(page)
        await page.get_by_label("Receipt number").fill("IOE2700000001")
        await page.get_by_label("Month").fill("4")
        await page.get_by_label("Day").fill("28")
        await page.get_by_label("Year").fill("1986")
        await page.get_by_role("button", name="Continue").click()
        await expect(page.locator("#error-summary")).to_contain_text(PROOF_MISMATCH)
        await accessible(page)
