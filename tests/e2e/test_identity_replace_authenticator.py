"""End-to-end tests of replacing the authenticator app while signed in."""

import re
import time
from pathlib import Path
from uuid import uuid4

import pyotp
import pytest
from test_identity_changes import CONFIRM, age_checks, confirm_it_is_you, session_id
from test_identity_sign_in import KEY, Person

from immportal.domain.identity.errors import CODE_ALREADY_USED, WRONG_CODE
from immportal.services.identity.sessions import digest
from testkit.e2e_support import Portal, PortalOpener, form_token, parse_page, post_form

REPLACE = "/account/authenticator/replace"


@pytest.fixture
async def site(open_portal: PortalOpener, tmp_path: Path) -> Portal:
    """The portal in dev mode, mailing into a mailbox in this test's folder."""
    return await open_portal(dev=True, data_dir=tmp_path)


@pytest.fixture
async def person(site: Portal, tmp_path: Path) -> Person:
    """Someone signed up and signed in just now, with an address no other test uses."""
    someone = Person(site, tmp_path / "mailbox", f"ana.{uuid4().hex[:10]}@example.com")
    await someone.signed_up()
    return someone


async def new_key(person: Person) -> str:
    """Press "Show my new key" and read the new key off the page."""
    token = await form_token(person.portal, REPLACE)
    started = await post_form(person.portal, f"{REPLACE}/start", {}, token=token)
    assert (303, REPLACE) == (started.status, started.headers["Location"])
    page = parse_page(await (await person.portal.client.get(REPLACE)).text())
    found = KEY.search(page.text)
    assert found, "the replace page shows no key"
    return found.group(1).replace(" ", "")


async def switch(person: Person, code: str) -> tuple[int, str, list[str]]:
    """Send a code from the new app; the status, where it leads and the errors shown."""
    token = await form_token(person.portal, REPLACE)
    sent = await post_form(person.portal, REPLACE, {"code": code}, token=token)
    errors = [] if sent.status == 303 else parse_page(await sent.text()).error_summary
    return sent.status, sent.headers.get("Location", ""), errors


def code_of(secret: str, steps_ahead: int = 0) -> str:
    """An app's code for now or a later step."""
    return pyotp.TOTP(secret).at(time.time() + 30 * steps_ahead)


async def sign_in_again(person: Person, code: str) -> tuple[int, list[str]]:
    """Sign out, sign in with the password, and send the code; the status and errors."""
    await person.sign_out()
    await person.sign_in()
    answer = await person.enter_code(code)
    errors = [] if answer.status == 303 else parse_page(await answer.text()).error_summary
    return answer.status, errors


class TestReplace:
    async def test_switch_to_a_new_app(self, person: Person) -> None:
        """After a right code from the new app, only the new app signs in, and it says so."""
        old_secret = person.secret
        secret = await new_key(person)
        assert secret != old_secret

        switched = await switch(person, code_of(secret))
        account = await person.portal.client.get(switched[1])
        history = await person.portal.client.get("/account/security")

        assert (303, "/account?done=authenticator-replaced", []) == switched
        assert "You switched to your new authenticator app" in parse_page(await account.text()).text
        assert "Authenticator app replaced" in parse_page(await history.text()).text
        assert (422, [WRONG_CODE]) == await sign_in_again(person, code_of(old_secret, 1))
        assert (303, []) == await sign_in_again(person, code_of(secret, 1))

    async def test_old_app_works_until_the_switch(self, person: Person) -> None:
        """With a new key made but not confirmed, the old app still signs in."""
        old_secret = person.secret
        await new_key(person)

        assert (303, []) == await sign_in_again(person, code_of(old_secret, 1))

    async def test_wrong_code_keeps_the_old_app(self, person: Person) -> None:
        """A wrong code (or one from the old app) does not switch."""
        old_secret = person.secret
        await new_key(person)

        refused = await switch(person, code_of(old_secret, 1))

        assert (422, "", [WRONG_CODE]) == refused
        assert (303, []) == await sign_in_again(person, code_of(old_secret, 1))

    async def test_codes_are_single_use_across_the_switch(self, person: Person) -> None:
        """The code that made the switch cannot sign in afterwards."""
        secret = await new_key(person)
        code = code_of(secret, 1)
        assert 303 == (await switch(person, code))[0]

        assert (422, [CODE_ALREADY_USED]) == await sign_in_again(person, code)

    async def test_activation_after_a_later_old_code(self, person: Person) -> None:
        """A new-app code of a step the old app already spent cannot switch over."""
        secret = await new_key(person)
        # Confirming it is you spends the old app's code of the next step.
        await age_checks(person)
        confirmed = await confirm_it_is_you(person, REPLACE)
        assert (303, REPLACE) == (confirmed.status, confirmed.headers["Location"])

        switched = await switch(person, code_of(secret, 1))

        assert 303 == switched[0]
        assert (422, [CODE_ALREADY_USED]) == await sign_in_again(person, code_of(secret, 1))


class TestRecentChecks:
    async def test_stale_checks_ask_to_confirm_first(self, person: Person) -> None:
        """After 10 minutes, the page, the new key and the switch all ask to confirm first."""
        token = await form_token(person.portal, REPLACE)
        await age_checks(person)
        expected = f"{CONFIRM}?next={REPLACE}"
        shown = await person.portal.client.get(REPLACE, allow_redirects=False)
        started = await post_form(person.portal, f"{REPLACE}/start", {}, token=token)
        switched = await post_form(person.portal, REPLACE, {"code": "123456"}, token=token)
        account_id = await person.portal.runtime.pool.fetchval(
            "SELECT account_id FROM sessions WHERE id_digest = $1", digest(session_id(person))
        )
        account = await person.portal.runtime.accounts.get(account_id)

        assert [(303, expected)] * 3 == [
            (r.status, r.headers["Location"]) for r in (shown, started, switched)
        ]
        assert account.pending_totp_secret is None

    async def test_page_explains_before_a_key_is_made(self, person: Person) -> None:
        """The first visit explains and offers a button; no key is made just by looking."""
        page = parse_page(await (await person.portal.client.get(REPLACE)).text())
        assert "Show my new key" in page.text
        assert not re.search(KEY, page.text)
