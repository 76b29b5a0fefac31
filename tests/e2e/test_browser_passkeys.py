"""Passkeys in Chromium with a virtual authenticator: add, sign in with one alone, use one
as the second factor, rename, remove; the pages pass axe."""

import socket
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from aiohttp import web
from playwright.async_api import Browser, Page, expect
from test_browser_sign_in import Site, heading, sign_out

from immportal.app.web_app import create_app
from testkit.browser_flows import sign_in, sign_up_with_authenticator
from testkit.browser_support import launch_chromium, wcag_violations
from testkit.mail_support import mail_arrives
from testkit.support import make_settings


@pytest.fixture
async def site(database_url: str, tmp_path: Path) -> AsyncIterator[Site]:
    """The portal at http://localhost:<port>: WebAuthn needs a domain, not an IP address."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
        base_url = f"http://localhost:{port}"
        settings = make_settings(database_url, dev=True, public_url=base_url, data_dir=tmp_path)
        runner = web.AppRunner(create_app(settings))
        await runner.setup()
        try:
            await web.SockSite(runner, sock).start()
            yield Site(base_url, tmp_path / "mailbox")
        finally:
            await runner.cleanup()


@pytest.fixture
async def page(site: Site) -> AsyncIterator[Page]:
    """A Chromium page with a virtual platform authenticator that verifies its user."""
    async with launch_chromium() as browser:
        yield await _page_with_authenticator(browser)


async def _page_with_authenticator(browser: Browser) -> Page:
    # bypass_csp only lets axe-core's inline script run; the page's own CSP is kept otherwise.
    context = await browser.new_context(bypass_csp=True)
    page = await context.new_page()
    cdp = await context.new_cdp_session(page)
    await cdp.send("WebAuthn.enable")
    await cdp.send(
        "WebAuthn.addVirtualAuthenticator",
        {
            "options": {
                "protocol": "ctap2",
                "transport": "internal",
                "hasResidentKey": True,
                "hasUserVerification": True,
                "isUserVerified": True,
                "automaticPresenceSimulation": True,
            }
        },
    )
    return page


async def no_violations(page: Page) -> None:
    """axe finds no WCAG 2.x A/AA violation on the page as it is."""
    assert [] == await wcag_violations(page)


class TestPasskeys:
    async def test_add_sign_in_second_factor_rename_remove(self, site: Site, page: Page) -> None:
        """The whole life of a passkey, each change in the security history and mail."""
        account = await sign_up_with_authenticator(page, site)
        await page.goto(site.url("/account/passkeys"))
        await heading(page, "Passkeys and security keys")
        await no_violations(page)
        await page.get_by_label("Name of the new passkey").fill("Laptop")
        await page.get_by_role("button", name="Add a passkey").click()
        await expect(page.locator("#passkey-done")).to_contain_text("Your passkey was added.")
        await expect(page.locator("#passkeys")).to_contain_text("Laptop")
        await no_violations(page)
        await mail_arrives(site.mailbox, "A passkey was added to your account", to=account.email)

        # A passkey alone: no password, no code.
        await sign_out(page)
        await page.get_by_role("button", name="Use a passkey", exact=True).click()
        await page.wait_for_url(lambda url: "/sign-in" not in url)
        await page.goto(site.url("/account"))
        await heading(page, "Your account")

        # The passkey as the second step after the password.
        await sign_out(page)
        await sign_in(page, site, account.email)
        await heading(page, "Enter your security code")
        await no_violations(page)
        await page.get_by_role("button", name="Use a passkey instead").click()
        await page.wait_for_url(lambda url: "/sign-in" not in url)

        await page.goto(site.url("/account/passkeys"))
        rows = page.locator("#passkeys tbody tr")
        await expect(rows).to_have_count(1)
        await expect(rows.first).not_to_contain_text("Never")  # last used is shown
        await page.get_by_label("New name").fill("Work laptop")
        await page.locator("form[action$='/rename'] button").click()
        await expect(page.locator("#passkeys")).to_contain_text("Work laptop")
        await page.locator("form[action$='/remove'] button").click()
        await expect(page.locator("#passkey-done")).to_contain_text("Your passkey was removed.")
        await expect(page.locator("#passkeys")).to_have_count(0)

        await page.goto(site.url("/account/security"))
        history = page.get_by_role("main")
        for what in ("Passkey added", "Passkey renamed", "Passkey removed"):
            await expect(history).to_contain_text(what)
        await mail_arrives(
            site.mailbox, "A passkey was removed from your account", to=account.email
        )

    async def test_without_javascript_the_buttons_stay_hidden(self, site: Site) -> None:
        """Without JavaScript the sign-in page is the password form, with no dead button."""
        async with launch_chromium() as browser:
            context = await browser.new_context(java_script_enabled=False)
            page = await context.new_page()
            await page.goto(site.url("/sign-in"))
            await expect(page.get_by_role("button", name="Sign in", exact=True)).to_be_visible()
            await expect(
                page.get_by_role("button", name="Use a passkey", exact=True)
            ).to_be_hidden()
