"""End-to-end tests of the sign-up and sign-in pages (immportal.web.identity) over HTTP."""

import re
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit
from uuid import uuid4

import pyotp
import pytest
from aiohttp import ClientResponse
from yarl import URL

from immportal.adapters.mail.mailbox import read_mailbox
from immportal.adapters.postgres.sessions import PostgresSessionStore as SessionStore
from immportal.domain.actor import Role
from immportal.domain.identity.errors import CODE_ALREADY_USED, WRONG_CODE, WRONG_PASSWORD
from immportal.web.sessions import COOKIE_NAME
from testkit.e2e_support import Portal, PortalOpener, form_token, parse_page, post_form

PASSWORD = "violet tractor hums near 7291 lanterns"
NAME = "Ana Lopez"
KEY = re.compile(r"\b((?:[A-Z2-7]{4} ){7}[A-Z2-7]{4})\b")
RECOVERY_CODE = re.compile(r"\b[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}\b")


@dataclass
class Person:
    """Someone using the portal from one browser (the test client's cookie jar)."""

    portal: Portal
    mailbox: Path
    email: str
    secret: str = ""

    async def create_account(self, password: str = PASSWORD) -> ClientResponse:
        """Fill in and send the create-account form."""
        token = await form_token(self.portal, "/account/create")
        form = {"full_name": NAME, "email": self.email, "password": password}
        return await post_form(self.portal, "/account/create", form, token=token)

    async def mails(self) -> list[str]:
        """The texts of the mails sent to this person, newest first."""
        return [m.text for m in await read_mailbox(self.mailbox) if m.to == self.email]

    async def verification_path(self) -> str:
        """The path and query of the newest emailed confirmation link."""
        for text in await self.mails():
            found = re.search(r"https?://\S+/account/verify\?token=\S+", text)
            if found:
                url = urlsplit(found.group(0))
                return f"{url.path}?{url.query}"
        raise AssertionError(f"no confirmation link mailed to {self.email}")

    async def sign_in(self, password: str = PASSWORD, next_path: str = "") -> ClientResponse:
        """Send the email and password."""
        token = await form_token(self.portal, "/sign-in")
        form = {"email": self.email, "password": password, "next": next_path}
        return await post_form(self.portal, "/sign-in", form, token=token)

    async def enter_code(self, code: str) -> ClientResponse:
        """Send a security or recovery code on the code page."""
        token = await form_token(self.portal, "/sign-in/code")
        return await post_form(self.portal, "/sign-in/code", {"code": code}, token=token)

    async def set_up_authenticator(self) -> ClientResponse:
        """Read the key off the set-up page and send the app's current code."""
        page = await (await self.portal.client.get("/account/authenticator")).text()
        found = KEY.search(parse_page(page).text)
        assert found, "the set-up page shows no key"
        self.secret = found.group(1).replace(" ", "")
        token = parse_page(page).inputs["csrf_token"]
        code = self.code()
        return await post_form(self.portal, "/account/authenticator", {"code": code}, token=token)

    def code(self, steps_ahead: int = 0) -> str:
        """The app's code for now, or for a later step (codes of later steps are unused)."""
        return pyotp.TOTP(self.secret).at(time.time() + 30 * steps_ahead)

    async def recovery_codes(self) -> list[str]:
        """The codes the recovery codes page shows."""
        page = await (await self.portal.client.get("/account/recovery-codes")).text()
        return RECOVERY_CODE.findall(parse_page(page).text)

    async def sign_out(self) -> ClientResponse:
        """Press "Sign out" on the account page."""
        token = await form_token(self.portal, "/account")
        return await post_form(self.portal, "/sign-out", {}, token=token)

    async def signed_up(self) -> list[str]:
        """Create an account, confirm it, sign in and set up the app; return recovery codes."""
        await self.create_account()
        await self.confirm_email()
        await self.sign_in()
        await self.set_up_authenticator()
        codes = await self.recovery_codes()
        token = await form_token(self.portal, "/account/recovery-codes")
        await post_form(self.portal, "/account/recovery-codes", {}, token=token)
        return codes

    async def confirm_email(self) -> ClientResponse:
        """Open the emailed link and press the button."""
        path = await self.verification_path()
        token = await form_token(self.portal, path)
        form = {"token": parse_qs_token(path)}
        return await post_form(self.portal, "/account/verify", form, token=token)


