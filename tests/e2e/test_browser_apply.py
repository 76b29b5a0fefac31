"""A real browser files a Form I-765 from start to receipt, with and without JavaScript.

Every page of the journey on the portal is scanned with axe-core (WCAG 2.2 A and AA) when
JavaScript runs; without it the same journey must still work from start to finish.
"""

import re
import time
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from playwright.async_api import Browser, Page, expect
from test_browser_sign_in import Site, heading, sign_in_with_password

from testkit.browser_flows import serve_site, sign_up_with_authenticator
from testkit.browser_forms import answer_page
from testkit.browser_support import describe_violations, launch_chromium, wcag_violations
from testkit.filled_forms import I765_PAGES, pages_in
from testkit.filled_parts import Pages

SUCCESS_CARD = "4242 4242 4242 4242"
DECLINE_CARD = "4000 0000 0000 0002"
RECEIPT_NUMBER = re.compile(r"IOE\d{10}")


@pytest.fixture
async def site(database_url: str, tmp_path: Path) -> AsyncIterator[Site]:
    """The portal (with the sandbox payment provider in process) on a free local port."""
    async with serve_site(database_url, tmp_path) as served:
        yield served


@pytest.fixture
async def chromium() -> AsyncIterator[Browser]:
    """Debian's headless Chromium for one test."""
    async with launch_chromium() as browser:
        yield browser


class Journey:
    """One applicant's browser; `seen` scans each page with axe-core when scripts run."""

    def __init__(self, page: Page, javascript: bool) -> None:
        self.page = page
        self.javascript = javascript

    async def seen(self, title: str | None = None) -> None:
        """Wait for the page (by its main heading), then check it for WCAG violations."""
        if title is not None:
            await heading(self.page, title)
        if self.javascript:
            violations = await wcag_violations(self.page)
            assert [] == violations, describe_violations(violations)

    async def save(
        self,
        answers: dict[str, str],
        choose: tuple[str, ...] = (),
        pick: dict[str, str] | None = None,
    ) -> None:
        """Type the answers (by label), tick and pick the options, press Save and continue."""
        for label, value in answers.items():
            await self.page.get_by_label(label).fill(value)
        for label, value in (pick or {}).items():
            await self.page.get_by_label(label).select_option(value)
        for option in choose:
            await self.choose(option, exact=True)
        await self.seen()
        await self.page.get_by_role("button", name="Save and continue").click()

    async def answer(self, pages: Pages) -> None:
        """Answer page after page from typed answers, pressing Save and continue on each."""
        for page_id, typed in pages:
            await answer_page(self.page, "I-765", page_id, typed)
            await self.seen()
            await self.page.get_by_role("button", name="Save and continue").click()

    async def type_date(self, legend: str, month: str, day: str, year: str) -> None:
        """Fill a date's three boxes (pick the month, type the day and year) by its legend."""
        group = self.page.get_by_role("group", name=re.compile(f"^{re.escape(legend)}"))
        await group.get_by_label("Month").select_option(month)
        await group.get_by_label("Day").fill(day)
        await group.get_by_label("Year").fill(year)

    async def choose(self, text: str, *, exact: bool = False) -> None:
        """Tick a radio button or checkbox by its label (USWDS draws the label, not the box)."""
        pattern = rf"^\s*{re.escape(text)}" + (r"\s*$" if exact else "")
        await self.page.locator("label").filter(has_text=re.compile(pattern)).first.click()

    async def section(self, name: str) -> None:
        """Open a section from the task list."""
        await self.seen("Form I-765, Application for Employment Authorization")
        await self.page.get_by_role("link", name=name).click()

    async def pay(self, card: str) -> None:
        """From the fee page to the provider's page, and pay there with the card."""
        await self.seen("Pay the filing fee")
        await self.page.get_by_role("button", name="Continue to payment").click()
        await expect(self.page.get_by_label("Card number")).to_be_visible()
        await self.page.get_by_label("Name on the card").fill("Ana Lopez")
        await self.page.get_by_label("Card number").fill(card)
        await self.page.get_by_label("Expiry date (MM/YY)").fill("12/39")
        await self.page.get_by_label("Security code").fill("123")
        await self.page.get_by_role("button", name=re.compile(r"^Pay ")).click()


async def sign_out(page: Page) -> None:
    """Sign out with the button in the page header, in the middle of the application."""
    await (
        page.get_by_role("navigation", name="Primary")
        .get_by_role("button", name="Sign out")
        .click()
    )
    await expect(page.get_by_role("link", name="Sign in")).to_be_visible()


