"""A Spanish-speaking browser signs up in Spanish: every page `lang="es"` and axe-core clean.

Chromium set to Mexican Spanish creates an account, confirms the email, signs in, sets up the
authenticator and saves the recovery codes; each page is in Spanish (`<html lang="es">`, the
frame in Spanish) and passes axe-core (WCAG 2.2 A and AA). On the account page the language
is not chosen yet (it follows the browser); choosing English in the header records it on the
account, and the account page then says so. Fields are found by name, not by their labels,
so the journey does not depend on the wording of each page.
"""

from collections.abc import AsyncIterator
from pathlib import Path
from uuid import uuid4

import pyotp
import pytest
from playwright.async_api import Browser, Page, expect
from test_browser_sign_in import NAME, PASSWORD, Site, verification_link

from testkit.browser_flows import serve_site
from testkit.browser_support import describe_violations, launch_chromium, wcag_violations


@pytest.fixture
async def site(database_url: str, tmp_path: Path) -> AsyncIterator[Site]:
    """The portal on a free local port."""
    async with serve_site(database_url, tmp_path) as served:
        yield served


@pytest.fixture
async def chromium() -> AsyncIterator[Browser]:
    """Debian's Chromium."""
    async with launch_chromium() as browser:
        yield browser


async def _in_spanish(page: Page, visited: list[str]) -> None:
    """The page is Spanish and passes axe-core; note its path."""
    await expect(page.locator("html")).to_have_attribute("lang", "es")
    await expect(page.locator(".usa-skipnav")).to_have_text("Ir al contenido principal")
    violations = await wcag_violations(page)
    assert [] == violations, describe_violations(violations)
    visited.append(page.url.split("?")[0].removeprefix(page.url.split("/")[0] + "//"))


async def _submit(page: Page, form: str = "main form") -> None:
    await page.locator(f"{form} button[type=submit]:visible").first.click()


class TestSpanishJourney:
    """Sign up, confirm, set up the authenticator and reach the account, all in Spanish."""

    async def test_sign_up_in_spanish(self, site: Site, chromium: Browser) -> None:
        """Each page of the sign-up journey is Spanish and accessible; the choice is kept."""
        # bypass_csp only lets axe-core's inline script run; the page's own CSP is kept otherwise.
        context = await chromium.new_context(locale="es-MX", bypass_csp=True)
        page = await context.new_page()
        visited: list[str] = []
        email = f"ana.{uuid4().hex[:10]}@example.com"

        await page.goto(site.url("/account/create"))
        await _in_spanish(page, visited)
        await page.locator("input[name=full_name]").fill(NAME)
        await page.locator("input[name=email]").fill(email)
        await page.locator("input[name=password]").fill(PASSWORD)
        await _submit(page)
        await _in_spanish(page, visited)

        await page.goto(await verification_link(site, email))
        await _in_spanish(page, visited)
        await _submit(page)
        await _in_spanish(page, visited)

        await page.goto(site.url("/sign-in"))
        await _in_spanish(page, visited)
        await page.locator("input[name=email]").fill(email)
        await page.locator("input[name=password]").fill(PASSWORD)
        await _submit(page)
        await _in_spanish(page, visited)
        key = (await page.locator("#totp-key").inner_text()).replace(" ", "")
        await page.locator("input[name=code]").fill(pyotp.TOTP(key).now())
        await _submit(page, "main form:has(input[name=code])")
        await _in_spanish(page, visited)
        await _submit(page)
        await _in_spanish(page, visited)
        not_chosen = await page.locator("#account-language").inner_text()

        # The header's switch, signed in, is a form that records English on the account.
        await page.locator(".site-language button[lang=en]").click()
        await expect(page.locator("html")).to_have_attribute("lang", "en")
        chosen = await page.locator("#account-language").inner_text()

        assert [
            "/account/create",
            "/account/create/check-email",
            "/account/verify",
            "/account/verify/done",
            "/sign-in",
            "/account/authenticator",
            "/account/recovery-codes",
            "/account",
        ] == [path[path.index("/") :] for path in visited]
        assert "Aún no lo ha elegido: las páginas siguen el idioma de su navegador" == not_chosen
        assert "English" == chosen.strip()
