"""What the message and request tests share: an NBC case, its people, forms as browsers send."""

import asyncio
import re
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from uuid import UUID, uuid4

from aiohttp import ClientResponse, FormData

from immportal.adapters.mail.mailbox import StoredMail, read_mailbox
from immportal.domain.actor import Actor, Role
from immportal.domain.correspondence.request_details import ExpediteCriterion, ExpediteDetails
from immportal.projections.case_documents import CaseDocumentsProjection
from immportal.projections.case_messages import CaseMessagesProjection
from immportal.projections.case_requests import CaseRequestsProjection
from immportal.web.portal import PORTAL
from testkit import evidence_samples as samples
from testkit.appointment_support import accepted_case
from testkit.e2e_support import (
    CATCH_UP_SECONDS,
    Portal,
    parse_page,
    post_form,
    wait_until_projected,
)
from testkit.notice_support import wait_for_notices
from testkit.signed_in_support import PASSWORD, Person, browsers, open_account, sign_in_as
from testkit.signed_in_support import staff_service as account_service

CONTACT_EMAIL = "ana@example.test"
"""The case's contact address (testkit.appointment_support.accepted_case)."""
SEATS = {
    "applicant": (Role.APPLICANT, None),
    "officer": (Role.OFFICER, "NBC"),
    "supervisor": (Role.SUPERVISOR, "NBC"),
    "officer-elsewhere": (Role.OFFICER, "CSC"),
    "auditor": (Role.AUDITOR, None),
}


@dataclass(frozen=True)
class Scene:
    """An accepted NBC case of the applicant (receipt notice issued), and one person per seat."""

    portal: Portal
    case_id: UUID
    people: dict[str, Person]
    mailbox: Path

    def __getitem__(self, seat: str) -> Person:
        """The person in a seat."""
        return self.people[seat]

    @property
    def messages(self) -> str:
        """The applicant's side of the conversation."""
        return f"/cases/{self.case_id}/messages"

    @property
    def staff_messages(self) -> str:
        """The office's side of the conversation."""
        return f"/staff/cases/{self.case_id}/messages"

    @property
    def staff_requests(self) -> str:
        """The office's side of the requests."""
        return f"/staff/cases/{self.case_id}/requests"


@asynccontextmanager
async def correspondence_scene(portal: Portal, mailbox: Path) -> AsyncIterator[Scene]:
    """Sign everyone in, each in their own browser; file and accept the applicant's case."""
    async with browsers(portal) as open_browser:
        people = {}
        for seat, (role, office) in SEATS.items():
            account_id, email, key = await open_account(portal, role)
            if office is not None:
                await account_service(portal).assign_office(
                    account_id, office, actor=Actor.system()
                )
            browser = open_browser()
            await sign_in_as(browser, email, PASSWORD, key)
            people[seat] = Person(browser, account_id, email, role)
        case_id = await accepted_case(portal.runtime, people["applicant"].actor)
        await wait_until_projected(portal.runtime, case_id, 4)
        await wait_for_notices(portal, case_id, 1)
        yield Scene(portal, case_id, people, mailbox)


async def send_message(
    person: Person,
    path: str,
    text: str,
    file: tuple[str, bytes] | None = None,
    *,
    form_id: str = "",
) -> ClientResponse:
    """Open the conversation page and send its form as a browser would (token first, file last)."""
    page = parse_page(await (await person.portal.client.get(path)).text())
    data = FormData(quote_fields=False)
    data.add_field("csrf_token", page.inputs["csrf_token"])
    data.add_field("message_id", form_id or page.inputs["message_id"])
    data.add_field("text", text)
    if file is None:
        # What a browser sends when no file was chosen: an empty part without a name.
        data.add_field("file", b"", filename="", content_type="application/octet-stream")
    else:
        data.add_field("file", file[1], filename=file[0])
    return await person.portal.client.post(
        path, data=data, headers={"Origin": person.portal.origin}, allow_redirects=False
    )


async def send_form(person: Person, path: str, form: dict[str, str]) -> ClientResponse:
    """Open a page and post its form with the page's token (and request id, if it has one)."""
    inputs = parse_page(await (await person.portal.client.get(path)).text()).inputs
    sent = {"request_id": inputs["request_id"]} if "request_id" in inputs else {}
    return await post_form(person.portal, path, sent | form, token=inputs["csrf_token"])


async def page_of(person: Person, path: str) -> tuple[int, str]:
    """A page's status and HTML."""
    response = await person.portal.client.get(path)
    return response.status, await response.text()


def text_of(html: str) -> str:
    """A page's visible text, whitespace collapsed."""
    return parse_page(html).text


def links_to(html: str, prefix: str) -> list[str]:
    """The page's links that start with `prefix`."""
    return re.findall(rf'href="({re.escape(prefix)}[^"]*)"', html)


async def mails_about(mailbox: Path, subject: str, *, count: int = 1) -> list[StoredMail]:
    """Wait (bounded) until `count` mails with this subject are in the mailbox."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + CATCH_UP_SECONDS
    while True:
        found = [m for m in await read_mailbox(mailbox) if m.subject == subject]
        if len(found) >= count or loop.time() > deadline:
            return found
        await asyncio.sleep(0.05)


async def converse(portal: Portal, case_id: UUID, applicant: Person, officer: Person) -> None:
    """The applicant writes with a file, the office answers, the applicant asks to expedite.

    Through the services, as the pages would; returns once the read models show it all.
    """
    services, now = portal.client.app[PORTAL], datetime.now(UTC)
    chunks = samples.chunks_of(samples.pdf("Letter from my employer"))
    uploaded = await services.evidence.upload(case_id, applicant.actor, chunks, "employer.pdf")
    await services.conversations.post(
        case_id,
        applicant.actor,
        message_id=uuid4(),
        text="Is this letter enough?",
        attachment_ids=[uploaded.document_id],
        now=now,
    )
    await services.conversations.post(
        case_id, officer.actor, message_id=uuid4(), text="Yes, thank you.", now=now
    )
    details = ExpediteDetails(
        criterion=ExpediteCriterion.SEVERE_FINANCIAL_LOSS, explanation="My job offer ends soon."
    )
    written = await services.case_requests.submit(
        case_id, applicant.actor, request_id=uuid4(), details=details
    )
    names = (CaseMessagesProjection.name, CaseRequestsProjection.name, CaseDocumentsProjection.name)
    assert await services.read_models.wait_until(written.position, names, CATCH_UP_SECONDS)
