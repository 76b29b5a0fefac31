"""End-to-end tests of the session cookie and the CSRF check (web.sessions, web.csrf)."""

import hashlib
from http.cookies import Morsel
from uuid import UUID

import pytest
from aiohttp import ClientResponse, ClientSession, DummyCookieJar, web
from aiohttp.test_utils import make_mocked_request
from pytest_aiohttp import AiohttpClient

from immportal.adapters.postgres.sessions import PostgresSessionStore as SessionStore
from immportal.app.web_app import create_app
from immportal.domain.actor import Role
from immportal.web.csrf import origin_of, same_origin
from immportal.web.policy import PUBLIC, allow
from immportal.web.sessions import COOKIE_NAME, SECURE_COOKIE_NAME, end_session, rotate_session
from testkit.e2e_support import (
    Portal,
    PortalOpener,
    accepted_case,
    count_events,
    form_token,
    new_applicant,
    parse_page,
    post_form,
    wait_until_projected,
)
from testkit.support import make_settings

REFUSED = "This form has expired or was sent from somewhere else."
ADDRESS = {
    "expected_version": "4",
    "line1": "7 Willow Street",
    "city": "Albany",
    "state": "NY",
    "postal_code": "12207",
}
SIGNED_IN_ACCOUNT = UUID("6f1c2a52-9d0e-4d7a-8a57-0c1f3e2b9a11")


@allow(PUBLIC)
async def sign_in(request: web.Request) -> web.Response:
    """Stand-in for the sign-in page: re-key the session for an account, then redirect."""
    await rotate_session(request, account_id=SIGNED_IN_ACCOUNT, role=Role.APPLICANT)
    raise web.HTTPSeeOther("/")


@allow(PUBLIC)
async def sign_out(request: web.Request) -> web.Response:
    """Stand-in for the sign-out button."""
    await end_session(request)
    raise web.HTTPSeeOther("/")


@pytest.fixture
async def signing_portal(database_url: str, aiohttp_client: AiohttpClient) -> Portal:
    """The application with stand-in sign-in and sign-out routes."""
    app = create_app(make_settings(database_url, dev=True))
    app.router.add_post("/test/sign-in", sign_in)
    app.router.add_post("/test/sign-out", sign_out)
    return Portal(await aiohttp_client(app))


async def ready_case(portal: Portal) -> str:
    """An accepted case (version 4) whose page shows it; the page's path."""
    case_id = await accepted_case(portal.runtime.cases, new_applicant())
    await wait_until_projected(portal.runtime, case_id, 4)
    return f"/dev/cases/{case_id}"


async def post_raw(
    portal: Portal, path: str, form: dict[str, str], headers: dict[str, str]
) -> ClientResponse:
    """Post exactly this form with exactly these headers, without following redirects."""
    return await portal.client.post(path, data=form, headers=headers, allow_redirects=False)


async def get_with_cookie(portal: Portal, path: str, cookie: str) -> ClientResponse:
    """Open a page from a browser that holds only this session cookie."""
    async with ClientSession(cookie_jar=DummyCookieJar()) as browser:
        response = await browser.get(
            portal.client.make_url(path), headers={"Cookie": f"{COOKIE_NAME}={cookie}"}
        )
        await response.read()
        return response


def session_cookie(response: ClientResponse, name: str = COOKIE_NAME) -> Morsel[str]:
    """The session cookie the response sets."""
    assert name in response.cookies, f"no {name} in {response.headers.getall('Set-Cookie', [])}"
    return response.cookies[name]


