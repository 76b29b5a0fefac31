"""Real-browser test of the timeline people read: saves grouped, a replaced notice, axe clean."""

import asyncio
import re
import socket
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from uuid import UUID

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
from immportal.domain.actor import Actor, Role
from immportal.domain.cases.forms import FormType
from immportal.services.identity.staff import StaffAccountService
from immportal.services.repository import Repository
from testkit.browser_support import describe_violations, launch_chromium, wcag_violations
from testkit.e2e_support import wait_until_projected
from testkit.support import make_settings

SECONDS = 15.0
SAVES = 15


@dataclass(frozen=True)
class TimelineSite:
    """The portal on a local port; the demo applicant's case, saved 15 times, moved once."""

    base_url: str
    applicant: DemoCredentials
    case_id: UUID
    receipt_number: str

    def url(self, path: str) -> str:
        """An absolute URL on the site."""
        return self.base_url + path


async def moved_case(runtime: Runtime, applicant: Actor) -> UUID:
    """A case of the applicant's: 15 saves, filed, accepted, biometrics booked and moved."""
    cases = runtime.cases
    case_id = await cases.start(
        actor=applicant, applicant_id=applicant.user_id, form_type=FormType.I765, office="NBC"
    )
    for n in range(SAVES):
        await cases.update(
            case_id, None, lambda c, n=n: c.save_answers(applicant, "about_you", {"n": str(n)})
        )
    await cases.update(case_id, None, lambda c: c.submit(applicant, fee_cents=47_000))
    await cases.accept(case_id, actor=Actor.system())
    soon = datetime.now(UTC).replace(microsecond=0) + timedelta(days=20)
    await cases.update(
        case_id, None, lambda c: c.schedule_biometrics(Actor.system(), soon, "ASC Newark")
    )
    later = soon + timedelta(days=7)
    await cases.update(
        case_id, None, lambda c: c.reschedule_biometrics(applicant, later, "ASC Newark")
    )
    return case_id


async def notices_issued(runtime: Runtime, case_id: UUID, count: int) -> None:
    """Wait (bounded) until the notice issuer has issued `count` notices of the case."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + SECONDS
    query = "SELECT count(*) FROM read.notices WHERE case_id = $1"
    while await runtime.pool.fetchval(query, case_id) < count:
        assert loop.time() < deadline, "the notices were not issued"
        await asyncio.sleep(0.05)


async def prepared(runtime: Runtime) -> tuple[DemoCredentials, UUID, str]:
    """The demo applicant, their moved case with its three notices, and its receipt number."""
    emails = PostgresEmailIndex(runtime.pool)
    staff = StaffAccountService(Repository(runtime.store), Argon2Hasher(), RandomTokens(), emails)
    created = await seed_demo_accounts(staff, runtime.accounts, emails, datetime.now(UTC))
    owners = await demo_owners(emails)
    assert owners is not None
    case_id = await moved_case(runtime, Actor(owners.applicant_id, Role.APPLICANT))
    await notices_issued(runtime, case_id, 3)
    summary = await wait_until_projected(runtime, case_id, SAVES + 5)
    assert summary.receipt_number is not None
    applicant = next(c for c in created if c.role is Role.APPLICANT)
    return applicant, case_id, summary.receipt_number


@asynccontextmanager
async def serve(database_url: str, data_dir: Path) -> AsyncIterator[TimelineSite]:
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
            yield TimelineSite(base_url, *await prepared(app[RUNTIME]))
        finally:
            await runner.cleanup()


@pytest.fixture
async def site(database_url: str, tmp_path: Path) -> AsyncIterator[TimelineSite]:
    """The site for one test."""
    async with serve(database_url, tmp_path) as served:
        yield served


@pytest.fixture
async def chromium() -> AsyncIterator[Browser]:
    """Debian's headless Chromium for one test."""
    async with launch_chromium() as browser:
        yield browser


async def sign_in(page: Page, site: TimelineSite) -> None:
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
    assert [] == violations, f"{page.url}\n{describe_violations(violations)}"


class TestTimelineInChromium:
    """The case page reads as a short history; the moved appointment's old notice says so."""

    async def test_case_page_notices_and_public_status(
        self, site: TimelineSite, chromium: Browser
    ) -> None:
        """One 'worked on' entry, the old notice marked and linked, the public date; axe clean."""
        context = await chromium.new_context(bypass_csp=True)  # only for axe-core's script
        page = await context.new_page()
        await sign_in(page, site)

        await page.goto(site.url(f"/cases/{site.case_id}"))
        history = page.get_by_role("list", name="What has happened so far")
        titles = await history.get_by_role("heading").all_inner_texts()
        assert [
            "Application started",
            "You worked on your application on 1 day",
            "Application submitted and fee received",
            "Case received and receipt number issued",
            "Biometrics appointment scheduled",
            "Biometrics appointment moved",
        ] == titles
        await expect(page.locator(".notice-replaced")).to_have_count(1)
        await assert_accessible(page)

        await page.get_by_role("link", name="read the notice that replaced it").click()
        await expect(page.get_by_role("heading", level=1)).to_contain_text("has moved")
        await expect(page.get_by_text("This notice was replaced")).to_have_count(0)
        await page.go_back()
        await (
            page.locator("[data-notice-id] .notice-replaced")
            .locator("xpath=..")
            .get_by_role("link")
            .first.click()
        )
        await expect(page.get_by_role("heading", name="This notice was replaced")).to_be_visible()
        await assert_accessible(page)

        await page.goto(site.url(f"/case-status?receipt_number={site.receipt_number}"))
        sentence = await page.locator("#last-action").inner_text()
        assert re.fullmatch(
            r"On [A-Z][a-z]+ \d{1,2}, \d{4}, we moved your biometrics appointment"
            r" and sent you a new notice\.",
            sentence,
        ), sentence
        await assert_accessible(page)
        await context.close()