async def fill_first_half(j: Journey) -> None:
    """Start an I-765, answer About you (after one mistake) and Your contact details."""
    page = j.page
    await page.get_by_role("link", name="Your cases").click()
    await j.seen("Your cases")
    await page.get_by_role("link", name="Start a new application").click()
    await j.seen()
    await page.get_by_role("button", name="Start application").click()
    await expect(page.locator("#error-summary")).to_contain_text("Select the application")
    await j.seen()
    await j.choose("Form I-765")
    await page.get_by_role("button", name="Start application").click()

    await j.section("About you")
    # The account's name fills the name page, so the section opens on a later page; go
    # back to it, see the name there, and type it as the form should name her.
    await page.wait_for_url(re.compile(r"/cases/[0-9a-f-]{36}/apply/\w+"))
    opened = page.url.split("?")[0]
    assert not opened.endswith("/name"), opened
    await page.goto(opened.rsplit("/", 1)[0] + "/name")
    given = page.get_by_label("Given name (first name)")
    await expect(given).not_to_have_value("")
    await j.save({"Given name (first name)": "Ana", "Family name (last name)": "Lopez"})
    await j.type_date("Date of birth", "2", "31", "1990")
    await j.save({})
    await expect(page.locator("#error-summary")).to_contain_text("must be a real date")
    await j.seen()
    # The page shows what was typed again, in its boxes.
    await expect(page.get_by_label("Day")).to_have_value("31")
    await j.type_date("Date of birth", "3", "27", "1990")
    await j.save({})
    await j.answer(pages_in("I-765", I765_PAGES, "applicant")[2:])

    await j.section("Your contact details")
    await j.save({"Email address": "ana@example.com", "Telephone number": "202 555 0143"})
    await j.save(
        {
            "Street address": "8 Quay Road",
            "City or town": "Salem",
            "State, province or region": "MA",
            "ZIP or postal code": "01970",
        },
        pick={"Country": "US"},
    )
    await j.answer(pages_in("I-765", I765_PAGES, "contact")[2:])


async def fill_second_half(j: Journey) -> None:
    """Why you are applying, the (c)(3)(B) category, arrival and who helped."""
    await j.section("Why you are applying")
    await j.save({}, ("Permission to work for the first time",))
    await j.answer(pages_in("I-765", I765_PAGES, "reason")[1:])
    await j.section("Your eligibility category")
    await j.choose("(c)(3)(B)")
    await j.save({})
    await j.section("Your arrival and status")
    await j.answer(pages_in("I-765", I765_PAGES, "immigration"))
    await j.section("Who helped you")
    await j.answer(pages_in("I-765", I765_PAGES, "statement"))


class TestWholeJourney:
    """Start, fill, sign out and back, check, sign, a declined card, a good one, receipt."""

    @pytest.mark.parametrize("javascript", [True, False], ids=["with-js", "without-js"])
    async def test_file_an_i765(self, site: Site, chromium: Browser, javascript: bool) -> None:
        """The applicant ends with a receipt number and a timeline of what happened."""
        # bypass_csp only lets axe-core's script in; the pages' own CSP is tested elsewhere.
        context = await chromium.new_context(java_script_enabled=javascript, bypass_csp=True)
        page = await context.new_page()
        j = Journey(page, javascript)
        account = await sign_up_with_authenticator(page, site)  # signed in at its end

        await fill_first_half(j)
        await sign_out(page)
        await sign_in_with_password(page, site, account.email)
        await page.get_by_label("Security code").fill(account.totp.at(time.time() + 30))
        await page.get_by_role("button", name="Continue").click()
        await page.get_by_role("link", name="Your cases").click()
        await expect(page.locator("#drafts")).to_contain_text("2 of 6 sections completed.")
        await j.seen("Your cases")
        await page.get_by_role("link", name="Continue Form I-765").click()
        await expect(page.locator("[data-section=applicant] [data-state]")).to_have_text(
            "Completed"
        )
        await fill_second_half(j)

        await j.seen("Form I-765, Application for Employment Authorization")
        await page.get_by_role("link", name="Check your answers").click()
        await j.seen("Check your answers")
        await expect(page.get_by_role("main")).to_contain_text("March 27, 1990")
        await page.get_by_role("link", name="Continue to the declaration").click()
        await j.seen("Declaration")
        await page.get_by_label("Your full name").fill("Ana Lopez")
        await j.choose("I confirm")
        await page.get_by_role("button", name="Sign and continue to payment").click()

        await j.pay(DECLINE_CARD)
        await expect(page.get_by_role("main")).to_contain_text("Your card was declined")
        await j.pay(SUCCESS_CARD)
        await j.seen("Payment receipt")
        receipt = await page.get_by_role("main").inner_text()
        number = RECEIPT_NUMBER.search(receipt)
        assert number is not None, receipt

        await page.get_by_role("link", name="Go to your cases").click()
        await j.seen("Your cases")
        await page.get_by_role("link", name=re.compile("I-765")).first.click()
        await expect(page.get_by_role("main")).to_contain_text(number.group(0))
        timeline = page.locator(".usa-process-list__heading")
        await expect(timeline.first).to_have_text("Application started")
        await expect(timeline.last).to_have_text("Case received and receipt number issued")
        await j.seen()
        await expect(page.get_by_role("main")).to_contain_text("Payments and receipts")

        await open_receipt_notice(j, site)
        await page.goto(site.url(f"/case-status?receipt_number={number.group(0)}"))
        await j.seen("Check your case status")
        await expect(page.get_by_role("main")).to_contain_text("Case was received")
        await page.goto(site.url("/account/address"))
        await j.seen("Change your mailing address")


async def open_receipt_notice(j: Journey, site: Site) -> None:
    """The receipt notice waits in the inbox (once the notices worker issued it); open it."""
    page = j.page
    notice = page.get_by_role("link", name=re.compile("^Receipt notice"))
    for _ in range(50):
        await page.goto(site.url("/inbox"))
        if await notice.count():
            break
        await page.wait_for_timeout(200)
    await j.seen("Your inbox")
    await notice.first.click()
    await j.seen("We received your application")