class TestRefusedWithoutProof:
    async def test_missing_token_is_refused_and_nothing_recorded(
        self, portal: Portal, database_url: str
    ) -> None:
        """A form posted without its token answers the 403 page and records no event."""
        path = await ready_case(portal)
        await form_token(portal, path)
        before = await count_events(database_url)

        response = await post_raw(portal, f"{path}/address", ADDRESS, {"Origin": portal.origin})

        assert 403 == response.status
        assert REFUSED in parse_page(await response.text()).text
        assert before == await count_events(database_url)
        assert "no-store" == response.headers["Cache-Control"]

    async def test_wrong_token_is_refused(self, portal: Portal, database_url: str) -> None:
        """A token that is not the session's answers 403."""
        path = await ready_case(portal)
        token = await form_token(portal, path)
        before = await count_events(database_url)

        secret, form_key = token.split(".")  # the session's token, then this form's own key
        wrong = f"{secret[:-2]}xx.{form_key}"
        response = await post_form(portal, f"{path}/address", ADDRESS, token=wrong)

        assert 403 == response.status
        assert before == await count_events(database_url)

    async def test_token_without_its_session_is_refused(self, portal: Portal) -> None:
        """A token copied from one browser does not work from another with no session."""
        path = await ready_case(portal)
        token = await form_token(portal, path)
        portal.client.session.cookie_jar.clear()

        response = await post_form(portal, f"{path}/address", ADDRESS, token=token)

        assert 403 == response.status

    @pytest.mark.parametrize(
        "headers",
        [
            {"Origin": "https://attacker.example"},
            {"Origin": "http://127.0.0.1:8081"},
            {"Origin": "null"},
            {"Referer": "https://attacker.example/forms"},
            {},
        ],
        ids=["foreign", "other-port", "null", "foreign-referer", "none"],
    )
    async def test_foreign_or_missing_origin_is_refused(
        self, portal: Portal, database_url: str, headers: dict[str, str]
    ) -> None:
        """The right token from another origin (or from nowhere) answers 403."""
        path = await ready_case(portal)
        token = await form_token(portal, path)
        before = await count_events(database_url)

        response = await post_raw(
            portal, f"{path}/address", {**ADDRESS, "csrf_token": token}, headers
        )

        assert 403 == response.status
        assert before == await count_events(database_url)


class TestAcceptedWithProof:
    async def test_token_and_origin_are_accepted(self, portal: Portal) -> None:
        """The page's token from the portal's own origin is accepted (303)."""
        path = await ready_case(portal)
        token = await form_token(portal, path)

        response = await post_form(portal, f"{path}/address", ADDRESS, token=token)

        assert (303, path) == (response.status, response.headers["Location"])

    async def test_referer_stands_in_for_a_missing_origin(self, portal: Portal) -> None:
        """Without Origin, a Referer on the portal's origin is enough."""
        path = await ready_case(portal)
        token = await form_token(portal, path)

        headers = {"Referer": f"{portal.origin}{path}"}
        response = await post_raw(
            portal, f"{path}/address", {**ADDRESS, "csrf_token": token}, headers
        )

        assert 303 == response.status

    async def test_loopback_alias_is_accepted_in_dev_mode(self, portal: Portal) -> None:
        """In dev mode a form sent from http://localhost:8080 counts as 127.0.0.1:8080."""
        path = await ready_case(portal)
        token = await form_token(portal, path)

        response = await post_raw(
            portal,
            f"{path}/address",
            {**ADDRESS, "csrf_token": token},
            {"Origin": "http://localhost:8080"},
        )

        assert 303 == response.status

    @pytest.mark.parametrize(
        ("origin", "dev", "expected"),
        [
            ("http://localhost:8080", True, True),
            ("http://localhost:8080", False, False),
            ("http://localhost:9090", True, False),
            ("https://localhost:8080", True, False),
            ("http://evil.example:8080", True, False),
        ],
    )
    def test_loopback_rule(self, origin: str, dev: bool, expected: bool) -> None:
        """Only loopback names on the same scheme and port, and only in dev mode."""
        request = make_mocked_request("POST", "/", headers={"Origin": origin})
        assert expected == same_origin(request, origin_of("http://127.0.0.1:8080"), dev=dev)

    async def test_token_in_a_header(self, portal: Portal) -> None:
        """Scripts may send the token in X-CSRF-Token instead of the form."""
        path = await ready_case(portal)
        token = await form_token(portal, path)

        headers = {"Origin": portal.origin, "X-CSRF-Token": token}
        response = await post_raw(portal, f"{path}/address", ADDRESS, headers)

        assert 303 == response.status

    async def test_conflict_page_form_can_be_sent_again(self, portal: Portal) -> None:
        """The 409 page's "Submit again" form carries the token, so resubmitting works."""
        path = await ready_case(portal)
        await post_form(portal, f"{path}/address", ADDRESS, token=await form_token(portal, path))

        # The same stale version from a second copy of the form (the same copy sent twice
        # would be its first outcome again: web/idempotency.py).
        moved_again = {**ADDRESS, "line1": "9 Willow Street"}  # a real change, on a stale version
        conflict = await post_form(
            portal, f"{path}/address", moved_again, token=await form_token(portal, path)
        )
        resent = parse_page(await conflict.text()).inputs
        again = await post_raw(portal, f"{path}/address", resent, {"Origin": portal.origin})

        assert (409, 303) == (conflict.status, again.status)


