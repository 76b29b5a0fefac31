"""A full adjudication in Chromium: two officers and a supervisor decide an applicant's case.

Claim, request evidence, the applicant answers with an upload, book an interview from a
field office's calendar and record it, propose a denial, the supervisor returns it, a
second officer's note meets a conflict page that keeps their words, propose approval,
issue; the applicant then reads the notices (evidence request, appointment, decision)
and the timeline. Each workspace page passes axe (WCAG 2.2 AA).
"""

import asyncio
import socket
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from uuid import UUID

import pyotp
import pytest
from aiohttp import web
from playwright.async_api import Browser, Page, expect

from immportal.adapters.postgres.appointments import PostgresAppointmentBook
from immportal.app.container import RUNTIME, Runtime
from immportal.app.web_app import create_app
from immportal.domain.actor import Actor, Role
from immportal.domain.appointments.locations import LocationKind, locations_of
from immportal.domain.cases.forms import FormType
from immportal.domain.evidence.document import DocumentKind
from immportal.formatting import long_date
from testkit.browser_support import describe_violations, launch_chromium, wcag_violations
from testkit.evidence_samples import pdf
from testkit.signed_in_support import PASSWORD, open_account, staff_service
from testkit.support import make_settings


@dataclass(frozen=True)
class Login:
    """How one person signs in."""

    email: str
    key: str


@dataclass(frozen=True)
class Scene:
    """The portal on a local port, an accepted case, and the four people's sign-ins."""

    base_url: str
    runtime: Runtime
    case_id: UUID
    applicant: Login
    officer: Login
    second_officer: Login
    supervisor: Login
    documents_page: bool
    """Whether the applicant's documents page is served (else the upload goes via the service)."""
    interview_place: str
    """The field office with a free interview time in its calendar."""

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
async def scene(database_url: str) -> AsyncIterator[Scene]:
    """Serve the portal on a free port; make the people and the applicant's accepted case."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        host, port = sock.getsockname()[:2]
        base_url = f"http://{host}:{port}"
        app = create_app(make_settings(database_url, dev=True, public_url=base_url))
        runner = web.AppRunner(app)
        await runner.setup()
        try:
            await web.SockSite(runner, sock).start()
            runtime = app[RUNTIME]
            applicant_id, applicant = await _login(runtime, Role.APPLICANT)
            actor = Actor(str(applicant_id), Role.APPLICANT)
            cases = runtime.cases
            case_id = await cases.start(
                actor=actor, applicant_id=actor.user_id, form_type=FormType.I765, office="NBC"
            )
            await cases.update(case_id, None, lambda c: c.submit(actor, fee_cents=47_000))
            await cases.accept(case_id, actor=Actor.system())
            routes = {r.resource.canonical for r in app.router.routes() if r.resource}
            place = locations_of(LocationKind.FIELD_OFFICE)[0]
            starts = (datetime.now(UTC) + timedelta(days=14)).replace(
                hour=15, minute=0, second=0, microsecond=0
            )
            await PostgresAppointmentBook(runtime.pool).add_slots([(place.code, starts, 2)])
            yield Scene(
                base_url,
                runtime,
                case_id,
                applicant,
                (await _login(runtime, Role.OFFICER, "NBC"))[1],
                (await _login(runtime, Role.OFFICER, "NBC"))[1],
                (await _login(runtime, Role.SUPERVISOR, "NBC"))[1],
                "/cases/{case_id}/documents" in routes,
                place.name,
            )
        finally:
            await runner.cleanup()


@pytest.fixture
async def chromium() -> AsyncIterator[Browser]:
    """Debian's headless Chromium for one test."""
    async with launch_chromium() as browser:
        yield browser


async def signed_in(browser: Browser, scene: Scene, login: Login) -> Page:
    """A new browser window (its own cookies) signed in as the person."""
    # bypass_csp only lets axe-core's inline script run; the CSP is tested elsewhere.
    page = await (await browser.new_context(bypass_csp=True)).new_page()
    await page.goto(scene.url("/sign-in"))
    await page.get_by_label("Email address").fill(login.email)
    await page.get_by_label("Password").fill(PASSWORD)
    await page.get_by_role("button", name="Sign in", exact=True).click()
    await page.get_by_label("Security code").fill(pyotp.TOTP(login.key).now())
    await page.get_by_role("button", name="Continue").click()
    await expect(page.get_by_role("link", name="Your account")).to_be_visible()
    return page


async def accessible(page: Page) -> None:
    """Fail with the violations if axe finds any on the page as it is."""
    violations = await wcag_violations(page)
    assert [] == violations, describe_violations(violations)


async def send(page: Page, form: str, button: str, fields: dict[str, str]) -> None:
    """Fill one action form of the review page and send it."""
    section = page.locator(f"#action-{form}")
    for label, value in fields.items():
        await section.get_by_label(label, exact=True).fill(value)
    await section.get_by_role("button", name=button).click()
    await expect(page.get_by_role("heading", level=1)).to_contain_text("Case")


async def answer_with_upload(scene: Scene, page: Page, tmp: Path) -> None:
    """The applicant uploads a PDF as their response and sends it."""
    if scene.documents_page:
        upload = tmp / "passport.pdf"
        upload.write_bytes(pdf("Passport copy"))
        await page.goto(scene.url(f"/cases/{scene.case_id}/documents"))
        await page.get_by_label("Response to the request for evidence").check()
        await page.get_by_label("What is this document?").select_option("passport")
        await page.locator("#document-file").set_input_files(upload)
        await page.get_by_role("button", name="Upload").click()
        await page.get_by_role("button", name="Send your response").click()
        return
    # Without the documents page, upload through the same service the page uses.
    case = await scene.runtime.cases.get(scene.case_id)
    actor = Actor(case.applicant_id, Role.APPLICANT)

    async def chunks() -> AsyncIterator[bytes]:
        yield pdf("Passport copy")

    done = await scene.runtime.evidence.upload(
        scene.case_id, actor, chunks(), "passport.pdf", DocumentKind.RFE_RESPONSE
    )
    await scene.runtime.cases.update(
        scene.case_id, None, lambda c: c.receive_evidence(actor, [str(done.document_id)])
    )


