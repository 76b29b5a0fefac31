"""What the account recovery end-to-end tests share: people with an app, cases, mail, clock."""

import re
import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from urllib.parse import parse_qs, urlsplit
from uuid import UUID, uuid4

import pyotp
import pytest
from aiohttp import ClientResponse

from immportal.adapters.identity.argon2_hasher import Argon2Hasher
from immportal.adapters.identity.tokens import RandomTokens
from immportal.adapters.mail.mailbox import read_mailbox
from immportal.adapters.postgres.accounts import PostgresEmailIndex
from immportal.adapters.postgres.recovery_claims import PostgresRecoveryClaims
from immportal.domain.actor import Actor, Role
from immportal.domain.cases.forms import FormType
from immportal.services.identity.staff import StaffAccountService
from immportal.services.repository import Repository
from immportal.web.identity.recovery import pages
from testkit.e2e_support import (
    Page,
    Portal,
    form_token,
    parse_page,
    post_form,
    wait_until_projected,
)

PASSWORD = "violet tractor hums near 7291 lanterns"
KEY = re.compile(r"\b((?:[A-Z2-7]{4} ){7}[A-Z2-7]{4})\b")
_URL = re.compile(r"https?://\S+")
START_SUBJECT = "Get back into your account"
NOTICE_SUBJECT = "Someone asked to remove your authenticator"
FINISH_SUBJECT = "Finish getting back into your account"


@dataclass
class Person:
    """Someone with an account and an authenticator app, using the portal's one browser."""

    portal: Portal
    mailbox: Path
    email: str
    account_id: UUID
    secret: str = ""
    born_on: str = "1986-04-28"
    receipt: str = ""

    async def link(self, subject: str) -> str:
        """The path and query of the link in the newest mail to this person with this subject."""
        mails = await read_mailbox(self.mailbox)
        found = [m for m in mails if m.to == self.email and m.subject == subject]
        assert found, f"no mail {subject!r} to {self.email}"
        (url,) = _URL.findall(found[0].text)  # the mailbox lists the newest first
        parts = urlsplit(url)
        return f"{parts.path}?{parts.query}"

    async def mail_count(self, subject: str) -> int:
        """How many mails with this subject reached this person."""
        mails = await read_mailbox(self.mailbox)
        return sum(1 for m in mails if m.to == self.email and m.subject == subject)

    async def ask_for_link(self) -> Page:
        """Fill in the lost-authenticator form with this person's address."""
        return await ask_for_link(self.portal, self.email)

    async def sign_in(self) -> ClientResponse:
        """Send the email and password."""
        token = await form_token(self.portal, "/sign-in")
        form = {"email": self.email, "password": PASSWORD}
        return await post_form(self.portal, "/sign-in", form, token=token)

    async def set_up_authenticator(self) -> ClientResponse:
        """Read the key off the set-up page and send the app's current code."""
        response = await self.portal.client.get("/account/authenticator")
        page = parse_page(await response.text())
        found = KEY.search(page.text)
        assert found, "the set-up page shows no key"
        self.secret = found.group(1).replace(" ", "")
        form = {"code": self.code()}
        return await post_form(
            self.portal, "/account/authenticator", form, token=page.inputs["csrf_token"]
        )

    async def enter_code(self) -> ClientResponse:
        """Send the app's next code on the code page."""
        token = await form_token(self.portal, "/sign-in/code")
        return await post_form(self.portal, "/sign-in/code", {"code": self.code(1)}, token=token)

    async def sign_out(self) -> None:
        """End this browser's session."""
        token = await form_token(self.portal, "/account")
        await post_form(self.portal, "/sign-out", {}, token=token)

    def code(self, steps_ahead: int = 0) -> str:
        """The app's code for now or a later step."""
        return pyotp.TOTP(self.secret).at(time.time() + 30 * steps_ahead)


