"""A fresh CSRF token at each change of privilege: sign-in, second factor, sign-out, re-auth.

The security probe found the anonymous session's token carried across the sign-in
rotation: a token seen before signing in (a shared computer, a page's source) still
worked for the signed-in account afterwards.
"""

from pathlib import Path
from uuid import uuid4

import pytest
from test_identity_sign_in import PASSWORD, Person

from immportal.web.identity.reauth import CONFIRM_PATH
from testkit.e2e_support import Portal, PortalOpener, form_token, post_form


@pytest.fixture
async def site(open_portal: PortalOpener, tmp_path: Path) -> Portal:
    """The portal in dev mode, mailing into a mailbox in this test's folder."""
    return await open_portal(dev=True, data_dir=tmp_path)


@pytest.fixture
async def signed_up(site: Portal, tmp_path: Path) -> tuple[Person, list[str]]:
    """Someone with an authenticator set up, signed out again, and their recovery codes."""
    someone = Person(site, tmp_path / "mailbox", f"ana.{uuid4().hex[:10]}@example.com")
    codes = await someone.signed_up()
    await someone.sign_out()
    return someone, codes


@pytest.fixture
def person(signed_up: tuple[Person, list[str]]) -> Person:
    """Someone with an authenticator set up, signed out again."""
    return signed_up[0]


class TestFreshTokens:
    """Each step of privilege gets a token of its own; the one before stops working."""

    async def test_sign_in_and_code_and_sign_out(self, person: Person) -> None:
        """Anonymous, password checked, fully signed in and signed out: four tokens."""
        portal = person.portal
        anonymous = await form_token(portal, "/sign-in")
        await person.sign_in()
        after_password = await form_token(portal, "/sign-in/code")
        await person.enter_code(person.code(steps_ahead=1))
        signed_in = await form_token(portal, "/account")
        await person.sign_out()
        signed_out = await form_token(portal, "/sign-in")

        assert 4 == len({anonymous, after_password, signed_in, signed_out})

    async def test_token_from_before_sign_in_is_refused_after(self, person: Person) -> None:
        """A form posted with the anonymous token after signing in is refused (403)."""
        portal = person.portal
        anonymous = await form_token(portal, "/sign-in")
        await person.sign_in()
        await person.enter_code(person.code(steps_ahead=1))

        stale = await post_form(portal, "/sign-out", {}, token=anonymous)
        still_in = await portal.client.get("/account", allow_redirects=False)

        assert (403, 200) == (stale.status, still_in.status)

    async def test_confirming_it_is_you_replaces_the_token(
        self, signed_up: tuple[Person, list[str]]
    ) -> None:
        """Re-authentication changes the token; the earlier one no longer works."""
        person, recovery_codes = signed_up
        portal = person.portal
        await person.sign_in()
        # A recovery code here leaves the app's next code unused for the confirmation.
        await person.enter_code(recovery_codes[0])
        before = await form_token(portal, CONFIRM_PATH)
        form = {"password": PASSWORD, "code": person.code(steps_ahead=1)}
        confirmed = await post_form(portal, CONFIRM_PATH, form, token=before)
        after = await form_token(portal, "/account")
        stale = await post_form(portal, "/sign-out", {}, token=before)

        assert (303, True, 403) == (confirmed.status, before != after, stale.status)
