"""The scene the read-side walk runs on: every GET route of the portal, with real ids.

The staff table's scene (an accepted, booked case with a representative, a document and
its receipt notice; two recoveries waiting for an administrator; one person per role),
plus the applicant's signed draft and a second draft paid through the sandbox provider,
every kind of emailed link still unused, two browsers stopped after the password, and a
share code of a status approved on another case of the applicant's.
The portal is served on a known port, as the sandbox posts its webhooks there, and with
the middleware that names the GET in flight (testkit.replay_spy) outermost.
"""

import asyncio
import re
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from uuid import UUID, uuid4

from aiohttp.test_utils import TestClient, TestServer
from yarl import URL

from immportal.adapters.mail.mailbox import read_mailbox
from immportal.app.web_app import create_app
from immportal.domain.actor import Actor, Role
from immportal.web.portal import PORTAL
from testkit.correspondence_support import converse
from testkit.document_support import document_code
from testkit.e2e_support import Portal, form_token, post_form
from testkit.module_portal_support import module_database
from testkit.notice_support import receipt_notice_id, wait_for_notices
from testkit.payment_support import (
    SUCCESS_CARD,
    come_back,
    draft_case,
    free_port,
    sandbox_of,
    start_and_pay,
)
from testkit.recovery_support import (
    FINISH_SUBJECT,
    NOTICE_SUBJECT,
    START_SUBJECT,
    ask_for_link,
    give_case,
    person_with_app,
    prove,
)
from testkit.replay_spy import note_get_route
from testkit.sharing_support import approved_case
from testkit.signed_in_support import PASSWORD, browsers, open_account, staff_service
from testkit.signed_in_support import Person as SignedIn
from testkit.staff_table_support import StaffScene, staff_scene
from testkit.support import make_settings

CHECKPOINT_WITHIN = 15.0
"""Seconds the tree follower may take to sign a checkpoint (normally well under one)."""


@dataclass(frozen=True)
class Links:
    """Emailed links not yet used: a password reset, an email change, three recovery steps."""

    reset: str
    email_change: str
    recovery_proof: str
    recovery_finish: str
    recovery_cancel: str


@dataclass(frozen=True)
class ReadScene:
    """The staff scene, a signed draft, a paid payment, links, and people half signed in."""

    staff: StaffScene
    notice_id: UUID
    draft_id: UUID
    paid_case_id: UUID
    payment_id: UUID
    mail_name: str
    links: Links
    tree_size: int
    """The size of a signed checkpoint of the transparency log."""
    document_code: str
    """The verification code of the notice."""
    share_id: UUID
    """A share code the applicant made for a status approved on another case of theirs."""
    half_signed_in: dict[str, Portal]
    """Browsers past the password step only: "code-step" (an app to enter a code from) and
    "app-set-up" (no app yet, so setting one up)."""

    @property
    def portal(self) -> Portal:
        """The portal under test."""
        return self.staff.portal

    def values(self) -> dict[str, str]:
        """What the route table's templates name."""
        staff = self.staff
        return {
            "case_id": str(staff.case_id),
            "document_id": str(staff.document_id),
            "notice_id": str(self.notice_id),
            "draft_id": str(self.draft_id),
            "payment_id": str(self.payment_id),
            "recovery_id": str(staff.recovery_ids[0]),
            "location": staff.booking.slot.location_code,
            "day": staff.booking_day,
            "mail_name": self.mail_name,
            "reset_link": self.links.reset,
            "email_change_link": self.links.email_change,
            "recovery_proof_link": self.links.recovery_proof,
            "recovery_finish_link": self.links.recovery_finish,
            "recovery_cancel_link": self.links.recovery_cancel,
            "tree_size": str(self.tree_size),
            "document_code": self.document_code,
            "share_id": str(self.share_id),
        }


@asynccontextmanager
async def spied_portal(admin_url: str, data_dir: Path) -> AsyncIterator[Portal]:
    """The portal in dev mode on its own database and port, GETs named by the spy middleware."""
    port = free_port()
    async with module_database(admin_url) as url:
        settings = make_settings(
            url,
            dev=True,
            data_dir=data_dir,
            public_url=f"http://127.0.0.1:{port}",
            payments_sandbox_port=0,
            # A checkpoint after every event: the transparency routes then have one to show.
            checkpoint_every_events=1,
        )
        app = create_app(settings)
        app.middlewares.insert(0, note_get_route)
        client: TestClient = TestClient(TestServer(app, port=port))  # type: ignore[type-arg]
        await client.start_server()
        try:
            yield Portal(client)
        finally:
            await client.close()