async def ask_for_link(portal: Portal, email: str) -> Page:
    """Fill in the lost-authenticator form; return the page that answers."""
    token = await form_token(portal, pages.START_PATH)
    response = await post_form(portal, pages.START_PATH, {"email": email}, token=token)
    assert 200 == response.status
    # The link is mailed after the answer (every address costs the same): wait for that work.
    await portal.runtime.after_response.drain()
    return parse_page(await response.text())


async def person_with_app(portal: Portal, mailbox: Path, role: Role = Role.APPLICANT) -> Person:
    """A new account in the role that signed in once, set up its app, then signed out."""
    email = f"ana.{uuid4().hex[:10]}@example.com"
    runtime = portal.runtime
    staff = StaffAccountService(
        Repository(runtime.store), Argon2Hasher(), RandomTokens(), PostgresEmailIndex(runtime.pool)
    )
    account_id = await staff.open_account(
        email=email,
        names=["Ana Lopez"],
        role=role,
        actor=Actor.system(),
        password=PASSWORD,
        email_verified=True,
    )
    person = Person(portal, mailbox, email, account_id)
    signed = await person.sign_in()
    assert (303, "/account/authenticator") == (signed.status, signed.headers["Location"])
    activated = await person.set_up_authenticator()
    assert 303 == activated.status
    await person.sign_out()
    return person


async def give_case(person: Person, born_on: str | None = None) -> str:
    """An accepted case of the person's with a date of birth in its answers; its receipt."""
    cases, applicant = person.portal.runtime.cases, Actor(str(person.account_id), Role.APPLICANT)
    case_id = await cases.start(
        actor=applicant, applicant_id=applicant.user_id, form_type=FormType.I765, office="NBC"
    )
    answers = {"date_of_birth": born_on or person.born_on}
    await cases.update(case_id, None, lambda c: c.save_answers(applicant, "applicant", answers))
    await cases.update(case_id, None, lambda c: c.submit(applicant, fee_cents=47_000))
    receipt = await cases.accept(case_id, actor=Actor.system())
    await wait_until_projected(person.portal.runtime, case_id, 4)
    person.receipt = receipt
    return receipt


def token_of(link: str) -> str:
    """The token a link carries."""
    return parse_qs(urlsplit(link).query)["token"][0]


def proof_form(receipt: str, born_on: str) -> dict[str, str]:
    """The proof form's fields for a receipt number and an ISO date of birth."""
    year, month, day = born_on.split("-")
    return {
        "receipt_number": receipt,
        "born_month": str(int(month)),
        "born_day": str(int(day)),
        "born_year": year,
    }


async def prove(portal: Portal, link: str, receipt: str, born_on: str) -> tuple[int, Page]:
    """Open the first link and send a proof; return the status and page that answer."""
    response = await portal.client.get(link)
    page = parse_page(await response.text())
    form = {"token": page.inputs.get("token", token_of(link)), **proof_form(receipt, born_on)}
    token = page.inputs.get("csrf_token") or await form_token(portal, pages.START_PATH)
    answer = await post_form(portal, pages.PROOF_PATH, form, token=token)
    return answer.status, parse_page(await answer.text())


async def post_link(portal: Portal, path: str, link: str) -> tuple[int, Page]:
    """Press the button of a finish or cancel page for this link's token."""
    token = await form_token(portal, pages.START_PATH)
    answer = await post_form(portal, path, {"token": token_of(link)}, token=token)
    return answer.status, parse_page(await answer.text())


async def open_recovery(person: Person) -> UUID:
    """The person's open recovery attempt."""
    found = await PostgresRecoveryClaims(person.portal.runtime.pool).find(person.account_id)
    assert found is not None
    return found


async def event_names(portal: Portal, aggregate_id: UUID) -> list[str]:
    """The names of an aggregate's stored events, in order."""
    return [type(e).__name__ for e in await portal.runtime.store.read_stream(aggregate_id)]


def move_clock(monkeypatch: pytest.MonkeyPatch, by: timedelta) -> None:
    """Let the recovery pages see a later time."""
    later = datetime.now(UTC) + by
    monkeypatch.setattr(pages, "utc_now", lambda: later)
