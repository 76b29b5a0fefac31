"""The header at phone width for every role, and the new and changed pages, in Chromium.

At 390 px wide the navigation is closed behind "Menu"; a keyboard reaches "Menu", opens it
(no script needed: it is a link to the navigation) and reaches every link of the role.
Each page passes axe-core (WCAG 2.2 A and AA) at phone and desktop widths.
"""

import socket
from collections.abc import AsyncIterator
from dataclasses import dataclass
from uuid import UUID, uuid4

import pyotp
import pytest
from aiohttp import web
from playwright.async_api import Browser, Page, ViewportSize, expect

from immportal.app.container import RUNTIME, Runtime
from immportal.app.web_app import create_app
from immportal.domain.actor import Actor, Role
from immportal.domain.cases.forms import FormType
from immportal.web.navigation import PRIMARY_LINKS
from testkit.browser_support import describe_violations, launch_chromium, wcag_violations
from testkit.e2e_support import wait_until_projected
from testkit.signed_in_support import PASSWORD, open_account, staff_service
from testkit.support import make_settings

PHONE: ViewportSize = {"width": 390, "height": 844}
DESKTOP: ViewportSize = {"width": 1280, "height": 800}
SIGNED_OUT = ("Check a case status", "Processing times", "Sign in", "Create an account")


@dataclass(frozen=True)
class Served:
    """The portal on a local port, and its runtime to make accounts and cases with."""

    base_url: str
    runtime: Runtime

    def url(self, path: str) -> str:
        """An absolute URL on the site."""
        return self.base_url + path


@pytest.fixture
async def served(database_url: str) -> AsyncIterator[Served]:
    """Serve the portal (development mode) on a free port."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        host, port = sock.getsockname()[:2]
        base_url = f"http://{host}:{port}"
        app = create_app(make_settings(database_url, dev=True, public_url=base_url))
        runner = web.AppRunner(app)
        await runner.setup()
        try:
            await web.SockSite(runner, sock).start()
            yield Served(base_url, app[RUNTIME])
        finally:
            await runner.cleanup()


@pytest.fixture
async def chromium() -> AsyncIterator[Browser]:
    """Debian's headless Chromium for one test."""
    async with launch_chromium() as browser:
        yield browser


async def sign_in(page: Page, served: Served, role: Role, office: str | None = None) -> UUID:
    """Make an account of the role (placed in the office) and sign in with it."""
    account_id, email, key = await open_account(served, role)  # type: ignore[arg-type]
    if office is not None:
        service = staff_service(served)  # type: ignore[arg-type]
        await service.assign_office(account_id, office, actor=Actor.system())
    await page.goto(served.url("/sign-in"))
    await page.get_by_label("Email address").fill(email)
    await page.get_by_label("Password").fill(PASSWORD)
    await page.get_by_role("button", name="Sign in").click()
    await page.get_by_label("Security code").fill(pyotp.TOTP(key).now())
    await page.get_by_role("button", name="Continue").click()
    await page.wait_for_load_state()
    return account_id


async def new_page(chromium: Browser, viewport: ViewportSize) -> Page:
    """A page in its own context; bypass_csp only lets axe-core's inline script run."""
    return await (await chromium.new_context(viewport=viewport, bypass_csp=True)).new_page()


async def assert_accessible(page: Page) -> None:
    """axe-core finds no WCAG 2.2 A or AA violation on the page as it is."""
    violations = await wcag_violations(page)
    assert [] == violations, describe_violations(violations)


async def focused_text(page: Page) -> str:
    """The text of the element that has the keyboard focus."""
    text: str = await page.evaluate("() => (document.activeElement?.textContent || '').trim()")
    return " ".join(text.split())


async def tab_to(page: Page, text: str, limit: int = 40) -> None:
    """Press Tab until the element with this text has the focus."""
    for _ in range(limit):
        await page.keyboard.press("Tab")
        if await focused_text(page) == text:
            return
    raise AssertionError(f"{text!r} was not reached by the keyboard")


async def open_menu_by_keyboard(page: Page) -> list[str]:
    """Reach "Menu" with Tab, open it with Enter; the texts Tab then reaches inside it."""
    nav = page.locator("#site-nav")
    await expect(nav).to_be_hidden()
    await tab_to(page, "Menu")
    await page.keyboard.press("Enter")
    await expect(nav).to_be_visible()
    reached = []
    for _ in range(20):
        await page.keyboard.press("Tab")
        inside = await page.evaluate("() => !!document.activeElement?.closest('#site-nav')")
        if not inside:
            break
        reached.append(await focused_text(page))
    return reached


async def fits_the_width(page: Page) -> bool:
    """Whether nothing sticks out sideways (no horizontal scrolling)."""
    fits: bool = await page.evaluate(
        "() => document.documentElement.scrollWidth <= document.documentElement.clientWidth"
    )
    return fits


async def too_wide(page: Page) -> list[str]:
    """The innermost elements that reach past the right edge, for a failure message."""
    found: list[str] = await page.evaluate(
        """() => [...document.querySelectorAll('body *')]
            .filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth)
            .filter(e => ![...e.children].some(
                c => c.getBoundingClientRect().right > document.documentElement.clientWidth))
            .map(e => e.outerHTML.slice(0, 160))"""
    )
    return found


