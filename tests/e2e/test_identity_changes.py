"""End-to-end tests of changing the password and recovery codes while signed in."""

import asyncio
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from uuid import uuid4

import pytest
from aiohttp import web
from aiohttp.test_utils import TestClient
from test_identity_sign_in import PASSWORD, Person

from immportal.domain.identity.errors import WRONG_CODE
from immportal.services.identity.sessions import digest
from immportal.web.identity.reauth import WRONG_CURRENT_PASSWORD
from immportal.web.sessions import COOKIE_NAME
from testkit.e2e_support import Portal, PortalOpener, form_token, parse_page, post_form
from testkit.mail_support import mail_arrives

NEW_PASSWORD = "amber heron folds 4410 paper boats"
CONFIRM = "/account/confirm-it-is-you"
NEW_SIGN_IN = "New sign-in to your account"


@pytest.fixture
async def site(open_portal: PortalOpener, tmp_path: Path) -> Portal:
    """The portal in dev mode, mailing into a mailbox in this test's folder."""
    return await open_portal(dev=True, data_dir=tmp_path)


@pytest.fixture
async def person(site: Portal, tmp_path: Path) -> Person:
    """Someone signed up and signed in just now, with an address no other test uses."""
    someone = Person(site, tmp_path / "mailbox", f"ana.{uuid4().hex[:10]}@example.com")
    someone.codes = await someone.signed_up()  # type: ignore[attr-defined]
    return someone


@pytest.fixture
async def elsewhere(person: Person) -> AsyncIterator[Person]:
    """The same person in a second browser, signed in there too."""
    client: TestClient[web.Request, web.Application] = TestClient(person.portal.client.server)
    await client.start_server()  # the server already runs: this only opens the client
    other = Person(Portal(client), person.mailbox, person.email, person.secret)
    await other.sign_in()
    await other.enter_code(other.code(steps_ahead=1))
    yield other
    await client.session.close()  # not client.close(): that would stop the shared server


def session_id(person: Person) -> str:
    """The session id in the person's cookie jar."""
    for morsel in person.portal.client.session.cookie_jar:
        if morsel.key == COOKIE_NAME:
            return morsel.value
    raise AssertionError("no session cookie")


async def age_checks(person: Person, minutes: int = 11) -> None:
    """Pretend the person's last password and code checks were this many minutes ago."""
    at = datetime.now(UTC) - timedelta(minutes=minutes)
    status = await person.portal.runtime.pool.execute(
        "UPDATE sessions SET password_checked_at = $2, second_factor_at = $2 WHERE id_digest = $1",
        digest(session_id(person)),
        at,
    )
    assert status == "UPDATE 1"


async def change_password(person: Person, current: str, new: str) -> web.StreamResponse:
    """Fill in and send the change-password form."""
    token = await form_token(person.portal, "/account/password")
    form = {"current_password": current, "password": new, "password_confirm": new}
    return await post_form(person.portal, "/account/password", form, token=token)


async def confirm_it_is_you(person: Person, next_path: str) -> web.StreamResponse:
    """Send the password and a fresh code on the confirm-it-is-you page."""
    token = await form_token(person.portal, f"{CONFIRM}?next={next_path}")
    form = {"password": PASSWORD, "code": person.code(steps_ahead=1), "next": next_path}
    return await post_form(person.portal, CONFIRM, form, token=token)


async def password_works(person: Person, password: str) -> bool:
    """Whether the password gets a fresh browser past the first sign-in step."""
    client: TestClient[web.Request, web.Application] = TestClient(person.portal.client.server)
    await client.start_server()
    try:
        other = Person(Portal(client), person.mailbox, person.email, person.secret)
        answer = await other.sign_in(password)
        return answer.status == 303
    finally:
        await client.session.close()