def parse_qs_token(path: str) -> str:
    """The token of a link's query."""
    return path.split("token=", 1)[1]


def cookie(response: ClientResponse) -> str:
    """The session id the response sets."""
    return response.cookies[COOKIE_NAME].value


@pytest.fixture
async def site(open_portal: PortalOpener, tmp_path: Path) -> Portal:
    """The portal in dev mode, mailing into a mailbox in this test's folder."""
    return await open_portal(dev=True, data_dir=tmp_path)


@pytest.fixture
def person(site: Portal, tmp_path: Path) -> Person:
    """Someone with an address no other test uses."""
    return Person(site, tmp_path / "mailbox", f"ana.{uuid4().hex[:10]}@example.com")


class TestWholePath:
    async def test_sign_up_confirm_sign_in_and_set_up(self, person: Person) -> None:
        """Create, confirm, sign in, set up the app, save codes: the account page opens."""
        created = await person.create_account()
        assert (303, "/account/create/check-email") == (created.status, created.headers["Location"])

        opened = await person.portal.client.get(await person.verification_path())
        assert "Confirm my email address" in parse_page(await opened.text()).text
        assert "strict-origin" == opened.headers["Referrer-Policy"]
        confirmed = await person.confirm_email()
        assert (303, "/account/verify/done") == (confirmed.status, confirmed.headers["Location"])

        signed = await person.sign_in()
        assert "/account/authenticator" == signed.headers["Location"]
        activated = await person.set_up_authenticator()
        assert "/account/recovery-codes" == activated.headers["Location"]

        codes = await person.recovery_codes()
        download = await person.portal.client.get("/account/recovery-codes/download")
        assert 10 == len(set(codes))
        assert "text/plain" == download.content_type
        assert download.headers["Content-Disposition"].startswith("attachment")
        assert codes == RECOVERY_CODE.findall(await download.text())

        token = await form_token(person.portal, "/account/recovery-codes")
        saved = await post_form(person.portal, "/account/recovery-codes", {}, token=token)
        account = await person.portal.client.get(saved.headers["Location"])
        text = parse_page(await account.text()).text
        assert (200, True, True) == (account.status, NAME in text, person.email in text)
        assert "Confirm your email address" not in text
        assert [] == await person.recovery_codes()
        gone = await person.portal.client.get("/account/recovery-codes/download")
        assert 404 == gone.status

    async def test_unconfirmed_email_shows_a_banner(self, person: Person) -> None:
        """Someone who has not opened the link can sign in, and is asked to confirm."""
        await person.create_account()
        await person.sign_in()
        await person.set_up_authenticator()

        account = await person.portal.client.get("/account")

        assert "Confirm your email address" in parse_page(await account.text()).text

    async def test_taken_email_answers_the_same(self, person: Person) -> None:
        """Registering a used address shows "check your email" and tells the owner."""
        await person.create_account()

        again = await person.create_account("a different long passphrase")

        assert (303, "/account/create/check-email") == (again.status, again.headers["Location"])
        assert "You already have an account" in (await person.mails())[0]


