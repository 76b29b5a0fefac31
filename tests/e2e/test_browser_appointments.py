"""Real-browser test: the applicant moves their biometrics appointment and gets a new notice."""

import asyncio
import re
import socket
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from uuid import UUID

import pyotp
import pytest
from aiohttp import web
from playwright.async_api import Browser, Page, expect

from immportal.adapters.identity.argon2_hasher import Argon2Hasher
from immportal.adapters.identity.tokens import RandomTokens
from immportal.adapters.postgres.accounts import PostgresEmailIndex
from immportal.app.appointments import appointment_service
from immportal.app.container import RUNTIME, Runtime
from immportal.app.web_app import create_app
from immportal.dev.demo.accounts import DemoCredentials, demo_owners, seed_demo_accounts
from immportal.domain.actor import Actor, Role
from immportal.services.appointments.ports import Booking
from immportal.services.identity.staff import StaffAccountService
from immportal.services.repository import Repository
from testkit.appointment_support import NEWARK, accepted_case, fill_calendars
from testkit.browser_support import describe_violations, launch_chromium, wcag_violations
from testkit.support import make_settings

SECONDS = 10.0


@dataclass(frozen=True)
class BookedSite:
    """The portal on a local port; the demo applicant's accepted case, booked at Newark."""

    base_url: str
    applicant: DemoCredentials
    case_id: UUID
    booking: Booking

    def url(self, path: str) -> str:
        """An absolute URL on the site."""
        return self.base_url + path


async def booked_case(runtime: Runtime) -> tuple[DemoCredentials, UUID, Booking]:
    """The demo applicant, a case of theirs, and the booking the in-process booker made."""
    emails = PostgresEmailIndex(runtime.pool)
    staff = StaffAccountService(Repository(runtime.store), Argon2Hasher(), RandomTokens(), emails)
    created = await seed_demo_accounts(staff, runtime.accounts, emails, datetime.now(UTC))
    owners = await demo_owners(emails)
    assert owners is not None
    await fill_calendars(runtime, NEWARK)
    case_id = await accepted_case(runtime, Actor(owners.applicant_id, Role.APPLICANT))
    loop = asyncio.get_running_loop()
    deadline = loop.time() + SECONDS
    while (booking := await appointment_service(runtime).current(case_id)) is None:
        assert loop.time() < deadline, "the case was not booked"
        await asyncio.sleep(0.05)
    applicant = next(c for c in created if c.role is Role.APPLICANT)
    return applicant, case_id, booking


@asynccontextmanager
async def serve_booked_site(database_url: str, data_dir: Path) -> AsyncIterator[BookedSite]:
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
            yield BookedSite(base_url, *await booked_case(app[RUNTIME]))
        finally:
            await runner.cleanup()


@pytest.fixture
async def site(database_url: str, tmp_path: Path) -> AsyncIterator[BookedSite]:
    """The booked site for one test."""
    async with serve_booked_site(database_url, tmp_path) as served:
        yield served


@pytest.fixture
async def chromium() -> AsyncIterator[Browser]:
    """Debian's headless Chromium for one test."""
    async with launch_chromium() as browser:
        yield browser


async def sign_in(page: Page, site: BookedSite) -> None:
    """Sign in to the demo applicant's account with its authenticator's current code."""
    await page.goto(site.url("/sign-in"))
    await page.get_by_label("Email address").fill(site.applicant.email)
    await page.get_by_label("Password").fill(site.applicant.password)
    await page.get_by_role("button", name="Sign in").click()
    await page.get_by_label("Security code").fill(
        pyotp.TOTP(site.applicant.authenticator_key).now()
    )
    await page.get_by_role("button", name="Continue").click()


async def assert_accessible(page: Page) -> None:
    """axe-core finds no WCAG 2.x A/AA violation on the page as it is now."""
    violations = await wcag_violations(page)
    assert [] == violations, describe_violations(violations)


class TestRescheduleInChromium:
    """From the case page to a new appointment time, and the new notice in the inbox."""

    async def test_reschedule_biometrics_and_see_the_new_notice(
        self, site: BookedSite, chromium: Browser
    ) -> None:
        """The applicant picks another time; the page and a new notice show it."""
        context = await chromium.new_context(bypass_csp=True)  # only for axe-core's script
        page = await context.new_page()
        await sign_in(page, site)

        await page.goto(site.url(f"/cases/{site.case_id}"))
        await page.get_by_role("link", name="Your appointment").click()
        await expect(page.get_by_role("heading", level=1)).to_have_text("Your appointment")
        await expect(page.locator("address")).to_contain_text("970 Broad Street")
        before = await page.get_by_test_id("biometrics-time").inner_text()
        before_date = await page.get_by_test_id("biometrics-date").inner_text()
        await assert_accessible(page)

        await page.get_by_role("link", name="Change appointment").click()
        await expect(page.get_by_role("heading", level=1)).to_have_text("Change your appointment")
        await assert_accessible(page)
        # First a date (every free day of the calendar, earliest first), then a time.
        dates = page.get_by_label("Date at Newark Application Support Center")
        await dates.select_option(index=2)
        chosen_day = (await dates.locator("option:checked").inner_text()).split(" (")[0]
        await page.get_by_role("button", name=re.compile("^Show times")).click()
        await expect(page.get_by_role("heading", level=2)).to_contain_text(chosen_day)
        await assert_accessible(page)
        choice = page.get_by_role("radio").nth(3)
        # USWDS draws its own radio button: the label is what people click.
        label = page.locator(f"label[for='{await choice.get_attribute('id')}']")
        label_text = await label.inner_text()
        await label.click()
        await expect(choice).to_be_checked()
        await page.get_by_role("button", name="Change appointment").click()

        await expect(page.get_by_role("status")).to_contain_text("Your appointment has changed")
        after_date = await page.get_by_test_id("biometrics-date").inner_text()
        after = await page.get_by_test_id("biometrics-time").inner_text()
        assert f"{chosen_day}, {label_text}" == f"{after_date}, {after}"
        assert (before_date, before) != (after_date, after)
        await assert_accessible(page)

        await expect_moved_notice(page, site, after_date)


async def expect_moved_notice(page: Page, site: BookedSite, new_date: str) -> None:
    """The inbox gets a second appointment notice, saying the appointment moved and when to."""
    # Newest first; unread ones say so to screen readers after the title.
    notices = page.get_by_role("link", name=re.compile(r"^Appointment notice"))
    loop = asyncio.get_running_loop()
    deadline = loop.time() + SECONDS
    while True:
        await page.goto(site.url("/inbox"))
        if await notices.count() >= 2 or loop.time() > deadline:
            break
        await asyncio.sleep(0.2)
    await expect(notices).to_have_count(2)
    await notices.first.click()
    await expect(page.get_by_role("heading", level=1)).to_contain_text(re.compile("has moved"))
    # The day without its weekday ("Thursday, December 3, 2026": "December 3, 2026").
    await expect(page.locator("main")).to_contain_text(new_date.split(", ", 1)[1])
