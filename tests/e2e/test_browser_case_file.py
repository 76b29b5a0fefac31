"""A real browser adds a paper case with its access code and withdraws it; axe-core (WCAG 2.2
A and AA) finds nothing on the paper-case form, its error, the withdrawal pages or the answer."""

from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from playwright.async_api import Browser, Page, expect
from test_browser_applicant_cases import assert_accessible, sign_in
from test_browser_fees import FeeSite, serve_fee_site

from immportal.app.access_code_key import access_code_key
from immportal.domain.actor import Actor, Role
from immportal.domain.cases.access_code import access_code
from immportal.domain.cases.case import Case
from immportal.domain.cases.forms import FormType
from immportal.services.repository import Repository
from testkit.browser_support import launch_chromium
from testkit.e2e_support import wait_until_projected

RECEIPT = "VSC2790000123"


@pytest.fixture
async def served(database_url: str, tmp_path: Path) -> AsyncIterator[FeeSite]:
    """The demo site for one test."""
    async with serve_fee_site(database_url, tmp_path) as fee_site:
        yield fee_site


@pytest.fixture
async def chromium() -> AsyncIterator[Browser]:
    """Debian's headless Chromium for one test."""
    async with launch_chromium() as browser:
        yield browser


async def paper_case(served: FeeSite) -> str:
    """A paid paper I-765 entered by intake and accepted; its access code."""
    case = Case.receive_on_paper(
        form_type=FormType.I765,
        office="VSC",
        actor=Actor.system(),
        answers={"applicant": {"given_name": "Ada", "family_name": "Okafor"}},
        fee_cents=47_000,
    )
    case.accept(Actor.system(), RECEIPT)
    await Repository(served.runtime.store).save(case)
    await wait_until_projected(served.runtime, case.id, 3)
    return access_code(access_code_key(served.runtime.settings), case.id)


async def add_paper_case(page: Page, code: str) -> None:
    """From the cases page: the form, a wrong code refused, then the right one."""
    await page.get_by_role("link", name="Add a case you filed on paper").click()
    await expect(page.get_by_role("heading", name="Add a paper case", level=1)).to_be_visible()
    await assert_accessible(page)
    await page.get_by_label("Receipt number").fill(RECEIPT)
    await page.get_by_label("Online access code").fill("ABCD-EFGH-JKLM")
    await page.get_by_role("button", name="Add the case").click()
    await expect(page.locator("#error-summary")).to_contain_text("We could not add a case")
    await expect(page.get_by_label("Online access code")).to_have_value("")
    await assert_accessible(page)
    await page.get_by_label("Online access code").fill(code.lower())
    await page.get_by_role("button", name="Add the case").click()
    await expect(page.get_by_text("Case added to your online account")).to_be_visible()


async def withdraw(page: Page) -> None:
    """From the case page: the reason (a missing one named), the answers, the withdrawal."""
    await page.get_by_role("link", name="Withdraw this application").last.click()
    await assert_accessible(page)
    await page.get_by_role("button", name="Continue").click()
    await expect(page.locator("#error-summary")).to_contain_text("Choose why you are withdrawing")
    await assert_accessible(page)
    # USWDS draws the radio on its label and moves the input itself off the page.
    await page.locator('label[for="ground-filed_in_error"]').click()
    await expect(page.get_by_label("I filed this application by mistake")).to_be_checked()
    await page.get_by_role("button", name="Continue").click()
    heading = page.get_by_role("heading", name="Check your answers before you withdraw")
    await expect(heading).to_be_visible()
    await assert_accessible(page)
    await page.get_by_role("button", name="Withdraw the application").click()
    await expect(page.get_by_text("Application withdrawn").first).to_be_visible()


class TestPaperCaseAndWithdrawal:
    """The demo applicant adds a paper case, withdraws it, and the public answer agrees."""

    async def test_journey(self, served: FeeSite, chromium: Browser) -> None:
        """Every page on the way is accessible; the case ends closed."""
        code = await paper_case(served)
        # bypass_csp only lets axe-core's inline script run; the pages' own CSP is kept.
        page = await (await chromium.new_context(bypass_csp=True)).new_page()
        await sign_in(page, served.site, Role.APPLICANT)
        await page.goto(served.site.url("/cases"))
        await add_paper_case(page, code)
        assert page.url.startswith(served.site.url("/cases/"))
        await withdraw(page)
        await page.goto(served.site.url(f"/case-status?receipt_number={RECEIPT}"))
        await expect(page.get_by_role("heading", name="Case closed")).to_be_visible()
        await assert_accessible(page)
