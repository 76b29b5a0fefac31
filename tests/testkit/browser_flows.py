"""Browser steps the real-browser tests repeat: serve the portal, sign up, sign in, read mail.

Built on test_browser_sign_in's helpers. Its `site` fixture cannot be imported into another
test module (the tests' parameters would shadow it, ruff F811), so `serve_site` serves the
portal the same way for a module's own fixture.
"""

import re
import socket
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from uuid import uuid4

import pyotp
from aiohttp import web
from playwright.async_api import Page, expect
from test_browser_sign_in import NAME, PASSWORD, Site, heading, verification_link

from immportal.app.web_app import create_app
from testkit.mail_support import mail_arrives
from testkit.support import make_settings


@dataclass(frozen=True)
class Account:
    """An applicant account made in the browser, with its authenticator."""

    email: str
    totp: pyotp.TOTP


@asynccontextmanager
async def serve_site(database_url: str, data_dir: Path) -> AsyncIterator[Site]:
    """The portal on a free local port whose public URL is its real origin."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        host, port = sock.getsockname()[:2]
        base_url = f"http://{host}:{port}"
        settings = make_settings(database_url, dev=True, public_url=base_url, data_dir=data_dir)
        runner = web.AppRunner(create_app(settings))
        await runner.setup()
        try:
            await web.SockSite(runner, sock).start()
            yield Site(base_url, data_dir / "mailbox")
        finally:
            await runner.cleanup()


async def sign_in(page: Page, site: Site, email: str, password: str = PASSWORD) -> None:
    """Open the sign-in page and send the email and password."""
    await page.goto(site.url("/sign-in"))
    await page.get_by_label("Email address").fill(email)
    await page.get_by_label("Password").fill(password)
    await page.get_by_role("button", name="Sign in").click()


async def sign_up_with_authenticator(page: Page, site: Site) -> Account:
    """Create an account, confirm it, set up the authenticator, save the codes: signed in."""
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

    await sign_in(page, site, email)
    await heading(page, "Set up your authenticator app")
    totp = pyotp.TOTP((await page.locator("#totp-key").inner_text()).replace(" ", ""))
    await page.get_by_label("6-digit code").fill(totp.now())
    await page.get_by_role("button", name="Continue").click()
    await heading(page, "Save your recovery codes")
    await page.get_by_role("button", name="I have saved my codes").click()
    await heading(page, "Your account")
    await expect(page.get_by_role("main")).to_contain_text(NAME)
    return Account(email, totp)


async def reset_link(site: Site, email: str) -> str:
    """The password reset link mailed to the address (mailed after the page answered)."""
    for mail in await mail_arrives(site.mailbox, "Reset your password", to=email):
        found = re.search(r"http\S+/account/reset\?token=\S+", mail.text)
        if found:
            return found.group(0)
    raise AssertionError(f"no reset link mailed to {email}")
