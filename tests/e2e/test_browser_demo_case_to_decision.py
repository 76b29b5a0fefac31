"""The demo as `make run` starts it: a case the demo applicant files reaches printed staff.

The portal starts in development mode and seeds itself as `immportal serve` does (the demo
accounts, cases and history); the test reads the accounts from the printed sign-in lines,
as a developer would, and gets the offices' codes as `immportal demo otp` gives them. The
demo applicant files a Form I-765 from Salem, Massachusetts (ZIP area 0, worked by the
Vermont Service Center); its printed officer claims it and proposes a denial, which waits
for review (issuing is shown disabled, with the reason); its printed supervisor approves
the proposal from the review queue; the officer issues it; the applicant reads the decision.
"""

import re
import socket
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from uuid import UUID

import pyotp
import pytest
from aiohttp import web
from playwright.async_api import Browser, Page, expect
from test_browser_apply import SUCCESS_CARD, Journey, fill_first_half, fill_second_half

from immportal.adapters.postgres.accounts import PostgresEmailIndex
from immportal.app.cli.demo import DEMO_SIGN_INS, seed_on_start
from immportal.app.container import RUNTIME, Runtime
from immportal.app.web_app import create_app
from immportal.dev.demo.accounts import current_code
from immportal.domain.cases.forms import FormType
from immportal.domain.cases.routing import offices_for
from immportal.projections.case_summary import case_id_by_receipt
from testkit.browser_support import describe_violations, launch_chromium, wcag_violations
from testkit.e2e_support import wait_until_projected
from testkit.support import make_settings

RECEIPT_NUMBER = re.compile(r"IOE\d{10}")
ROLE_LINE = re.compile(
    r"^\s+(?P<role>\w+)(?: at \w+)?\s+(?P<email>\S+@\S+)\s+password: (?P<password>\S+)"
    r"\s+authenticator key: (?P<key>\S+)$",
    re.MULTILINE,
)
STAFF_PASSWORD = re.compile(r"password for each: (\S+)\)")


@dataclass(frozen=True)
class Demo:
    """The served demo portal and what its start printed."""

    base_url: str
    runtime: Runtime
    printed: str

    def url(self, path: str) -> str:
        """An absolute URL on the site."""
        return self.base_url + path

    def role_account(self, role: str) -> tuple[str, str, str]:
        """The printed email, password and authenticator key of a role's demo account."""
        for found in ROLE_LINE.finditer(self.printed):
            if found["role"] == role:
                return found["email"], found["password"], found["key"]
        raise AssertionError(f"no {role} account printed:\n{self.printed}")

    def office_staff(self, office: str) -> tuple[str, str, str]:
        """The printed officer and supervisor of an office, and their shared password."""
        line = next(line for line in self.printed.splitlines() if f"({office})" in line)
        officer, supervisor = re.findall(r"\S+@\S+?(?=,|$)", line.strip())
        password = STAFF_PASSWORD.search(self.printed)
        assert password is not None, self.printed
        return officer, supervisor, password.group(1)

    async def code(self, email: str) -> str:
        """The account's current code, as `immportal demo otp EMAIL` prints it."""
        emails = PostgresEmailIndex(self.runtime.pool)
        return await current_code(self.runtime.accounts, emails, email, datetime.now(UTC))


@pytest.fixture
async def demo(database_url: str, tmp_path: Path) -> AsyncIterator[Demo]:
    """The portal on a free port, seeded on start as `immportal serve` seeds a dev portal."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        host, port = sock.getsockname()[:2]
        base_url = f"http://{host}:{port}"
        settings = make_settings(database_url, dev=True, public_url=base_url, data_dir=tmp_path)
        app = create_app(settings)
        runner = web.AppRunner(app)
        await runner.setup()
        try:
            await web.SockSite(runner, sock).start()
            await seed_on_start(app)
            yield Demo(base_url, app[RUNTIME], "\n".join(app[DEMO_SIGN_INS]))
        finally:
            await runner.cleanup()


@pytest.fixture
async def chromium() -> AsyncIterator[Browser]:
    """Debian's headless Chromium for one test."""
    async with launch_chromium() as browser:
        yield browser


async def signed_in(chromium: Browser, demo: Demo, email: str, password: str, code: str) -> Page:
    """A new browser window (its own cookies) signed in with the email, password and code."""
    # bypass_csp only lets axe-core's inline script run; the CSP is tested elsewhere.
    page = await (await chromium.new_context(bypass_csp=True)).new_page()
    await page.goto(demo.url("/sign-in"))
    await page.get_by_label("Email address").fill(email)
    await page.get_by_label("Password").fill(password)
    await page.get_by_role("button", name="Sign in").click()
    await page.get_by_label("Security code").fill(code)
    await page.get_by_role("button", name="Continue").click()
    return page


