"""A real browser sees the idle warning, and resets a forgotten password through its email link."""

import time
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from playwright.async_api import Browser, Response, expect
from test_browser_sign_in import Site, heading, sign_out

from immportal.domain.identity.passwords import TOO_SHORT
from testkit.browser_flows import reset_link, serve_site, sign_in, sign_up_with_authenticator
from testkit.browser_support import launch_chromium

NEW_PASSWORD = "copper lantern drifts past 9037 dunes"
WARNING = "You will be signed out in 2 minutes because you have not done anything."
ENDED = "You have been signed out because you had not done anything for a while."


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


def is_stay_signed_in(response: Response) -> bool:
    """Whether this is the answer to the warning's "Stay signed in" request."""
    return response.url.endswith("/account/stay-signed-in")


class TestIdleWarning:
    async def test_warns_keeps_going_then_ends(self, site: Site, chromium: Browser) -> None:
        """2 minutes before the limit the warning shows; staying keeps it; idling ends it."""
        page = await (await chromium.new_context()).new_page()
        await page.clock.install()  # the page's timers run on this clock from the first load
        await sign_up_with_authenticator(page, site)
        warning = page.locator("#idle-warning")
        await expect(warning).to_be_hidden()

        await page.clock.fast_forward("28:30")
        await expect(warning).to_be_visible()
        await expect(warning.get_by_text(WARNING)).to_be_visible()
        async with page.expect_response(is_stay_signed_in) as answer:
            await warning.get_by_role("button", name="Stay signed in").click()
        stayed = await answer.value
        await expect(warning).to_be_hidden()

        await page.clock.fast_forward("30:01")
        await expect(warning).to_be_visible()
        await expect(warning.get_by_text(ENDED)).to_be_visible()
        await expect(warning.get_by_text(WARNING)).to_be_hidden()
        await expect(warning.get_by_role("button", name="Stay signed in")).to_be_hidden()
        await expect(warning.get_by_role("link", name="Sign in again")).to_be_visible()

        assert (204, "POST") == (stayed.status, stayed.request.method)


class TestForgotAndReset:
    async def test_new_password_then_sign_in(self, site: Site, chromium: Browser) -> None:
        """Forgot → emailed link → a refused password, then a good one → sign in with it."""
        page = await (await chromium.new_context()).new_page()
        account = await sign_up_with_authenticator(page, site)
        await sign_out(page)

        await page.get_by_role("link", name="Forgot your password?").click()
        await heading(page, "Reset your password")
        await page.get_by_label("Email address").fill(account.email)
        await page.get_by_role("button", name="Send me a link").click()
        await heading(page, "Check your email")

        opened = await page.goto(await reset_link(site, account.email))
        assert opened is not None
        await heading(page, "Choose a new password")
        referrer_policy = await opened.header_value("Referrer-Policy")

        await page.get_by_label("New password", exact=True).fill("short")
        await page.get_by_label("Type the new password again").fill("short")
        await page.get_by_role("button", name="Change my password").click()
        summary = page.locator("#error-summary")
        await expect(summary).to_contain_text("There is a problem with the new password")
        await expect(summary.get_by_role("link", name=TOO_SHORT)).to_be_visible()

        await page.get_by_label("New password", exact=True).fill(NEW_PASSWORD)
        await page.get_by_label("Type the new password again").fill(NEW_PASSWORD)
        await page.get_by_role("button", name="Change my password").click()
        await heading(page, "Your password was changed")

        await sign_in(page, site, account.email, NEW_PASSWORD)
        await heading(page, "Enter your security code")
        # The set-up used this step's code, and each code works once: use the next one.
        await page.get_by_label("Security code").fill(account.totp.at(time.time() + 30))
        await page.get_by_role("button", name="Continue").click()
        await heading(page, "Your cases")

        assert "strict-origin" == referrer_policy
