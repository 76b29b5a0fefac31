"""End-to-end tests of HSTS, wrong codes against the network limit, and trusted proxies."""

from pathlib import Path
from uuid import uuid4

import pytest
from test_identity_sign_in import PASSWORD, Person

from immportal.adapters.postgres import sign_in_limits
from immportal.domain.identity.errors import WRONG_CODE
from immportal.web.middlewares import HSTS
from testkit.e2e_support import Portal, PortalOpener, form_token, parse_page

WRONG = "not the right password at all"


@pytest.fixture
async def site(open_portal: PortalOpener, tmp_path: Path) -> Portal:
    """The portal in dev mode, mailing into a mailbox in this test's folder."""
    return await open_portal(dev=True, data_dir=tmp_path)


@pytest.fixture
def person(site: Portal, tmp_path: Path) -> Person:
    """Someone with an address no other test uses."""
    return Person(site, tmp_path / "mailbox", f"ana.{uuid4().hex[:10]}@example.com")


async def failures_by_network(portal: Portal) -> dict[str, int]:
    """The wrong codes counted per network in the current windows."""
    rows = await portal.runtime.pool.fetch("SELECT network, failures FROM sign_in_failures")
    return {str(row["network"]): row["failures"] for row in rows}


async def wrong_passwords_by_network(portal: Portal) -> dict[str, int]:
    """The wrong passwords counted per network, over every address typed."""
    rows = await portal.runtime.pool.fetch(
        "SELECT network, sum(failures) AS failures FROM password_guesses GROUP BY network"
    )
    return {str(row["network"]): row["failures"] for row in rows}


async def sign_in_from(portal: Portal, email: str, forwarded_for: str) -> int:
    """Send the sign-in form with an X-Forwarded-For header; the answer's status."""
    token = await form_token(portal, "/sign-in")
    response = await portal.client.post(
        "/sign-in",
        data={"email": email, "password": WRONG, "csrf_token": token},
        headers={"Origin": portal.origin, "X-Forwarded-For": forwarded_for},
        allow_redirects=False,
    )
    return response.status


class TestStrictTransportSecurity:
    """HSTS is sent on every response when the portal is reached over HTTPS, never over HTTP."""

    async def test_sent_over_https(self, open_portal: PortalOpener, tmp_path: Path) -> None:
        """Pages, redirects and errors all carry the header when the public URL is https."""
        portal = await open_portal(public_url="https://portal.example", data_dir=tmp_path)
        answers = [
            await portal.client.get(path, allow_redirects=False)
            for path in ("/", "/healthz", "/account", "/no-such-page")
        ]
        assert [(200, HSTS), (200, HSTS), (303, HSTS), (404, HSTS)] == [
            (r.status, r.headers.get("Strict-Transport-Security")) for r in answers
        ]
        assert "max-age=31536000; includeSubDomains" == HSTS

    async def test_absent_over_http(self, site: Portal) -> None:
        """Over plain HTTP the header would only mislead, so it is not sent."""
        answers = [await site.client.get(p, allow_redirects=False) for p in ("/", "/account")]
        assert [None, None] == [r.headers.get("Strict-Transport-Security") for r in answers]


class TestWrongCodesCount:
    """Wrong security codes count towards the per-network limit of the code step."""

    async def test_wrong_codes_block_the_network(
        self, person: Person, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """After the network's failures the right code is refused; others' passwords are not."""
        monkeypatch.setattr(sign_in_limits, "FAILURES_PER_WINDOW", 3)
        await person.signed_up()
        await person.sign_out()
        await person.sign_in()
        wrong = [(await person.enter_code("000000")).status for _ in range(3)]
        counted = await failures_by_network(person.portal)

        refused = await person.enter_code(person.code(steps_ahead=1))
        other = Person(person.portal, person.mailbox, f"bo.{uuid4().hex[:10]}@example.com")
        await other.create_account()
        password_refused = await other.sign_in()

        assert [422] * 3 == wrong
        assert {"127.0.0.0/24": 3} == counted
        assert (422, [WRONG_CODE]) == (
            refused.status,
            parse_page(await refused.text()).error_summary,
        )
        # Wrong codes for one account do not stop the network's other people signing in.
        assert (303, "/account/authenticator") == (
            password_refused.status,
            password_refused.headers["Location"],
        )

    async def test_right_code_below_the_limit(
        self, person: Person, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """Fewer failures than the limit leave the right code working."""
        monkeypatch.setattr(sign_in_limits, "FAILURES_PER_WINDOW", 3)
        await person.signed_up()
        await person.sign_out()
        await person.sign_in()
        await person.enter_code("000000")

        accepted = await person.enter_code(person.code(steps_ahead=1))

        assert (303, "/cases") == (accepted.status, accepted.headers["Location"])


class TestTrustedProxies:
    """The client address behind a trusted proxy comes from X-Forwarded-For, else the peer."""

    async def test_header_believed_from_a_trusted_proxy(
        self, open_portal: PortalOpener, tmp_path: Path
    ) -> None:
        """Failures are counted against the forwarded client's network, not the proxy's."""
        portal = await open_portal(dev=True, data_dir=tmp_path, trusted_proxies="127.0.0.1")
        email = f"nobody.{uuid4().hex[:8]}@example.com"
        await sign_in_from(portal, email, "6.6.6.6, 198.51.100.23")
        await sign_in_from(portal, email, "2001:db8:1:2::7")

        assert {"198.51.100.0/24": 1, "2001:db8:1::/48": 1} == await wrong_passwords_by_network(
            portal
        )

    async def test_header_ignored_from_an_untrusted_peer(self, site: Portal) -> None:
        """By default nobody is a trusted proxy: a spoofed header changes nothing."""
        email = f"nobody.{uuid4().hex[:8]}@example.com"
        await sign_in_from(site, email, "198.51.100.23")

        assert {"127.0.0.0/24": 1} == await wrong_passwords_by_network(site)

    async def test_sessions_page_place_from_the_proxy_header(
        self, open_portal: PortalOpener, tmp_path: Path
    ) -> None:
        """A session started behind a trusted proxy records the forwarded client's network."""
        portal = await open_portal(dev=True, data_dir=tmp_path, trusted_proxies="127.0.0.0/8")
        response = await portal.client.get("/sign-in", headers={"X-Forwarded-For": "192.0.2.44"})
        assert 200 == response.status
        places = await portal.runtime.pool.fetch("SELECT approximate_place FROM sessions")

        assert ["192.0.2.0/24"] == [str(row["approximate_place"]) for row in places]


class TestPasswordStepCounts:
    """The password step counts wrong passwords per network and address (the control case)."""

    async def test_wrong_password_counted(self, person: Person) -> None:
        """One wrong password is one failure; the right one then starts the address afresh."""
        await person.create_account()
        await person.sign_in(WRONG)
        counted = await wrong_passwords_by_network(person.portal)
        await person.sign_in(PASSWORD)
        assert ({"127.0.0.0/24": 1}, {}) == (
            counted,
            await wrong_passwords_by_network(person.portal),
        )
