"""Messages and requests in Chromium, each page checked with axe-core (WCAG 2.2 AA).

The applicant writes with a file chosen in the file picker, an officer of the case's office
answers with one, the applicant reads the answer; the applicant makes each kind of request
(a refused form first), the office decides them; the auditor reads it all in the history.
Every new page is checked as it first appears, and again with its error summary.
"""

import asyncio
import re
import socket
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path
from uuid import UUID

import pyotp
import pytest
from aiohttp import web
from playwright.async_api import Browser, Locator, Page, expect

from immportal.app.container import RUNTIME, Runtime
from immportal.app.web_app import create_app
from immportal.domain.actor import Actor, Role
from testkit import evidence_samples as samples
from testkit.appointment_support import accepted_case
from testkit.browser_support import describe_violations, launch_chromium, wcag_violations
from testkit.e2e_support import CATCH_UP_SECONDS, wait_until_projected
from testkit.signed_in_support import PASSWORD, open_account, staff_service
from testkit.support import make_settings


@dataclass(frozen=True)
class Login:
    """How one person signs in."""

    email: str
    key: str


@dataclass(frozen=True)
class Scene:
    """The portal on a local port, the applicant's accepted NBC case, and the sign-ins."""

    base_url: str
    runtime: Runtime
    case_id: UUID
    logins: dict[str, Login]

    def url(self, path: str) -> str:
        """An absolute URL on the site."""
        return self.base_url + path


@dataclass(frozen=True)
class _WithRuntime:
    runtime: Runtime


async def _login(runtime: Runtime, role: Role, office: str | None = None) -> tuple[UUID, Login]:
    holder = _WithRuntime(runtime)
    account_id, email, key = await open_account(holder, role)  # type: ignore[arg-type]
    if office is not None:
        service = staff_service(holder)  # type: ignore[arg-type]
        await service.assign_office(account_id, office, actor=Actor.system())
    return account_id, Login(email, key)


@pytest.fixture
async def scene(database_url: str, tmp_path: Path) -> AsyncIterator[Scene]:
    """Serve the portal on a free port; make the people and the applicant's accepted case."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        host, port = sock.getsockname()[:2]
        base_url = f"http://{host}:{port}"
        settings = make_settings(database_url, dev=True, public_url=base_url, data_dir=tmp_path)
        runner = web.AppRunner(create_app(settings))
        await runner.setup()
        try:
            await web.SockSite(runner, sock).start()
            runtime = runner.app[RUNTIME]
            applicant_id, applicant = await _login(runtime, Role.APPLICANT)
            case_id = await accepted_case(runtime, Actor(str(applicant_id), Role.APPLICANT))
            await wait_until_projected(runtime, case_id, 4)
            logins = {
                "applicant": applicant,
                "officer": (await _login(runtime, Role.OFFICER, "NBC"))[1],
                "supervisor": (await _login(runtime, Role.SUPERVISOR, "NBC"))[1],
                "auditor": (await _login(runtime, Role.AUDITOR))[1],
            }
            yield Scene(base_url, runtime, case_id, logins)
        finally:
            await runner.cleanup()


@pytest.fixture
async def chromium() -> AsyncIterator[Browser]:
    """Debian's headless Chromium for one test."""
    async with launch_chromium() as browser:
        yield browser


async def signed_in(browser: Browser, scene: Scene, seat: str) -> Page:
    """A new browser window (its own cookies) signed in as the person in the seat."""
    login = scene.logins[seat]
    # bypass_csp only lets axe-core's inline script run; the CSP is tested elsewhere.
    page = await (await browser.new_context(bypass_csp=True)).new_page()
    await page.goto(scene.url("/sign-in"))
    await page.get_by_label("Email address").fill(login.email)
    await page.get_by_label("Password").fill(PASSWORD)
    await page.get_by_role("button", name="Sign in").click()
    await page.get_by_label("Security code").fill(pyotp.TOTP(login.key).now())
    await page.get_by_role("button", name="Continue").click()
    await expect(page.get_by_role("link", name="Your account")).to_be_visible()
    return page


async def accessible(page: Page) -> None:
    """Fail with the violations if axe finds any on the page as it is."""
    violations = await wcag_violations(page)
    assert [] == violations, f"{page.url}\n{describe_violations(violations)}"


