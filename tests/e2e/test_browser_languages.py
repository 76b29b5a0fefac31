"""The language switch and right-to-left pages in Chromium, with axe-core.

Arabic (development mode, partial catalog) lays the public pages and sign-in out from the
right: the logo on the right, the menu button on the left, text aligned right, and no
page wider than the phone. Spanish pages pass axe-core with `lang="es"`. The switch is a
plain link that comes back to the same page.
"""

import socket
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from aiohttp import web
from playwright.async_api import Browser, Page, ViewportSize

from immportal.app.web_app import create_app
from testkit.browser_support import describe_violations, launch_chromium, wcag_violations
from testkit.support import make_settings

PHONE: ViewportSize = {"width": 390, "height": 844}
DESKTOP: ViewportSize = {"width": 1280, "height": 800}
PUBLIC_PAGES = ("/", "/sign-in", "/contact", "/privacy", "/accessibility", "/case-status")
PAGE_IDS = [path.strip("/") or "home" for path in PUBLIC_PAGES]


@pytest.fixture
async def site(database_url: str) -> AsyncIterator[str]:
    """The portal in development mode (which offers Arabic) on a free port; its base URL."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        host, port = sock.getsockname()[:2]
        base_url = f"http://{host}:{port}"
        app = create_app(make_settings(database_url, dev=True, public_url=base_url))
        runner = web.AppRunner(app)
        await runner.setup()
        try:
            await web.SockSite(runner, sock).start()
            yield base_url
        finally:
            await runner.cleanup()


@pytest.fixture
async def chromium() -> AsyncIterator[Browser]:
    """Debian's Chromium."""
    async with launch_chromium() as browser:
        yield browser


async def _box(page: Page, selector: str) -> dict[str, float]:
    box = await page.locator(selector).first.bounding_box()
    assert box is not None, f"{selector} is not shown"
    return box


class TestRightToLeft:
    """Arabic pages read from the right."""

    @pytest.mark.parametrize(
        "path", PUBLIC_PAGES, ids=[p.strip("/") or "home" for p in PUBLIC_PAGES]
    )
    async def test_phone_layout_mirrors(
        self, site: str, chromium: Browser, path: str, tmp_path: Path
    ) -> None:
        """At phone width the logo sits right of the menu button; text aligns right; no sideways
        scrolling; axe-core finds no WCAG 2.2 A/AA violation."""
        # bypass_csp only lets axe-core's inline script run; the page's own CSP is kept otherwise.
        context = await chromium.new_context(viewport=PHONE, bypass_csp=True)
        page = await context.new_page()
        await page.goto(f"{site}{path}?lang=ar")
        await page.screenshot(
            path=tmp_path / f"rtl-{path.strip('/') or 'home'}.png", full_page=True
        )
        logo, menu = await _box(page, ".usa-logo"), await _box(page, ".site-menu-button")
        align = await page.evaluate("getComputedStyle(document.querySelector('main')).textAlign")
        width = await page.evaluate("document.documentElement.scrollWidth")
        violations = await wcag_violations(page)

        assert "rtl" == await page.get_attribute("html", "dir")
        assert logo["x"] > menu["x"]
        assert align in ("right", "start")
        assert width <= PHONE["width"]
        assert [] == violations, describe_violations(violations)

    async def test_sign_in_form_reads_from_the_right(self, site: str, chromium: Browser) -> None:
        """The sign-in form's labels start at the right edge; the email field stays LTR."""
        page = await chromium.new_page(viewport=DESKTOP)
        await page.goto(f"{site}/sign-in?lang=ar")
        main = await _box(page, "main")
        label = await _box(page, "main label")
        direction = await page.evaluate(
            "getComputedStyle(document.querySelector('input[type=email]')).direction"
        )
        assert label["x"] + label["width"] > main["x"] + main["width"] / 2
        assert "ltr" == direction


class TestSpanish:
    """Spanish pages, and the switch between languages."""

    @pytest.mark.parametrize(
        "path", PUBLIC_PAGES, ids=[p.strip("/") or "home" for p in PUBLIC_PAGES]
    )
    async def test_spanish_pages_pass_axe(self, site: str, chromium: Browser, path: str) -> None:
        """Each public page and sign-in, in Spanish, passes axe-core with lang="es"."""
        context = await chromium.new_context(locale="es-MX", viewport=DESKTOP, bypass_csp=True)
        page = await context.new_page()
        await page.goto(f"{site}{path}")
        violations = await wcag_violations(page)
        assert "es" == await page.get_attribute("html", "lang")
        assert "Ir al contenido principal" == (await page.inner_text(".usa-skipnav")).strip()
        assert [] == violations, describe_violations(violations)

    async def test_switch_link_keeps_the_page(self, site: str, chromium: Browser) -> None:
        """Choosing Español on the privacy notice shows the privacy notice in Spanish, and
        English takes the person back, both without scripts."""
        context = await chromium.new_context(java_script_enabled=False, viewport=PHONE)
        page = await context.new_page()
        await page.goto(f"{site}/privacy")
        await page.get_by_role("link", name="Español").click()
        spanish_url, spanish_lang = page.url, await page.get_attribute("html", "lang")
        await page.get_by_role("link", name="English").click()
        assert (f"{site}/privacy", "es") == (spanish_url, spanish_lang)
        assert (f"{site}/privacy", "en") == (page.url, await page.get_attribute("html", "lang"))
