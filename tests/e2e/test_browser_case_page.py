"""Real-browser tests of the development case pages (immportal.dev.case_pages) in Chromium."""

import re
from collections.abc import AsyncIterator

import pytest
from playwright.async_api import Browser, ConsoleMessage, Locator, Page, expect

from immportal.domain.cases.status import CaseStatus, describe
from immportal.projections.case_summary import CaseSummary
from testkit.browser_support import (
    Site,
    describe_violations,
    launch_chromium,
    serve_demo_site,
    wcag_violations,
)

NEW_ADDRESS = {
    "Street address": "12 Harbour Road",
    "Apartment, suite or unit": "Flat 3",
    "City or town": "Newark",
    "State, province or region": "NJ",
    "ZIP or postal code": "07102",
}


@pytest.fixture
async def site(database_url: str) -> AsyncIterator[Site]:
    """The portal on a free local port, on this test's database, with the demo cases."""
    async with serve_demo_site(database_url) as served:
        yield served


@pytest.fixture
async def chromium() -> AsyncIterator[Browser]:
    """Debian's headless Chromium for one test."""
    async with launch_chromium() as browser:
        yield browser


def evidence_requested(site: Site) -> CaseSummary:
    """The demo case waiting on the applicant's evidence (it has a receipt number)."""
    return next(c for c in site.cases if c.status == CaseStatus.EVIDENCE_REQUESTED)


async def new_page(chromium: Browser, *, javascript: bool = True, axe: bool = False) -> Page:
    """A page in a fresh browser profile.

    The portal's CSP allows only same-origin scripts carrying the response's nonce, so
    Chromium refuses the inline script `page.add_script_tag` adds for axe-core; `axe`
    turns on bypass_csp for that. Every other page keeps the CSP the portal sends.
    """
    context = await chromium.new_context(java_script_enabled=javascript, bypass_csp=axe)
    return await context.new_page()


def csp_reports(page: Page) -> list[str]:
    """Collect the console messages in which Chromium reports a CSP violation."""
    reports: list[str] = []

    def keep(message: ConsoleMessage) -> None:
        if "Content Security Policy" in message.text:
            reports.append(message.text)

    page.on("console", keep)
    return reports


async def open_case(page: Page, site: Site, case: CaseSummary) -> None:
    """From the case list, follow the link named by the case's receipt number."""
    await page.goto(site.url("/dev/cases"))
    assert case.receipt_number is not None
    await page.get_by_role("link", name=case.receipt_number, exact=True).click()
    await expect(page.get_by_role("heading", level=1)).to_have_text(f"Case {case.receipt_number}")


async def fill_address(page: Page, fields: dict[str, str]) -> None:
    """Type into the change-of-address form by label, then save."""
    for label, value in fields.items():
        await page.get_by_label(label).fill(value)
    await page.get_by_role("button", name="Save new address").click()


async def expect_new_address_shown(page: Page) -> None:
    """The case page shows the saved address and the change on its timeline."""
    await expect(page.locator("address")).to_have_text(
        re.compile(r"12 Harbour Road\s+Flat 3\s+Newark, NJ 07102")
    )
    await expect(timeline(page).get_by_role("heading").last).to_have_text("Mailing address changed")


def timeline(page: Page) -> Locator:
    """The case's history: the list labelled by its heading."""
    return page.get_by_role("list", name="What has happened so far")


async def assert_meets_wcag(page: Page) -> None:
    """axe-core finds no WCAG 2.x A/AA violation on the page as it is now."""
    violations = await wcag_violations(page)
    assert [] == violations, f"{page.url}\n{describe_violations(violations)}"


class TestCasePageInChromium:
    async def test_case_list_leads_to_status_and_timeline(
        self, site: Site, chromium: Browser
    ) -> None:
        """Following a case's receipt number shows its status label and its history, CSP intact."""
        case = evidence_requested(site)
        page = await new_page(chromium)
        reports = csp_reports(page)

        await open_case(page, site, case)

        status = page.locator("dt:text-is('Status') + dd")
        await expect(status).to_have_text(describe(CaseStatus.EVIDENCE_REQUESTED))
        headings = timeline(page).get_by_role("heading")
        await expect(headings.last).to_have_text("We asked for more evidence")
        titles = await headings.all_inner_texts()
        # One save per section of the complete form, read as one entry with its days.
        assert re.fullmatch(r"You worked on your application on (1 day|\d+ days)", titles[1])
        assert [
            "Application started",
            titles[1],
            "Application submitted and fee received",
            "Case received and receipt number issued",
            "Biometrics appointment scheduled",
            "Biometrics taken",
            "Case assigned to an officer",
            "We asked for more evidence",
        ] == titles
        assert [] == reports

    async def test_address_change_shows_new_address_and_timeline_entry(
        self, site: Site, chromium: Browser
    ) -> None:
        """Saving the change-of-address form shows the new address and "Mailing address changed"."""
        page = await new_page(chromium)
        await open_case(page, site, evidence_requested(site))

        await fill_address(page, NEW_ADDRESS)

        await expect_new_address_shown(page)

    async def test_missing_city_shows_error_summary_and_keeps_typed_values(
        self, site: Site, chromium: Browser
    ) -> None:
        """Without a city the page leads with a focusable error summary linking to the field."""
        page = await new_page(chromium)
        await open_case(page, site, evidence_requested(site))

        await fill_address(page, {**NEW_ADDRESS, "City or town": ""})

        await expect(page).to_have_title(re.compile(r"^Error: "))
        summary = page.get_by_role("alert")
        await expect(summary).to_contain_text("There is a problem with the new address")
        await summary.focus()
        await expect(summary).to_be_focused()
        await summary.get_by_role("link", name="Enter your city or town").click()
        await expect(page.get_by_label("City or town")).to_be_focused()
        for label, value in NEW_ADDRESS.items():
            if label != "City or town":
                await expect(page.get_by_label(label)).to_have_value(value)
        await expect(page.get_by_label("City or town")).to_have_value("")
        await expect(page.get_by_label("City or town")).to_have_attribute("aria-invalid", "true")

    async def test_pages_meet_wcag_2_aa(self, site: Site, chromium: Browser) -> None:
        """axe-core finds no WCAG 2.x A/AA violation on the list, a case, or its error state."""
        page = await new_page(chromium, axe=True)

        await page.goto(site.url("/dev/cases"))
        await assert_meets_wcag(page)
        await open_case(page, site, evidence_requested(site))
        await assert_meets_wcag(page)
        await fill_address(page, {**NEW_ADDRESS, "City or town": ""})
        await expect(page.get_by_role("alert")).to_be_visible()
        await assert_meets_wcag(page)

    async def test_address_change_works_without_javascript(
        self, site: Site, chromium: Browser
    ) -> None:
        """With JavaScript off the form still posts and the page shows the new address."""
        page = await new_page(chromium, javascript=False)
        await open_case(page, site, evidence_requested(site))

        await fill_address(page, NEW_ADDRESS)

        await expect_new_address_shown(page)