class TestChangePassword:
    async def test_fresh_sign_in_changes_password(self, person: Person) -> None:
        """Right after signing in the password can be changed, and a notice is emailed."""
        changed = await change_password(person, PASSWORD, NEW_PASSWORD)
        assert (303, "/account?done=password-changed") == (
            changed.status,
            changed.headers["Location"],
        )
        assert (await person.portal.client.get("/account")).status == 200
        assert await password_works(person, NEW_PASSWORD)
        assert not await password_works(person, PASSWORD)
        (notice,) = await mail_arrives(person.mailbox, "Your password was changed", to=person.email)
        assert "password of your immportal account was changed" in notice.text

    async def test_wrong_current_password_is_refused(self, person: Person) -> None:
        """A wrong current password shows a message and changes nothing."""
        refused = await change_password(person, "not my password at all", NEW_PASSWORD)
        assert 422 == refused.status
        assert WRONG_CURRENT_PASSWORD in parse_page(await refused.text()).text
        assert await password_works(person, PASSWORD)

    async def test_stale_checks_ask_to_confirm_first(self, person: Person) -> None:
        """After 10 minutes the page sends the person to confirm it is them, then works."""
        token = await form_token(person.portal, "/account/password")
        await age_checks(person)
        shown = await person.portal.client.get("/account/password", allow_redirects=False)
        expected = f"{CONFIRM}?next=/account/password"
        assert (303, expected) == (shown.status, shown.headers["Location"])
        form = {"current_password": PASSWORD, "password": NEW_PASSWORD}
        sent = await post_form(
            person.portal,
            "/account/password",
            {**form, "password_confirm": NEW_PASSWORD},
            token=token,
        )
        assert (303, expected) == (sent.status, sent.headers["Location"])
        assert await password_works(person, PASSWORD)

        confirmed = await confirm_it_is_you(person, "/account/password")
        assert (303, "/account/password") == (confirmed.status, confirmed.headers["Location"])
        changed = await change_password(person, PASSWORD, NEW_PASSWORD)
        assert 303 == changed.status
        assert await password_works(person, NEW_PASSWORD)

    async def test_confirm_with_a_wrong_code_is_refused(self, person: Person) -> None:
        """A wrong code on the confirm page leaves the checks stale."""
        await age_checks(person)
        token = await form_token(person.portal, CONFIRM)
        form = {"password": PASSWORD, "code": "000000", "next": "/account/password"}
        refused = await post_form(person.portal, CONFIRM, form, token=token)
        assert 422 == refused.status
        assert WRONG_CODE in parse_page(await refused.text()).text
        shown = await person.portal.client.get("/account/password", allow_redirects=False)
        assert 303 == shown.status

    async def test_other_sessions_end(self, person: Person, elsewhere: Person) -> None:
        """Changing the password signs out the other browser and keeps this one."""
        assert (await elsewhere.portal.client.get("/account", allow_redirects=False)).status == 200
        await change_password(person, PASSWORD, NEW_PASSWORD)
        assert (await elsewhere.portal.client.get("/account", allow_redirects=False)).status == 303
        assert (await person.portal.client.get("/account", allow_redirects=False)).status == 200


class TestNewRecoveryCodes:
    async def new_codes(self, person: Person) -> web.StreamResponse:
        """Press "Get new codes"."""
        token = await form_token(person.portal, "/account/recovery-codes/new")
        return await post_form(person.portal, "/account/recovery-codes/new", {}, token=token)

    async def test_new_codes_replace_the_old(self, person: Person) -> None:
        """New codes are shown once; an old code no longer signs in, a new one does."""
        old: list[str] = person.codes  # type: ignore[attr-defined]
        made = await self.new_codes(person)
        assert (303, "/account/recovery-codes?next=/account") == (
            made.status,
            made.headers["Location"],
        )
        new = await person.recovery_codes()
        assert 10 == len(new)
        assert not set(new) & set(old)
        await person.sign_out()
        await person.sign_in()
        refused = await person.enter_code(old[0])
        assert 422 == refused.status
        accepted = await person.enter_code(new[0])
        assert 303 == accepted.status

    async def test_stale_checks_keep_the_old_codes(self, person: Person) -> None:
        """With stale checks the request is sent to confirm it is you and nothing changes."""
        token = await form_token(person.portal, "/account/recovery-codes/new")
        await age_checks(person)
        account_id = await person.portal.runtime.pool.fetchval(
            "SELECT account_id FROM sessions WHERE id_digest = $1", digest(session_id(person))
        )
        before = (await person.portal.runtime.accounts.get(account_id)).recovery_digests
        sent = await post_form(person.portal, "/account/recovery-codes/new", {}, token=token)
        expected = f"{CONFIRM}?next=/account/recovery-codes/new"
        assert (303, expected) == (sent.status, sent.headers["Location"])
        after = (await person.portal.runtime.accounts.get(account_id)).recovery_digests
        assert before == after

        confirmed = await confirm_it_is_you(person, "/account/recovery-codes/new")
        assert "/account/recovery-codes/new" == confirmed.headers["Location"]
        assert 303 == (await self.new_codes(person)).status


class TestNewBrowserNotice:
    """A sign-in from a browser the account has not used before is emailed, once."""

    async def test_second_browser_is_noticed_once(self, person: Person, elsewhere: Person) -> None:
        """Signing in elsewhere writes one notice; signing in again in either browser none."""
        (notice,) = await mail_arrives(person.mailbox, NEW_SIGN_IN, to=person.email)
        await elsewhere.sign_out()
        await elsewhere.sign_in()
        await elsewhere.enter_code(elsewhere.code(steps_ahead=2))
        await asyncio.sleep(1)  # room for a wrong second notice to arrive
        again = await mail_arrives(person.mailbox, NEW_SIGN_IN, to=person.email)
        assert (1, True) == (len(again), "not used before" in notice.text)

    async def test_browser_cookie_is_long_lived_and_private(
        self, person: Person, elsewhere: Person
    ) -> None:
        """Each browser holds its own random, HttpOnly browser cookie."""
        cookies = [
            morsel
            for someone in (person, elsewhere)
            for morsel in someone.portal.client.session.cookie_jar
            if morsel.key == "immportal_browser"
        ]
        assert 2 == len({morsel.value for morsel in cookies})
        assert all(morsel["httponly"] and int(morsel["max-age"]) > 86400 for morsel in cookies)
