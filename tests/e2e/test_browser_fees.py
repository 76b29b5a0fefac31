"""A real browser on the fee pages: the fee and its reason, then a fee waiver request with
evidence uploaded through the file chooser; each page passes axe-core (WCAG 2.2 A and AA)."""

import socket
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from uuid import UUID

import pytest
from aiohttp import web
from playwright.async_api import Browser, Page, expect
from test_browser_applicant_cases import DemoSite, assert_accessible, seed, sign_in

from immportal.adapters.postgres.accounts import PostgresEmailIndex
from immportal.app.container import RUNTIME, Runtime
from immportal.app.web_app import create_app
from immportal.domain.actor import Actor, Role
from immportal.domain.cases.case import Case
from immportal.domain.cases.forms import FormType
from immportal.domain.identity.emails import email_key
from testkit import evidence_samples as samples
from testkit.browser_support import launch_chromium
from testkit.e2e_support import wait_until_projected
from testkit.fee_support import PENDING_I485
from testkit.filled_forms import SIGNED_BY, fill_i765
from testkit.support import make_settings

UNDER_RULE = "(c)(9) with a pending I-485 filed on or after April 1, 2024"


@dataclass(frozen=True)
class FeeSite:
    """The demo site, and the runtime behind it (to prepare a signed draft)."""

    site: DemoSite
    runtime: Runtime


@asynccontextmanager
async def serve_fee_site(database_url: str, data_dir: Path) -> AsyncIterator[FeeSite]:
    """The demo accounts' site on a free port whose public URL is its real origin."""
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
            yield FeeSite(DemoSite(base_url, await seed(app[RUNTIME])), app[RUNTIME])
        finally:
            await runner.cleanup()


@pytest.fixture
async def served(database_url: str, tmp_path: Path) -> AsyncIterator[FeeSite]:
    """The site for one test."""
    async with serve_fee_site(database_url, tmp_path) as fee_site:
        yield fee_site


@pytest.fixture
async def chromium() -> AsyncIterator[Browser]:
    """Debian's headless Chromium for one test."""
    async with launch_chromium() as browser:
        yield browser


async def signed_draft(served: FeeSite) -> UUID:
    """A complete, signed (c)(9) I-765 of the demo applicant, its I-485 filed in 2025, at the
    demo officer's office."""
    email = served.site.accounts[Role.APPLICANT].email
    account_id = await PostgresEmailIndex(served.runtime.pool).find(email_key(email))
    assert account_id is not None
    applicant = Actor(str(account_id), Role.APPLICANT)
    cases = served.runtime.cases
    office = served.site.accounts[Role.OFFICER].office or "NBC"
    case_id = await cases.start(
        actor=applicant, applicant_id=applicant.user_id, form_type=FormType.I765, office=office
    )

    def fill(case: Case) -> None:
        fill_i765(case, applicant, signed=False)
        case.save_answers(applicant, "eligibility", {**PENDING_I485, "i485_filed_on": "2025-02-03"})
        signature = {"full_name": SIGNED_BY, "signed_at": datetime.now(UTC).isoformat()}
        case.save_answers(applicant, "declaration", signature)

    written = await cases.update(case_id, None, fill)
    await wait_until_projected(served.runtime, case_id, written.version)
    return case_id


async def heading(page: Page, text: str) -> None:
    """Wait until the page's main heading says this."""
    await expect(page.get_by_role("heading", level=1)).to_have_text(text)


class TestFeeWaiverInABrowser:
    """The applicant sees the fee and why, asks for a waiver with an uploaded document, and an
    officer approves it from the review page."""

    async def test_fee_then_waiver_request(
        self, served: FeeSite, chromium: Browser, tmp_path: Path
    ) -> None:
        """Fee page, request page (a mistake, an upload), case page, review page: accessible."""
        case_id = await signed_draft(served)
        chosen = tmp_path / "SNAP award letter.pdf"
        chosen.write_bytes(samples.pdf("SNAP award letter"))
        # bypass_csp only lets axe-core's inline script run; the page's own CSP is kept otherwise.
        page = await (await chromium.new_context(bypass_csp=True)).new_page()
        await sign_in(page, served.site, Role.APPLICANT)

        await page.goto(served.site.url(f"/cases/{case_id}/pay"))
        await heading(page, "Pay the filing fee")
        await expect(page.locator("#fee-amount")).to_have_text("$260.00")
        await expect(page.locator("#fee-reason")).to_have_text(UNDER_RULE)
        await assert_accessible(page)

        await page.get_by_role("link", name="Ask for a fee waiver instead of paying").click()
        await heading(page, "Ask for a fee waiver")
        await assert_accessible(page)
        await page.get_by_role(
            "button", name="Send my application with the fee waiver request"
        ).click()
        await expect(page.locator("#error-summary")).to_contain_text(
            "Choose why you cannot pay the fee"
        )
        await assert_accessible(page)

        await page.locator("#document-file").set_input_files(chosen)
        await page.get_by_role("button", name="Upload", exact=True).click()
        await heading(page, "Ask for a fee waiver")
        await expect(page.get_by_label("SNAP award letter.pdf")).to_be_checked()
        # USWDS draws the label, not the radio button: a person clicks the label.
        await page.locator("label").filter(has_text="receives a means-tested benefit").click()
        await page.get_by_label("Tell us about your situation").fill("We receive SNAP since March.")
        await page.get_by_role(
            "button", name="Send my application with the fee waiver request"
        ).click()

        await expect(page.locator("#case-fee")).to_contain_text(f"Fee: $260.00 — {UNDER_RULE}")
        await expect(page.locator("#case-fee-waiver")).to_contain_text(
            "You asked for a fee waiver."
        )
        await assert_accessible(page)

        officer = await (await chromium.new_context(bypass_csp=True)).new_page()
        await sign_in(officer, served.site, Role.OFFICER)
        await officer.goto(served.site.url(f"/staff/cases/{case_id}"))
        await expect(officer.locator("#fee-waiver")).to_contain_text("waiting for a decision")
        await expect(officer.locator("#fee-waiver")).to_contain_text("SNAP award letter.pdf")
        await assert_accessible(officer)
        await officer.locator("label[for='fee-waiver-decision-approve']").click()
        await officer.locator("#fee-waiver-reason").fill("SNAP award letter for this year.")
        await officer.get_by_role("button", name="Record the decision").click()
        await expect(officer.locator("#fee-waiver")).to_contain_text("approved")
        await assert_accessible(officer)
        case = await served.runtime.cases.get(case_id)
        assert (case.receipt_number or "").startswith("IOE")