async def accessible(page: Page) -> None:
    """Fail with the violations if axe finds any on the page as it is."""
    violations = await wcag_violations(page)
    assert [] == violations, describe_violations(violations)


async def file_an_i765(chromium: Browser, demo: Demo) -> tuple[Page, str]:
    """The demo applicant fills in, signs and pays for an I-765; their page and receipt."""
    email, password, key = demo.role_account("applicant")
    page = await signed_in(chromium, demo, email, password, pyotp.TOTP(key).now())
    await expect(page.get_by_role("heading", level=1)).to_have_text("Your cases")
    journey = Journey(page, javascript=False)  # the journey's own test runs axe on it
    await fill_first_half(journey)
    await fill_second_half(journey)
    await page.get_by_role("link", name="Check your answers").click()
    await page.get_by_role("link", name="Continue to the declaration").click()
    await page.get_by_label("Your full name").fill("Ana Lopez")  # as the form names her
    await journey.choose("I confirm")
    await page.get_by_role("button", name="Sign and continue to payment").click()
    await journey.pay(SUCCESS_CARD)
    await expect(page.get_by_role("heading", level=1)).to_have_text("Payment receipt")
    number = RECEIPT_NUMBER.search(await page.get_by_role("main").inner_text())
    assert number is not None
    return page, number.group(0)


class TestDemoCaseToDecision:
    """From the demo applicant's filing to a reviewed decision, by the printed accounts."""

    async def test_printed_staff_work_a_new_filing_to_a_decision(
        self, demo: Demo, chromium: Browser
    ) -> None:
        """Filed, routed to Vermont, claimed, denial proposed, reviewed, issued, read."""
        applicant, receipt = await file_an_i765(chromium, demo)
        case_id = await case_id_by_receipt(demo.runtime.pool, receipt)
        assert case_id is not None
        case = await demo.runtime.cases.get(case_id)
        # Salem, MA (01970) is ZIP area 0: the I-765s of that area are worked in Vermont.
        assert [case.office] == offices_for(FormType.I765, "0") == ["VSC"]
        await wait_until_projected(demo.runtime, case_id, case.version)
        officer_email, supervisor_email, password = demo.office_staff("VSC")

        officer = await signed_in(
            chromium, demo, officer_email, password, await demo.code(officer_email)
        )
        await expect(officer.get_by_role("heading", level=1)).to_have_text("Work queue")
        await accessible(officer)
        await officer.get_by_role("button", name=f"Claim case {receipt}").click()
        await expect(officer.locator("main")).to_contain_text("This case is assigned to you.")
        proposal = officer.locator("#action-proposal")
        await proposal.locator("label[for=proposal-outcome-deny]").click()
        await proposal.get_by_label("Reasons", exact=True).fill("No qualifying category shown.")
        await proposal.get_by_label("Legal basis (optional)").fill("8 CFR 274a.12")
        await proposal.get_by_role("button", name="Propose the decision").click()
        await expect(officer.locator("#case-status")).to_have_text("Decision proposed")
        issue = officer.get_by_role("button", name="Issue the decision")
        await expect(issue).to_be_disabled()
        await expect(officer.locator("#unavailable-issue-reason")).to_contain_text(
            "A supervisor must review"
        )
        await accessible(officer)

        supervisor = await signed_in(
            chromium, demo, supervisor_email, password, await demo.code(supervisor_email)
        )
        await expect(supervisor.locator("main")).to_contain_text("Waiting for supervisor review")
        await supervisor.get_by_role("link", name=f"Review case {receipt}").click()
        await accessible(supervisor)
        approve = supervisor.locator("#action-approve")
        await approve.get_by_label("Comments for the officer").fill("The file bears it out.")
        await approve.get_by_role("button", name="Approve").click()
        await expect(supervisor.locator("#case-status")).to_have_text(
            "Decision reviewed by a supervisor"
        )

        await officer.reload()
        await (
            officer.locator("#action-issue")
            .get_by_role("button", name="Issue the decision")
            .click()
        )
        await expect(officer.locator("#case-status")).to_have_text("Decision: denied")

        await see_the_decision(demo, applicant, case_id)


async def see_the_decision(demo: Demo, page: Page, case_id: UUID) -> None:
    """The applicant's case page says the decision was issued, and why."""
    await page.goto(demo.url(f"/cases/{case_id}"))
    await expect(page.locator("main")).to_contain_text("Decision issued")
    await expect(page.locator("main")).to_contain_text("No qualifying category shown.")
    await expect(page.locator("main")).not_to_contain_text("The file bears it out.")
