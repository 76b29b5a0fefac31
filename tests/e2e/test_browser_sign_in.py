"""A real browser signs up, confirms its email, sets up an authenticator and signs in again."""

import asyncio
import re
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path
from uuid import uuid4

import pyotp
import pytest
from playwright.async_api import Browser, ConsoleMessage, Page, expect

from immportal.adapters.mail.mailbox import read_mailbox
from testkit.browser_support import launch_chromium

PASSWORD = "amber kettle sings over 4812 hills"
NAME = "Ana Lopez"


@dataclass(frozen=True)
class Site:
    """The portal served over TCP at its public URL, mailing into a local mailbox."""

    base_url: str
    mailbox: Path

    def url(self, path: str) -> str:
        """An absolute URL on the site."""
        return self.base_url + path


@pytest.fixture
async def site(database_url: str, tmp_path: Path) -> AsyncIterator[Site]:
    """The portal on a free local port whose public URL is its real origin."""
    # Imported here: browser_flows builds on this module's page helpers.
    from testkit.browser_flows import serve_site

    async with serve_site(database_url, tmp_path) as served:
        yield served


@pytest.fixture
async def chromium() -> AsyncIterator[Browser]:
    """Debian's headless Chromium for one test."""
    async with launch_chromium() as browser:
        yield browser


async def heading(page: Page, text: str) -> None:
    """Wait until the page's main heading says this."""
    await expect(page.get_by_role("heading", level=1)).to_have_text(text)


async def verification_link(site: Site, email: str) -> str:
    """The confirmation link mailed to the address."""
    for mail in await read_mailbox(site.mailbox):
        found = re.search(r"http\S+/account/verify\?token=\S+", mail.text)
        if mail.to == email and found:
            return found.group(0)
    raise AssertionError(f"no confirmation link mailed to {email}")


async def sign_in_with_password(page: Page, site: Site, email: str) -> None:
    """Open the sign-in page and send the email and password."""
    await page.goto(site.url("/sign-in"))
    await page.get_by_label("Email address").fill(email)
    await page.get_by_label("Password").fill(PASSWORD)
    await page.get_by_role("button", name="Sign in").click()


async def sign_out(page: Page) -> None:
    """Press the header's "Sign out" button (every signed-in page has it)."""
    await page.get_by_role("banner").get_by_role("button", name="Sign out", exact=True).click()
    await heading(page, "Sign in")


class TestSignUpAndSignIn:
    async def test_whole_path_in_a_browser(self, site: Site, chromium: Browser) -> None:
        """Sign up, confirm, set up the app, save codes; sign in by code, then by recovery code."""
        page = await (await chromium.new_context(accept_downloads=True)).new_page()
        csp: list[str] = []

        def keep_csp_reports(message: ConsoleMessage) -> None:
            if "Content Security Policy" in message.text:
                csp.append(message.text)

        page.on("console", keep_csp_reports)
        email = f"ana.{uuid4().hex[:10]}@example.com"

        await page.goto(site.url("/account/create"))
        await page.get_by_label("Full name").fill(NAME)
        await page.get_by_label("Email address").fill(email)
        await page.get_by_label("Password").fill(PASSWORD)
        await page.get_by_role("button", name="Create account").click()
        await heading(page, "Check your email")

        await page.goto(await verification_link(site, email))
        await page.get_by_role("button", name="Confirm my email address").click()
        await heading(page, "Your email address is confirmed")

        await sign_in_with_password(page, site, email)
        await heading(page, "Set up your authenticator app")
        await expect(page.locator("svg")).to_have_count(1)
        secret = (await page.locator("#totp-key").inner_text()).replace(" ", "")
        totp = pyotp.TOTP(secret)
        await page.get_by_label("6-digit code").fill(totp.now())
        await page.get_by_role("button", name="Continue").click()

        await heading(page, "Save your recovery codes")
        codes = await page.locator("#recovery-codes li").all_inner_texts()
        async with page.expect_download() as download:
            await page.get_by_role("link", name="Download as a text file").click()
        file = await download.value
        saved = await asyncio.to_thread(Path(await file.path()).read_text)
        await page.get_by_role("button", name="I have saved my codes").click()
        await heading(page, "Your account")
        await expect(page.get_by_role("main")).to_contain_text(NAME)

        await sign_out(page)
        await sign_in_with_password(page, site, email)
        await heading(page, "Enter your security code")
        # The set-up used this step's code, and each code works once: use the next one.
        await page.get_by_label("Security code").fill(totp.at(time.time() + 30))
        await page.get_by_role("button", name="Continue").click()
        await heading(page, "Your cases")  # an applicant lands on their cases

        await sign_out(page)
        await sign_in_with_password(page, site, email)
        await page.get_by_label("Security code").fill(codes[0])
        await page.get_by_role("button", name="Continue").click()
        await heading(page, "Your cases")

        assert "immportal-recovery-codes.txt" == file.suggested_filename
        assert 10 == len(codes)
        assert all(code in saved for code in codes)
        assert [] == csp
