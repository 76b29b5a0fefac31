"""End-to-end tests of the sessions and security pages (web.identity.sessions_page, .security)."""

import re
from collections.abc import AsyncIterator
from pathlib import Path
from uuid import uuid4

import pytest
from aiohttp import web
from aiohttp.test_utils import TestClient
from test_identity_sign_in import Person
from yarl import URL

from immportal.web.identity.sessions_page import browser_label
from testkit.e2e_support import Portal, PortalOpener, form_token, parse_page, post_form
from testkit.mail_support import mail_arrives

FIREFOX_ON_LINUX = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"
SESSION_REF = re.compile(r'name="session" value="([0-9a-f]{64})"')
VERSION = re.compile(r'name="version" value="(\d+)"')


@pytest.fixture
async def site(open_portal: PortalOpener, tmp_path: Path) -> Portal:
    """The portal in dev mode, mailing into a mailbox in this test's folder."""
    return await open_portal(dev=True, data_dir=tmp_path)


@pytest.fixture
async def person(site: Portal, tmp_path: Path) -> Person:
    """Someone signed up and signed in, with an address no other test uses."""
    someone = Person(site, tmp_path / "mailbox", f"ana.{uuid4().hex[:10]}@example.com")
    await someone.signed_up()
    return someone


@pytest.fixture
async def elsewhere(person: Person) -> AsyncIterator[Person]:
    """The same person in a second browser (Firefox on Linux), signed in there too."""
    server = person.portal.client.server
    client: TestClient[web.Request, web.Application] = TestClient(
        server, headers={"User-Agent": FIREFOX_ON_LINUX}
    )
    await client.start_server()  # the server already runs: this only opens the client
    other = Person(Portal(client), person.mailbox, person.email, person.secret)
    await other.sign_in()
    await other.enter_code(other.code(steps_ahead=1))
    yield other
    await client.session.close()  # not client.close(): that would stop the shared server


async def sessions_html(person: Person) -> str:
    """The sessions page as the person sees it."""
    return await (await person.portal.client.get("/account/sessions")).text()


async def signed_in(person: Person) -> bool:
    """Whether the account page opens for the person (rather than sending them to sign in)."""
    response = await person.portal.client.get("/account", allow_redirects=False)
    return response.status == 200


class TestSessionsPage:
    async def test_lists_both_browsers(self, person: Person, elsewhere: Person) -> None:
        """Signed in from two browsers, the page lists both and marks this device."""
        page = parse_page(await sessions_html(person))

        assert 2 == page.text.count("Last seen")
        assert 1 == page.text.count("This device")
        assert "Firefox on Linux" in page.text

    async def test_signing_out_the_other_ends_it(self, person: Person, elsewhere: Person) -> None:
        """ "Sign out" on the other session sends that browser to sign in; this one stays."""
        html = await sessions_html(person)
        refs = SESSION_REF.findall(html)
        token = parse_page(html).inputs["csrf_token"]

        done = await post_form(
            person.portal, "/account/sessions/sign-out", {"session": refs[0]}, token=token
        )
        other = await elsewhere.portal.client.get("/account", allow_redirects=False)

        assert 1 == len(refs)
        assert "/account/sessions?done=signed-out-one" == done.headers["Location"]
        assert (303, "/sign-in") == (other.status, URL(other.headers["Location"]).path)
        assert await signed_in(person)
        assert 1 == parse_page(await sessions_html(person)).text.count("Last seen")

    async def test_another_accounts_session_is_left_alone(
        self, person: Person, elsewhere: Person, site: Portal, tmp_path: Path
    ) -> None:
        """A session reference of another account ends nothing."""
        stranger = Person(site, tmp_path / "mailbox", f"bo.{uuid4().hex[:10]}@example.com")
        html = await sessions_html(person)
        ref = SESSION_REF.findall(html)[0]
        stranger_client = TestClient(site.client.server)
        await stranger_client.start_server()
        stranger.portal = Portal(stranger_client)
        await stranger.signed_up()
        token = await form_token(stranger.portal, "/account/sessions")

        await post_form(
            stranger.portal, "/account/sessions/sign-out", {"session": ref}, token=token
        )
        await stranger_client.session.close()

        assert await signed_in(elsewhere)