async def choose(scope: Page | Locator, text: str, *, exact: bool = True) -> None:
    """Tick a radio button by its label: USWDS draws the label, and people click it."""
    pattern = rf"^\s*{re.escape(text)}" + (r"\s*$" if exact else "")
    await scope.locator("label").filter(has_text=re.compile(pattern)).first.click()


async def heading(page: Page, text: str) -> None:
    """Wait for the page's main heading."""
    await expect(page.get_by_role("heading", level=1)).to_have_text(text)


class TestMessagesInABrowser:
    """Both ways with files, through the pages, accessibly."""

    async def test_applicant_and_office_write_with_files(
        self, scene: Scene, chromium: Browser, tmp_path: Path
    ) -> None:
        """The file picker attaches; the answer is read on the conversation and case pages."""
        letter, form = tmp_path / "employer letter.pdf", tmp_path / "form.png"
        letter.write_bytes(samples.pdf("Employer letter"))
        form.write_bytes(samples.image("PNG"))
        applicant = await signed_in(chromium, scene, "applicant")
        await applicant.goto(scene.url(f"/cases/{scene.case_id}"))
        await accessible(applicant)
        await applicant.get_by_role("link", name="Read and send messages").click()
        await heading(applicant, "Messages")
        await accessible(applicant)

        await applicant.get_by_role("button", name="Send message").click()
        await expect(applicant.locator("#error-summary")).to_contain_text("Enter your message.")
        await accessible(applicant)
        await applicant.get_by_label("Your message").fill("Here is the letter.\nThank you.")
        await applicant.locator("#message-file").set_input_files(letter)
        await applicant.get_by_role("button", name="Send message").click()
        await expect(applicant.get_by_role("status")).to_contain_text("Your message was sent.")
        await expect(applicant.get_by_role("link", name="employer letter.pdf")).to_be_visible()
        await accessible(applicant)

        officer = await signed_in(chromium, scene, "officer")
        await officer.goto(scene.url("/staff/messages"))
        await heading(officer, "Messages")
        await expect(officer.locator(".inbox-waiting")).to_have_text("Unanswered since today")
        await accessible(officer)
        await officer.locator(".inbox-row").get_by_role("link").click()
        await expect(officer.get_by_role("link", name="employer letter.pdf")).to_be_visible()
        await accessible(officer)
        await officer.get_by_label("Your message").fill("Received. Please fill in this form.")
        await officer.locator("#message-file").set_input_files(form)
        await officer.get_by_role("button", name="Send message").click()
        await expect(officer.get_by_role("status")).to_contain_text("Your reply was sent.")
        await accessible(officer)

        await applicant.goto(scene.url(f"/cases/{scene.case_id}/messages"))
        conversation = applicant.locator(".conversation")
        await expect(conversation).to_contain_text("The immigration office wrote on")
        await expect(conversation).to_contain_text("Received. Please fill in this form.")
        await expect(applicant.get_by_role("link", name="form.png")).to_be_visible()
        await applicant.goto(scene.url(f"/cases/{scene.case_id}"))
        await expect(applicant.locator("main")).to_contain_text("The office wrote last")