class TestHeaderAtPhoneWidth:
    """The menu at 390 px wide: opens without scripts, reachable by keyboard, accessible."""

    async def test_visitor(self, served: Served, chromium: Browser) -> None:
        """Someone signed out reaches the public links, sign-in and account creation."""
        page = await new_page(chromium, PHONE)
        await page.goto(served.url("/"))
        reached = await open_menu_by_keyboard(page)
        assert set(SIGNED_OUT) <= set(reached)
        assert await fits_the_width(page)
        await assert_accessible(page)
        await page.get_by_role("link", name="Close the menu").click()
        await expect(page.locator("#site-nav")).to_be_hidden()

    @pytest.mark.parametrize(
        "role",
        [Role.APPLICANT, Role.OFFICER, Role.SUPERVISOR, Role.AUDITOR, Role.ANALYST, Role.ADMIN],
        ids=lambda role: role.value,
    )
    async def test_signed_in(self, served: Served, chromium: Browser, role: Role) -> None:
        """Each role's links, the account and sign out, after landing on their work."""
        page = await new_page(chromium, PHONE)
        office = "NBC" if role in (Role.OFFICER, Role.SUPERVISOR) else None
        await sign_in(page, served, role, office)
        reached = await open_menu_by_keyboard(page)
        expected = {link.label for link in PRIMARY_LINKS[role]} | {"Your account", "Sign out"}
        assert expected <= set(reached)
        assert await fits_the_width(page)
        await assert_accessible(page)

    async def test_scripts_off_the_menu_still_opens(
        self, served: Served, chromium: Browser
    ) -> None:
        """With JavaScript disabled, "Menu" opens the navigation all the same."""
        context = await chromium.new_context(viewport=PHONE, java_script_enabled=False)
        page = await context.new_page()
        await page.goto(served.url("/contact"))
        await page.get_by_role("link", name="Menu").click()
        await expect(page.get_by_role("link", name="Sign in")).to_be_visible()
        await context.close()


class TestPagesPassAxe:
    """The pages this work added or changed, at phone and desktop widths."""

    @pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
    async def test_public_pages(
        self, served: Served, chromium: Browser, viewport: ViewportSize
    ) -> None:
        """Home, contact, privacy and accessibility for a visitor."""
        page = await new_page(chromium, viewport)
        for path in ("/", "/contact", "/privacy", "/accessibility"):
            await page.goto(served.url(path))
            await assert_accessible(page)
            assert await fits_the_width(page), (path, await too_wide(page))

    @pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
    async def test_staff_pages(
        self, served: Served, chromium: Browser, viewport: ViewportSize
    ) -> None:
        """Queue, review page with a disabled action, decision history, and the staff 404."""
        supervisor = await new_page(chromium, viewport)
        supervisor_id = await sign_in(supervisor, served, Role.SUPERVISOR, "NBC")
        case_id = await proposed_denial(served, str(supervisor_id))
        pages = [
            "/staff/queue",
            "/staff/queue?view=review",
            f"/staff/cases/{case_id}",
            "/staff/decisions",
            f"/staff/cases/{uuid4()}",
            "/",
        ]
        for path in pages:
            await supervisor.goto(served.url(path))
            await assert_accessible(supervisor)
            assert await fits_the_width(supervisor), (path, await too_wide(supervisor))
        await supervisor.goto(served.url(f"/staff/cases/{case_id}"))
        approve = supervisor.get_by_role("button", name="Approve")
        await expect(approve).to_be_disabled()

    @pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
    async def test_audit_search(
        self, served: Served, chromium: Browser, viewport: ViewportSize
    ) -> None:
        """The search by receipt number with names in the results, and its error summary."""
        auditor = await new_page(chromium, viewport)
        await sign_in(auditor, served, Role.AUDITOR)
        case_id = await proposed_denial(served, str(uuid4()))
        receipt = (await served.runtime.cases.get(case_id)).receipt_number
        await auditor.goto(served.url(f"/audit?case={receipt}"))
        await expect(auditor.locator(".audit-result").first).to_contain_text(f"Case {receipt}")
        await expect(auditor.locator("main")).to_contain_text("The portal, automatically")
        await assert_accessible(auditor)
        await auditor.goto(served.url("/audit?case=XYZ2799999999&actor=nobody%40example.test"))
        await expect(auditor.locator("#error-summary")).to_be_visible()
        await assert_accessible(auditor)


async def proposed_denial(served: Served, proposer_id: str) -> UUID:
    """A case at NBC whose denial the supervisor proposed: they may not approve it."""
    cases = served.runtime.cases
    applicant = Actor(f"applicant-{uuid4().hex[:8]}", Role.APPLICANT)
    supervisor = Actor(proposer_id, Role.SUPERVISOR)
    case_id = await cases.start(
        actor=applicant, applicant_id=applicant.user_id, form_type=FormType.I765, office="NBC"
    )
    await cases.update(case_id, None, lambda c: c.submit(applicant, fee_cents=47_000))
    await cases.accept(case_id, actor=Actor.system())
    await cases.update(case_id, None, lambda c: c.assign(supervisor, f"officer-{uuid4().hex[:8]}"))
    await cases.update(
        case_id,
        None,
        lambda c: c.propose_decision(supervisor, "deny", "No basis", "INA 212", True),
    )
    await wait_until_projected(served.runtime, case_id, 5)
    return case_id