class TestCookie:
    async def test_flags_over_http(self, portal: Portal) -> None:
        """Over HTTP the cookie is immportal_session: HttpOnly, SameSite=Lax, Path=/."""
        response = await portal.client.get(await ready_case(portal))

        cookie = session_cookie(response)
        flags = (cookie["httponly"], cookie["samesite"], cookie["path"], cookie["secure"])
        assert (True, "Lax", "/", "") == flags

    async def test_flags_over_https(self, open_portal: PortalOpener) -> None:
        """With an https public URL the cookie is __Host- prefixed and Secure."""
        portal = await open_portal(dev=True, public_url="https://portal.example")

        response = await portal.client.get(await ready_case(portal))

        cookie = session_cookie(response, SECURE_COOKIE_NAME)
        flags = (cookie["httponly"], cookie["samesite"], cookie["path"], cookie["secure"])
        assert (True, "Lax", "/", True) == flags
        assert COOKIE_NAME not in response.cookies

    async def test_cookie_holds_only_the_opaque_id(self, portal: Portal) -> None:
        """The cookie's value is the id whose digest keys the session, not its token or data."""
        path = await ready_case(portal)
        response = await portal.client.get(path)
        token = parse_page(await response.text()).inputs["csrf_token"]

        value = session_cookie(response).value

        digests = await portal.runtime.pool.fetch("SELECT id_digest FROM sessions")
        assert [hashlib.sha256(value.encode()).digest()] == [r["id_digest"] for r in digests]
        assert (43, False) == (len(value), token in value)

    async def test_pages_without_forms_start_no_session(self, portal: Portal) -> None:
        """Reading the home page, the case list and assets sets no cookie and stores nothing."""
        responses = [
            await portal.client.get(p) for p in ("/", "/dev/cases", "/static/css/site.css")
        ]

        assert [(200, False)] * 3 == [(r.status, "Set-Cookie" in r.headers) for r in responses]
        assert 0 == await portal.runtime.pool.fetchval("SELECT count(*) FROM sessions")

    async def test_unknown_cookie_is_cleared(self, portal: Portal) -> None:
        """A cookie naming no live session is treated as none, and cleared."""
        response = await get_with_cookie(portal, "/", "made-up-or-expired")

        cookie = session_cookie(response)
        assert (200, "", "0") == (response.status, cookie.value, cookie["max-age"])

    async def test_unknown_cookie_is_replaced_on_a_form_page(self, portal: Portal) -> None:
        """A page with a form, opened with a dead cookie, starts a new session."""
        path = await ready_case(portal)

        response = await get_with_cookie(portal, path, "made-up-or-expired")

        value = session_cookie(response).value
        assert await SessionStore(portal.runtime.pool).load(value) is not None


class TestRotation:
    async def test_sign_in_gives_a_new_id(self, signing_portal: Portal) -> None:
        """Signing in re-keys the session: a new cookie id and CSRF token, the old id dead."""
        portal = signing_portal
        path = await ready_case(portal)
        opened = await portal.client.get(path)
        old_id = session_cookie(opened).value
        token = parse_page(await opened.text()).inputs["csrf_token"]

        response = await post_form(portal, "/test/sign-in", {}, token=token)

        new_id = session_cookie(response).value
        store = SessionStore(portal.runtime.pool)
        signed_in = await store.load(new_id)
        assert 303 == response.status
        assert old_id != new_id
        assert None is await store.load(old_id)
        assert signed_in is not None
        secret = token.split(".")[0]  # each form's copy adds its own key after the token
        assert (SIGNED_IN_ACCOUNT, Role.APPLICANT) == (signed_in.account_id, signed_in.role)
        # A privilege change gets a fresh token: one read before signing in is no use after.
        assert secret != signed_in.csrf_token
        assert signed_in.csrf_token == (await form_token(portal, path)).split(".")[0]

    async def test_sign_out_ends_the_session(self, signing_portal: Portal) -> None:
        """Signing out revokes the session and clears the cookie."""
        portal = signing_portal
        path = await ready_case(portal)
        token = await form_token(portal, path)
        signed_in = session_cookie(await post_form(portal, "/test/sign-in", {}, token=token))

        response = await post_form(
            portal, "/test/sign-out", {}, token=await form_token(portal, path)
        )

        assert (303, "") == (response.status, session_cookie(response).value)
        assert None is await SessionStore(portal.runtime.pool).load(signed_in.value)
        assert [] == await SessionStore(portal.runtime.pool).list_for_account(SIGNED_IN_ACCOUNT)
