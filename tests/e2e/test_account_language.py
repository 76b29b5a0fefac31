"""A signed-in person's language is kept on their account and follows them to other browsers."""

import time

import pyotp

from immportal.domain.actor import Role
from immportal.projections.account_profiles import get_profile
from testkit.e2e_support import Portal, form_token, post_form
from testkit.signed_in_support import PASSWORD, browsers, open_account, people, sign_in_as


async def sign_in_again(browser: Portal, email: str, key: str) -> None:
    """Sign in once more with the app's next code: the current one was spent (no replay)."""
    token = await form_token(browser, "/sign-in")
    form = {"email": email, "password": PASSWORD, "next": ""}
    first = await post_form(browser, "/sign-in", form, token=token)
    assert 303 == first.status, await first.text()
    token = await form_token(browser, "/sign-in/code")
    code = pyotp.TOTP(key).at(time.time() + 30)
    second = await post_form(browser, "/sign-in/code", {"code": code}, token=token)
    assert 303 == second.status, await second.text()


class TestAccountLanguage:
    """The switch, signed in, records the choice; the next sign-in anywhere uses it."""

    async def test_choice_persists_across_sign_in(self, portal: Portal) -> None:
        """Chosen in one browser, Spanish greets the person after signing in in another."""
        account_id, email, key = await open_account(portal, Role.APPLICANT)
        async with browsers(portal) as open_browser:
            first = open_browser()
            await sign_in_as(first, email, PASSWORD, key)
            page = await (await first.client.get("/account")).text()
            assert 'action="/language/es"' in page  # the switch is a form when signed in
            token = await form_token(first, "/account")
            chosen = await post_form(first, "/language/es", {"next": "/account"}, token=token)
            assert (303, "/account") == (chosen.status, chosen.headers["Location"])
            after = await (await first.client.get("/account")).text()
            profile = await get_profile(portal.runtime.pool, account_id)

            # Another browser, which asks for English: the account's choice wins once signed in.
            second = open_browser()
            before = await (
                await second.client.get("/sign-in", headers={"Accept-Language": "en"})
            ).text()
            await sign_in_again(second, email, key)
            signed_in = await (
                await second.client.get("/account", headers={"Accept-Language": "en"})
            ).text()

        assert profile is not None
        assert "es" == profile.language
        assert '<html lang="es"' in after
        assert 'id="account-language"><span lang="es">Español</span>' in after
        assert '<html lang="en"' in before
        assert '<html lang="es"' in signed_in

    async def test_signed_out_link_sets_no_account_choice(self, portal: Portal) -> None:
        """The plain link (GET) only sets the browser's cookie; it never writes to an account."""
        async with people(portal) as sign_in:
            person = await sign_in(Role.APPLICANT)
            response = await person.portal.client.get(
                "/language/es", params={"next": "/account"}, allow_redirects=False
            )
            profile = await get_profile(portal.runtime.pool, person.account_id)
        assert 303 == response.status
        assert profile is not None
        assert profile.language is None

    async def test_post_needs_a_token(self, portal: Portal) -> None:
        """Another site cannot change someone's language: the form is CSRF-checked."""
        async with people(portal) as sign_in:
            person = await sign_in(Role.APPLICANT)
            response = await person.portal.client.post(
                "/language/es",
                data={"next": "/account"},
                headers={"Origin": "https://evil.example"},
                allow_redirects=False,
            )
            profile = await get_profile(portal.runtime.pool, person.account_id)
        assert 403 == response.status
        assert profile is not None
        assert profile.language is None