class TestRefusals:
    async def test_wrong_password_reads_like_unknown_email(self, person: Person) -> None:
        """A wrong password and an unknown address get the same status and message."""
        await person.create_account()
        wrong = await person.sign_in("not the right password at all")
        stranger = Person(person.portal, person.mailbox, f"nobody.{uuid4().hex[:8]}@example.com")
        unknown = await stranger.sign_in()

        answers = [(r.status, parse_page(await r.text()).error_summary) for r in (wrong, unknown)]
        assert [(422, [WRONG_PASSWORD])] * 2 == answers

    async def test_password_policy_reasons_are_shown(self, person: Person) -> None:
        """A short password is refused with the reason in the error summary."""
        response = await person.create_account("short")

        summary = parse_page(await response.text()).error_summary
        assert 422 == response.status
        assert summary
        assert all("password" in line.lower() for line in summary)

    async def test_replayed_code_is_refused(self, person: Person) -> None:
        """A code that signed in once does not sign in again."""
        await person.signed_up()
        await person.sign_out()
        await person.sign_in()
        code = person.code(steps_ahead=1)
        first = await person.enter_code(code)
        await person.sign_out()
        await person.sign_in()

        again = await person.enter_code(code)

        assert 303 == first.status
        assert (422, [CODE_ALREADY_USED]) == (
            again.status,
            parse_page(await again.text()).error_summary,
        )

    async def test_recovery_code_works_once(self, person: Person) -> None:
        """A recovery code signs in once; the second time it is a wrong code."""
        codes = await person.signed_up()
        await person.sign_out()
        await person.sign_in()
        first = await person.enter_code(codes[0].lower())
        await person.sign_out()
        await person.sign_in()

        again = await person.enter_code(codes[0])

        assert (303, "/cases") == (first.status, first.headers["Location"])  # an applicant's work
        assert [WRONG_CODE] == parse_page(await again.text()).error_summary

    async def test_missing_csrf_token_is_refused(self, person: Person) -> None:
        """Signing in without the form's token answers 403."""
        await form_token(person.portal, "/sign-in")

        response = await person.portal.client.post(
            "/sign-in",
            data={"email": person.email, "password": PASSWORD},
            headers={"Origin": person.portal.origin},
            allow_redirects=False,
        )

        assert 403 == response.status


class TestSessions:
    async def test_session_id_changes_at_each_step(self, person: Person) -> None:
        """The cookie's id changes after the password and again after the code."""
        await person.signed_up()
        await person.sign_out()
        anonymous = cookie(await person.portal.client.get("/sign-in"))

        after_password = cookie(await person.sign_in())
        after_code = cookie(await person.enter_code(person.code(steps_ahead=1)))

        assert 3 == len({anonymous, after_password, after_code})

    async def test_signed_in_page_sends_strangers_to_sign_in(self, site: Portal) -> None:
        """The account page, signed out, redirects to sign-in remembering where to return."""
        response = await site.client.get("/account", allow_redirects=False)

        location = URL(response.headers["Location"])
        assert (303, "/sign-in", "/account") == (
            response.status,
            location.path,
            location.query["next"],
        )

    async def test_password_alone_does_not_open_signed_in_pages(self, person: Person) -> None:
        """Between the password and the code, the account page still asks to sign in."""
        await person.signed_up()
        await person.sign_out()
        await person.sign_in()

        response = await person.portal.client.get("/account", allow_redirects=False)

        assert 303 == response.status
        assert response.headers["Location"].startswith("/sign-in")

    async def test_returns_to_the_remembered_page_only_if_local(self, person: Person) -> None:
        """After the code, a local `next` is followed; another site's is ignored."""
        await person.signed_up()
        await person.sign_out()
        foreign = (await person.sign_in(next_path="//evil.example/steal")).headers["Location"]
        to_code = (await person.sign_in(next_path="/account?tab=1")).headers["Location"]
        token = await form_token(person.portal, to_code)
        done = await post_form(
            person.portal,
            "/sign-in/code",
            {"code": person.code(steps_ahead=1), "next": "/account?tab=1"},
            token=token,
        )

        assert ("/sign-in/code", "/account?tab=1") == (
            URL(to_code).path,
            URL(to_code).query["next"],
        )
        assert "/account?tab=1" == done.headers["Location"]
        assert "/sign-in/code" == foreign

    async def test_sign_out_of_other_sessions(self, person: Person) -> None:
        """ "Sign out of all other sessions" ends the others and keeps this one."""
        await person.signed_up()
        pool = person.portal.runtime.pool
        account_id = await pool.fetchval("SELECT account_id FROM account_emails")
        store = SessionStore(pool)
        elsewhere = await store.create(account_id=account_id, role=Role.APPLICANT)
        token = await form_token(person.portal, "/account")

        response = await post_form(person.portal, "/account/sign-out-others", {}, token=token)
        still = await person.portal.client.get("/account", allow_redirects=False)

        assert (303, 200) == (response.status, still.status)
        assert None is await store.load(elsewhere.id)