class TestFullAdjudication:
    """Two officers and a supervisor take one case from claim to an issued approval."""

    async def test_claim_to_decision(self, scene: Scene, chromium: Browser, tmp_path: Path) -> None:
        """Each step through the pages; the applicant ends with the notice and the timeline."""
        case_path = f"/staff/cases/{scene.case_id}"
        officer = await signed_in(chromium, scene, scene.officer)
        await officer.get_by_role("link", name="Work queue").click()
        await expect(officer.get_by_role("heading", name="Work queue")).to_be_visible()
        await accessible(officer)
        await officer.get_by_role("button", name="Claim case").first.click()
        await expect(officer.locator("main")).to_contain_text("This case is assigned to you.")
        await accessible(officer)

        await send(
            officer,
            "evidence-request",
            "Send the request for evidence",
            {
                "Evidence needed": "A copy of your passport",
                "Why the evidence is needed": "Your identity could not be confirmed.",
            },
        )
        due = long_date(datetime.now(UTC).date() + timedelta(days=87))
        await expect(officer.locator("#case-status")).to_have_text("Request for evidence sent")
        await expect(officer.locator("main")).to_contain_text(due)

        applicant = await signed_in(chromium, scene, scene.applicant)
        await answer_with_upload(scene, applicant, tmp_path)
        await officer.goto(scene.url(case_path))
        await expect(officer.locator("#case-status")).to_have_text("Evidence received")
        await expect(officer.locator(".officer-document")).to_contain_text("passport.pdf")

        await (
            officer.locator("#action-interview-slot")
            .get_by_label("Interview time and place")
            .select_option(index=0)
        )
        await officer.get_by_role("button", name="Book the interview").click()
        await expect(officer.locator("#case-status")).to_have_text("Interview scheduled")
        await expect(officer.locator("main")).to_contain_text(scene.interview_place)
        await send(
            officer,
            "interview-outcome",
            "Record the outcome",
            {
                "What happened at the interview": "Answers matched the file.",
            },
        )
        proposal = officer.locator("#action-proposal")
        await proposal.locator("label[for=proposal-outcome-deny]").click()
        await send(
            officer,
            "proposal",
            "Propose the decision",
            {
                "Reasons": "No qualifying category.",
                "Legal basis (optional)": "8 CFR 274a.12",
            },
        )
        await expect(officer.locator("#case-status")).to_have_text("Decision proposed")

        supervisor = await signed_in(chromium, scene, scene.supervisor)
        await supervisor.goto(scene.url(case_path))
        await accessible(supervisor)
        second = await signed_in(chromium, scene, scene.second_officer)
        await second.goto(scene.url(case_path))
        await send(
            supervisor,
            "return",
            "Return to the officer",
            {
                "Comments for the officer": "The passport shows a qualifying category.",
            },
        )
        await expect(supervisor.locator("#case-status")).to_have_text(
            "Case is being reviewed by an officer"
        )

        # The second officer's page predates the return: their note meets a conflict.
        note = second.locator("#action-note")
        await note.get_by_label("Note (staff only)").fill("Category (c)(9) applies.")
        await note.get_by_role("button", name="Add the note").click()
        await expect(second.get_by_role("heading", level=1)).to_have_text(
            "Someone else changed this case while you were working"
        )
        await expect(second.get_by_label("Note (staff only)")).to_have_value(
            "Category (c)(9) applies."
        )
        await accessible(second)
        await second.get_by_role("button", name="Add the note").click()
        await expect(second.locator(".officer-note")).to_contain_text("Category (c)(9) applies.")

        await officer.goto(scene.url(case_path))
        await officer.locator("label[for=proposal-outcome-approve]").click()
        await send(
            officer, "proposal", "Propose the decision", {"Reasons": "Eligible under (c)(9)."}
        )
        await (
            officer.locator("#action-issue")
            .get_by_role("button", name="Issue the decision")
            .click()
        )
        await expect(officer.locator("#case-status")).to_have_text("Decision: approved")
        await accessible(officer)

        await supervisor.goto(scene.url("/staff/decisions"))
        await expect(supervisor.locator(".issued-decision")).to_contain_text("Approved")
        await accessible(supervisor)

        await _see_the_decision(scene, applicant)


async def _see_the_decision(scene: Scene, page: Page) -> None:
    """The applicant's case page shows the timeline; the inbox holds the decision notice."""
    await page.goto(scene.url(f"/cases/{scene.case_id}"))
    main = page.locator("main")
    await expect(main).to_contain_text("Decision issued: approved")
    await expect(main).to_contain_text("We asked for more evidence")
    await expect(main).not_to_contain_text("Category (c)(9) applies.")
    await expect(main).not_to_contain_text("No qualifying category.")
    await accessible(page)
    for _ in range(100):  # the notices follow their events within moments
        await page.goto(scene.url("/inbox"))
        if await page.get_by_role("link", name="Decision notice").count():
            break
        await asyncio.sleep(0.1)
    inbox = page.locator("main")
    await expect(inbox).to_contain_text("Request for evidence")
    await expect(inbox).to_contain_text("Appointment notice")
    await page.get_by_role("link", name="Decision notice").first.click()
    await expect(page.locator("main")).to_contain_text("Approved")
    await accessible(page)