class TestRequestsInABrowser:
    """Each kind of request made, refused once, decided, read back; every page passes axe."""

    async def test_requests_decided_and_audited(self, scene: Scene, chromium: Browser) -> None:
        """Expedite by the supervisor, correction and accommodation by the officer."""
        applicant = await signed_in(chromium, scene, "applicant")
        await applicant.goto(scene.url(f"/cases/{scene.case_id}"))
        await applicant.get_by_role("link", name="Make a request or see the decisions").click()
        await heading(applicant, "Requests")
        await accessible(applicant)

        await applicant.get_by_role("link", name="Ask us to expedite your case").click()
        await applicant.get_by_role("button", name="Send request").click()
        await expect(applicant.locator("#error-summary")).to_contain_text(
            "Choose the reason that fits your situation"
        )
        await accessible(applicant)
        await choose(applicant, "Urgent humanitarian reasons")
        await applicant.get_by_label("Explain your situation").fill("My father is very ill.")
        await applicant.get_by_role("button", name="Send request").click()
        await expect(applicant.get_by_role("status")).to_contain_text("We received your request")

        await applicant.get_by_role("link", name="correct a typing error").click()
        await accessible(applicant)
        await choose(applicant, "Receipt notice of", exact=False)
        await applicant.get_by_label("What it says now").fill("Ana Lopes")
        await applicant.get_by_label("What it should say").fill("Ana Lopez")
        await applicant.get_by_role("button", name="Send request").click()

        await applicant.get_by_role("link", name="Ask for help at an appointment").click()
        await choose(applicant, "My interview")
        await choose(applicant, "Something else")
        await applicant.get_by_role("button", name="Send request").click()
        await expect(applicant.locator("#error-summary")).to_contain_text("Say what help you need")
        await accessible(applicant)
        await applicant.get_by_label("Tell us more (optional)").fill("A quiet room, please.")
        await applicant.get_by_role("button", name="Send request").click()
        await expect(applicant.locator(".case-request")).to_have_count(3)
        await accessible(applicant)

        officer = await signed_in(chromium, scene, "officer")
        await officer.goto(scene.url("/staff/requests"))
        await expect(officer.get_by_role("row")).to_have_count(4)  # the heading row and three
        await accessible(officer)
        await officer.get_by_role("link").filter(has_text="IOE").first.click()
        await expect(officer.locator("main")).to_contain_text(
            "A supervisor of your office decides expedite requests."
        )
        await accessible(officer)
        correction = officer.get_by_role("form", name="Decide the correction of a typing error")
        await correction.get_by_role("button", name="Record the decision").click()
        await expect(officer.locator("#error-summary")).to_contain_text("Choose your decision")
        await accessible(officer)
        correction = officer.get_by_role("form", name="Decide the correction of a typing error")
        await choose(correction, "Corrected: a corrected notice or card follows")
        await correction.get_by_label("Reason").fill("We fixed the spelling of your name.")
        await correction.get_by_role("button", name="Record the decision").click()
        await expect(officer.get_by_role("status")).to_contain_text("Your decision was recorded")
        help_form = officer.get_by_role("form", name="Decide the help at an appointment")
        await choose(help_form, "Grant")
        await help_form.get_by_label("Reason").fill("A quiet room will be ready.")
        await help_form.get_by_role("button", name="Record the decision").click()
        await expect(officer.get_by_role("status")).to_contain_text("Your decision was recorded")

        supervisor = await signed_in(chromium, scene, "supervisor")
        await supervisor.goto(scene.url(f"/staff/cases/{scene.case_id}/requests"))
        expedite = supervisor.get_by_role("form", name="Decide the expedite request")
        await choose(expedite, "Deny")
        await expedite.get_by_label("Reason").fill("The letter does not show urgency.")
        await expedite.get_by_role("button", name="Record the decision").click()
        await expect(supervisor.get_by_role("status")).to_contain_text("decision was recorded")
        await accessible(supervisor)

        await _notices(scene, 4)  # the receipt notice and one per decision
        await applicant.goto(scene.url(f"/cases/{scene.case_id}"))
        notices = applicant.get_by_role("link", name="Decision on your request")
        await expect(notices).to_have_count(3)
        await applicant.goto(scene.url(f"/cases/{scene.case_id}/requests"))
        await expect(applicant.locator("main")).to_contain_text("The letter does not show urgency.")
        await accessible(applicant)

        auditor = await signed_in(chromium, scene, "auditor")
        await auditor.goto(scene.url(f"/audit/cases/{scene.case_id}"))
        # The requests' first event, three requests and three decisions.
        await expect(auditor.locator(".audit-correspondence")).to_have_count(7)
        await accessible(auditor)


async def _notices(scene: Scene, count: int) -> None:
    """Wait (bounded) until the notices worker has issued the case's `count` notices."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + CATCH_UP_SECONDS
    while loop.time() < deadline:
        found = await scene.runtime.pool.fetchval(
            "SELECT count(*) FROM read.notices WHERE case_id = $1", scene.case_id
        )
        if found >= count:
            return
        await asyncio.sleep(0.05)
    raise AssertionError(f"the case did not get {count} notices")
