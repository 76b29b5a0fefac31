"""A real browser files a complete I-765 under (c)(9) with an I-485 filed after April 1, 2024:
the fee page shows the $260 fee and its rule, the sandbox takes the payment, and the filed
application's PDF holds every answer the check-answers page showed; axe-core scans each page."""

import asyncio
import io
import re
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from playwright.async_api import Browser, Page, expect
from pypdf import PdfReader
from test_browser_apply import SUCCESS_CARD, Journey
from test_browser_sign_in import Site

from testkit.browser_flows import serve_site, sign_up_with_authenticator
from testkit.browser_support import launch_chromium
from testkit.filled_forms import I765_PAGES, pages_in
from testkit.filled_parts import Pages

FEE_RULE = "(c)(9) with a pending I-485 filed on or after April 1, 2024"
CASE_ID = re.compile(r"/cases/([0-9a-f-]{36})/")
ELIGIBILITY: Pages = [
    ("category", {"category": "c9"}),
    ("pending_adjustment", {"i485_receipt_number": "IOE0912345678", "i485_filed_on": "2025-02-03"}),
]
PDF_WAIT_SECONDS = 30.0


@pytest.fixture
async def filing_site(database_url: str, tmp_path: Path) -> AsyncIterator[Site]:
    """The portal (with the sandbox payment provider in process) on a free local port."""
    async with serve_site(database_url, tmp_path) as served:
        yield served


@pytest.fixture
async def browser() -> AsyncIterator[Browser]:
    """Debian's headless Chromium for one test."""
    async with launch_chromium() as launched:
        yield launched


def flat(text: str) -> str:
    """Text with every run of white space made one space (PDF lines wrap anywhere)."""
    return " ".join(text.split())


async def shown_answers(page: Page) -> dict[str, str]:
    """The check-answers page's answers, by question name."""
    found: dict[str, str] = {}
    for cell in await page.locator("dd[data-question]").all():
        name = await cell.get_attribute("data-question")
        assert name is not None
        found[name] = flat(await cell.inner_text())
    return found


async def filed_pdf(page: Page, site: Site, case_id: str) -> bytes:
    """The filed application's PDF, once the filing's copy has been issued."""
    url = site.url(f"/cases/{case_id}/filed-application.pdf")
    loop = asyncio.get_running_loop()
    deadline = loop.time() + PDF_WAIT_SECONDS
    while True:
        response = await page.request.get(url)
        if response.ok:
            assert "application/pdf" == response.headers["content-type"].split(";")[0]
            return await response.body()
        assert loop.time() < deadline, f"no filed copy: {response.status}"
        await asyncio.sleep(0.3)


async def answer_from_here(j: Journey, pages: Pages) -> None:
    """Answer the section from the page it opened on (pages filled from the account are
    skipped by the task list's link)."""
    here = j.page.url.split("?")[0].rsplit("/", 1)[-1]
    ids = [page_id for page_id, _ in pages]
    assert here in ids, (here, ids)
    await j.answer(pages[ids.index(here) :])


def pdf_text(body: bytes) -> str:
    """Every page's text, flattened."""
    return flat(" ".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(body)).pages))


class TestFilingAtANonStandardFee:
    """Fill every page, see the (c)(9) fee, pay, then read the filed PDF."""

    async def test_c9_filing_and_its_pdf(self, filing_site: Site, browser: Browser) -> None:
        """$260.00 with its rule on the fee page; every answer shown is in the filed PDF."""
        # bypass_csp only lets axe-core's script in; the pages' own CSP is tested elsewhere.
        context = await browser.new_context(bypass_csp=True)
        page = await context.new_page()
        j = Journey(page, javascript=True)
        await sign_up_with_authenticator(page, filing_site)

        await page.get_by_role("link", name="Your cases").click()
        await j.seen("Your cases")
        await page.get_by_role("link", name="Start a new application").click()
        await j.seen()
        await j.choose("Form I-765")
        await page.get_by_role("button", name="Start application").click()
        await j.section("About you")
        await answer_from_here(j, pages_in("I-765", I765_PAGES, "applicant"))
        await j.section("Your contact details")
        await answer_from_here(j, pages_in("I-765", I765_PAGES, "contact"))
        match = CASE_ID.search(page.url)
        assert match is not None, page.url
        case_id = match.group(1)
        await j.section("Why you are applying")
        await j.answer(pages_in("I-765", I765_PAGES, "reason"))
        await j.section("Your eligibility category")
        await j.answer(ELIGIBILITY)
        await j.section("Your arrival and status")
        # A (c)(9) applicant is no student: the SEVIS page is not asked.
        await j.answer([p for p in pages_in("I-765", I765_PAGES, "immigration") if p[0] != "sevis"])
        await j.section("Who helped you")
        await j.answer(pages_in("I-765", I765_PAGES, "statement"))

        await j.seen("Form I-765, Application for Employment Authorization")
        await page.get_by_role("link", name="Check your answers").click()
        await j.seen("Check your answers")
        answers = await shown_answers(page)
        assert "March 27, 1990" == answers["date_of_birth"]
        assert "February 3, 2025" == answers["i485_filed_on"]
        assert "IOE0912345678" == answers["i485_receipt_number"]
        await page.get_by_role("link", name="Continue to the declaration").click()
        await j.seen("Declaration")
        await page.get_by_label("Your full name").fill("Ana Lopez")
        await j.choose("I confirm")
        await page.get_by_role("button", name="Sign and continue to payment").click()

        await j.seen("Pay the filing fee")
        await expect(page.locator("#fee-amount")).to_have_text("$260.00")
        await expect(page.locator("#fee-reason")).to_have_text(FEE_RULE)
        await j.pay(SUCCESS_CARD)
        await j.seen("Payment receipt")
        await expect(page.get_by_role("main")).to_contain_text("$260.00")

        text = pdf_text(await filed_pdf(page, filing_site, case_id))
        given = {name: value for name, value in answers.items() if value != "Not given"}
        missing = {name: value for name, value in given.items() if value not in text}
        assert {} == missing, text
        assert len(given) >= 25, given
        assert "27 March 1990" not in text
        assert "Signed by Ana Lopez" in text