@asynccontextmanager
async def read_scene(admin_url: str, data_dir: Path) -> AsyncIterator[ReadScene]:
    """Serve the portal and set the scene; browsers and portal close afterwards."""
    mailbox = data_dir / "mailbox"
    async with (
        spied_portal(admin_url, data_dir) as portal,
        staff_scene(portal, mailbox) as staff,
    ):
        applicant = staff.people["applicant"]
        [notice_id, *_] = await wait_for_notices(portal, staff.case_id, 1)
        assert receipt_notice_id(staff.case_id) == notice_id
        # Messages both ways (with a file) and a request, so their pages show something.
        await converse(portal, staff.case_id, staff.people["applicant"], staff.people["officer"])
        draft_id = await draft_case(applicant)
        paid_case_id = await draft_case(applicant)
        payment_id, back = await start_and_pay(applicant, paid_case_id, SUCCESS_CARD)
        await sandbox_of(portal).sender.drain()
        returned = await come_back(applicant, back)
        assert 303 == returned.status, await returned.text()
        mails = await read_mailbox(mailbox)
        assert mails
        links = await emailed_links(portal, mailbox, staff.people["applicant"])
        share_id = await shared_status(portal, applicant)
        tree_size = await checkpointed(portal)
        async with browsers(portal) as open_browser:
            half = {
                "code-step": await password_only(portal, open_browser(), app=True),
                "app-set-up": await password_only(portal, open_browser(), app=False),
            }
            yield ReadScene(
                staff,
                notice_id,
                draft_id,
                paid_case_id,
                payment_id,
                mails[0].name,
                links,
                tree_size,
                await document_code(portal, notice_id),
                share_id,
                half,
            )


async def shared_status(portal: Portal, applicant: SignedIn) -> UUID:
    """A share code of the applicant's, for a work permit approved on a case of its own."""
    case_id = await approved_case(portal.runtime.cases, applicant.actor)
    services = portal.client.app[PORTAL]
    await services.read_models.wait_until(
        await portal.runtime.store.head(), ("case_files",), CHECKPOINT_WITHIN
    )
    created = await services.sharing.create(
        applicant.actor, case_id=case_id, purpose="work", facts=["status"], now=datetime.now(UTC)
    )
    await services.read_models.wait_until(
        created.written.position, ("status_shares",), CHECKPOINT_WITHIN
    )
    return created.share_id


async def emailed_links(portal: Portal, mailbox: Path, applicant: SignedIn) -> Links:
    """Ask for each kind of emailed link; read them from the mailbox."""
    services, now = portal.client.app[PORTAL], datetime.now(UTC)
    await services.email_links.request_password_reset(applicant.email, now)
    await services.email_links.after_response.drain()  # the link is mailed after the answer
    new_email = f"moved-{uuid4().hex[:8]}@example.test"
    await services.email_change.request_change(applicant.account_id, new_email, now)
    waiting = await person_with_app(portal, mailbox)
    await ask_for_link(portal, waiting.email)
    proven = await person_with_app(portal, mailbox)
    receipt = await give_case(proven)
    await ask_for_link(portal, proven.email)
    status, _ = await prove(portal, await proven.link(START_SUBJECT), receipt, proven.born_on)
    assert 200 == status
    return Links(
        reset=await mailed_link(mailbox, applicant.email, "Reset your password"),
        email_change=await mailed_link(mailbox, new_email, "Confirm your new email address"),
        recovery_proof=await waiting.link(START_SUBJECT),
        recovery_finish=await proven.link(FINISH_SUBJECT),
        recovery_cancel=await proven.link(NOTICE_SUBJECT),
    )


async def checkpointed(portal: Portal) -> int:
    """Wait (bounded) for a signed checkpoint of the log; its tree size."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + CHECKPOINT_WITHIN
    while loop.time() < deadline:
        response = await portal.client.get("/api/v1/transparency/checkpoint")
        if response.status == 200:
            size: int = (await response.json())["tree_size"]
            return size
        await asyncio.sleep(0.1)
    raise AssertionError("no checkpoint was signed")


async def mailed_link(mailbox: Path, to: str, subject: str) -> str:
    """The path and query of the link in the newest mail to `to` with this subject."""
    mails = [m for m in await read_mailbox(mailbox) if m.to == to and m.subject == subject]
    assert mails, f"no mail {subject!r} to {to}"
    (url,) = re.findall(r"https?://\S+", mails[0].text)
    return str(URL(url).relative())


async def password_only(portal: Portal, browser: Portal, *, app: bool) -> Portal:
    """A browser that gave the password of a new applicant, with or without an app set up."""
    if app:
        _, email, _ = await open_account(portal, Role.APPLICANT)
    else:
        email = f"no-app-{uuid4().hex[:8]}@example.test"
        await staff_service(portal).open_account(
            email=email,
            names=["Noor Haddad"],
            role=Role.APPLICANT,
            actor=Actor.system(),
            password=PASSWORD,
            email_verified=True,
        )
    token = await form_token(browser, "/sign-in")
    signed = await post_form(
        browser, "/sign-in", {"email": email, "password": PASSWORD, "next": ""}, token=token
    )
    assert 303 == signed.status, await signed.text()
    return browser