class TestSecurityPage:
    async def test_shows_sign_ins_and_failures(self, person: Person) -> None:
        """A sign-in and a failed attempt appear, newest first, in plain words."""
        await person.sign_out()
        await person.sign_in("not the right password at all")
        await person.sign_in()
        await person.enter_code(person.code(steps_ahead=1))

        response = await person.portal.client.get("/account/security")
        text = parse_page(await response.text()).text

        assert 200 == response.status
        assert text.index("Failed sign-in Wrong password") < text.index("Account created")
        assert text.index("Signed in") < text.index("Failed sign-in")
        assert "Authenticator app set up" in text
        assert text.count("This wasn\u2019t me") >= 5

    async def test_wasnt_me_signs_out_everywhere_and_mails_a_reset_link(
        self, person: Person, elsewhere: Person
    ) -> None:
        """ "This wasn't me" ends every session, this one too, and emails a reset link."""
        html = await (await person.portal.client.get("/account/security")).text()
        version = VERSION.findall(html)[0]
        # The second browser's sign-in is emailed a moment later: count from after it.
        await mail_arrives(person.mailbox, "New sign-in to your account", to=person.email)
        before = len(await person.mails())

        response = await post_form(
            person.portal,
            "/account/security/wasnt-me",
            {"version": version},
            token=parse_page(html).inputs["csrf_token"],
        )
        done = await person.portal.client.get(response.headers["Location"])
        await person.portal.runtime.after_response.drain()  # the link is mailed after the answer
        mails = await person.mails()

        assert "/account/security/wasnt-me/done" == response.headers["Location"]
        assert "We signed you out everywhere" in parse_page(await done.text()).text
        assert (False, False) == (await signed_in(person), await signed_in(elsewhere))
        assert before + 1 == len(mails)
        assert "/account/reset?token=" in mails[0]

    async def test_unknown_version_is_refused(self, person: Person) -> None:
        """A version the account never had ends nothing."""
        token = await form_token(person.portal, "/account/security")

        response = await post_form(
            person.portal, "/account/security/wasnt-me", {"version": "9999"}, token=token
        )

        assert 404 == response.status
        assert await signed_in(person)

    async def test_missing_csrf_token_is_refused(self, person: Person) -> None:
        """ "This wasn't me" without the form's token answers 403 and ends nothing."""
        response = await person.portal.client.post(
            "/account/security/wasnt-me",
            data={"version": "1"},
            headers={"Origin": person.portal.origin},
            allow_redirects=False,
        )

        assert 403 == response.status
        assert await signed_in(person)


class TestIdleWarning:
    async def test_stay_signed_in_answers_no_content(self, person: Person) -> None:
        """A signed-in page's script may keep the session going with its token in a header."""
        token = await form_token(person.portal, "/account")

        response = await person.portal.client.post(
            "/account/stay-signed-in",
            headers={"Origin": person.portal.origin, "X-CSRF-Token": token},
        )

        assert 204 == response.status

    async def test_stay_signed_in_needs_a_signed_in_session(self, site: Portal) -> None:
        """A visitor who has not signed in gets 404, not a longer session."""
        token = await form_token(site, "/sign-in")

        response = await site.client.post(
            "/account/stay-signed-in",
            headers={"Origin": site.origin, "X-CSRF-Token": token},
            allow_redirects=False,
        )

        assert 404 == response.status

    async def test_applicant_pages_carry_thirty_minutes(self, person: Person) -> None:
        """An applicant's pages hold the 1800-second limit and the account page says so."""
        html = await (await person.portal.client.get("/account")).text()

        assert ["1800"] == re.findall(r'data-idle-seconds="(\d+)"', html)
        assert "we sign you out after 30 minutes" in parse_page(html).text

    async def test_signed_out_pages_carry_no_warning(self, site: Portal) -> None:
        """The sign-in page has no timeout warning and no warning script."""
        html = await (await site.client.get("/sign-in")).text()

        assert ("idle-warning" in html, "data-idle-seconds" in html) == (False, False)


class TestBrowserLabel:
    @pytest.mark.parametrize(
        ("user_agent", "expected"),
        [
            (FIREFOX_ON_LINUX, "Firefox on Linux"),
            (
                "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36"
                " (KHTML, like Gecko) Chrome/126.0 Safari/537.36",
                "Chrome on Windows",
            ),
            (
                "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36"
                " (KHTML, like Gecko) Chrome/126.0 Safari/537.36 Edg/126.0",
                "Edge on Windows",
            ),
            (
                "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15"
                " (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1",
                "Safari on iPhone",
            ),
            ("Python/3.12 aiohttp/3.10", "An unknown browser"),
        ],
    )
    def test_short_names(self, user_agent: str, expected: str) -> None:
        """Common user agents read as a browser and a system in a few words."""
        assert expected == browser_label(user_agent)
