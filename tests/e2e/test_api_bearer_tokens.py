"""Personal access tokens: made on the account page, used as `Authorization: Bearer`."""

import re
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from aiohttp import ClientResponse
from aiohttp.test_utils import TestClient

from immportal.domain.actor import Role
from immportal.services.identity import access_tokens
from immportal.web.portal import PORTAL
from testkit.api_support import csrf_token, problem
from testkit.e2e_support import Portal, PortalOpener, form_token, parse_page, post_form
from testkit.mail_support import mail_arrives
from testkit.signed_in_support import Person, people

SECRET = re.compile(r'<code id="new-token">(imp_[A-Za-z0-9_-]+)</code>')
START = {"form_type": "I-765", "idempotency_key": "bearer-key-00000001"}
READ = {"scope_cases:read": "on"}
READ_AND_CHANGE = {"scope_cases:read": "on", "scope_cases:write": "on"}


@pytest.fixture
async def site(open_portal: PortalOpener, tmp_path: Path) -> Portal:
    """The portal in dev mode, mailing into a mailbox in this test's folder."""
    return await open_portal(dev=True, data_dir=tmp_path)


@pytest.fixture
async def applicant(site: Portal) -> AsyncIterator[Person]:
    """A signed-in applicant."""
    async with people(site) as sign_in:
        yield await sign_in(Role.APPLICANT)


@pytest.fixture
async def program(site: Portal) -> AsyncIterator[TestClient]:  # type: ignore[type-arg]
    """A program's HTTP client: no cookies of any browser."""
    client: TestClient = TestClient(site.client.server)  # type: ignore[type-arg]
    await client.start_server()
    yield client
    await client.session.close()


async def make_token(person: Person, name: str, scopes: dict[str, str], days: str = "30") -> str:
    """Make a token on the account page; the secret the page shows once."""
    token = await form_token(person.portal, "/account/tokens")
    form = {"name": name, "days": days, **scopes}
    response = await post_form(person.portal, "/account/tokens", form, token=token)
    html = await response.text()
    assert 200 == response.status, html
    found = SECRET.search(html)
    assert found is not None, html
    return found.group(1)


def bearer(secret: str) -> dict[str, str]:
    """The header a program sends."""
    return {"Authorization": f"Bearer {secret}"}


async def start_application(client: TestClient, secret: str) -> ClientResponse:  # type: ignore[type-arg]
    """POST /api/v1/applications with the token only: no Origin, no CSRF token, no cookie."""
    return await client.post("/api/v1/applications", json=START, headers=bearer(secret))


class TestUse:
    """A live token acts as its holder, within its scopes, without CSRF."""

    async def test_reads_and_changes_without_csrf(
        self,
        applicant: Person,
        program: TestClient,  # type: ignore[type-arg]
    ) -> None:
        """The session says who; a change needs neither Origin nor CSRF token."""
        secret = await make_token(applicant, "Case software", READ_AND_CHANGE)
        response = await program.get("/api/v1/session", headers=bearer(secret))
        assert 200 == response.status, await response.text()
        assert str(applicant.account_id) == (await response.json())["account_id"]
        started = await start_application(program, secret)
        assert 201 == started.status, await started.text()
        cases = await program.get("/api/v1/cases", headers=bearer(secret))
        assert 200 == cases.status
        assert "set-cookie" not in {name.lower() for name in cases.headers}

    async def test_scopes_deny_by_default(
        self,
        applicant: Person,
        program: TestClient,  # type: ignore[type-arg]
    ) -> None:
        """A read-only token reads, and is refused a change with an insufficient-scope 403."""
        secret = await make_token(applicant, "Reader", READ)
        assert 200 == (await program.get("/api/v1/cases", headers=bearer(secret))).status
        body = await problem(await start_application(program, secret), 403)
        assert body["type"].endswith("insufficient-scope")

    async def test_the_page_lists_it_with_last_use_and_history(
        self,
        applicant: Person,
        program: TestClient,  # type: ignore[type-arg]
    ) -> None:
        """Listed by name with a last use; the security page shows it was made."""
        secret = await make_token(applicant, "Listed program", READ)
        await program.get("/api/v1/cases", headers=bearer(secret))
        page = parse_page(await (await applicant.portal.client.get("/account/tokens")).text())
        assert "Listed program" in page.text
        assert "Never" not in page.text
        assert secret not in page.text  # shown once only
        history = await (await applicant.portal.client.get("/account/security")).text()
        assert "Token for programs made" in history


class TestRefusals:
    """Unknown, revoked, expired, mixed and too frequent requests are refused as problems."""

    async def test_unknown_and_malformed(self, program: TestClient) -> None:  # type: ignore[type-arg]
        """401 with both schemes in WWW-Authenticate."""
        for header in ("Bearer imp_" + "x" * 43, "Bearer", "Basic dXNlcjpwYXNz"):
            response = await program.get("/api/v1/cases", headers={"Authorization": header})
            body = await problem(response, 401)
            assert body["type"].endswith("invalid-token")
            assert "Bearer" in response.headers["WWW-Authenticate"]

    async def test_revoked(self, applicant: Person, program: TestClient) -> None:  # type: ignore[type-arg]
        """Revoking on the page ends the token at once."""
        secret = await make_token(applicant, "To revoke", READ)
        tokens = await applicant.portal.client.app[PORTAL].access_tokens.of_account(
            applicant.account_id
        )
        form = {"token_id": str(tokens[0].id)}
        token = await form_token(applicant.portal, "/account/tokens")
        response = await post_form(applicant.portal, "/account/tokens/revoke", form, token=token)
        assert 303 == response.status
        await problem(await program.get("/api/v1/cases", headers=bearer(secret)), 401)
        history = await (await applicant.portal.client.get("/account/security")).text()
        assert "Token for programs revoked" in history

    async def test_expired(self, applicant: Person, program: TestClient) -> None:  # type: ignore[type-arg]
        """A token past its expiry is refused."""
        services = applicant.portal.client.app[PORTAL]
        secret, _ = await services.access_tokens.create(
            account_id=applicant.account_id,
            role=Role.APPLICANT,
            name="Old",
            scopes=["cases:read"],
            days=1,
            now=datetime.now(UTC) - timedelta(days=2),
            network=None,
        )
        await problem(await program.get("/api/v1/cases", headers=bearer(secret)), 401)

    async def test_cookie_and_bearer_never_mixed(self, applicant: Person) -> None:
        """A browser's session cookie with a bearer token: 400, whatever either would allow."""
        secret = await make_token(applicant, "Mixed", READ_AND_CHANGE)
        client = applicant.portal.client
        body = await problem(await client.get("/api/v1/cases", headers=bearer(secret)), 400)
        assert body["type"].endswith("mixed-credentials")
        token = await csrf_token(applicant.portal)
        headers = {**bearer(secret), "Origin": applicant.portal.origin, "X-CSRF-Token": token}
        response = await client.post("/api/v1/applications", json=START, headers=headers)
        await problem(response, 400)

    async def test_rate_limited(
        self,
        applicant: Person,
        program: TestClient,  # type: ignore[type-arg]
        monkeypatch: pytest.MonkeyPatch,
    ) -> None:
        """Past the per-minute limit a token gets 429 with Retry-After."""
        monkeypatch.setattr(access_tokens, "REQUESTS_PER_MINUTE", 3)
        secret = await make_token(applicant, "Busy", READ)
        statuses = [
            (await program.get("/api/v1/cases", headers=bearer(secret))).status for _ in range(4)
        ]
        assert [200, 200, 200, 429] == statuses
        response = await program.get("/api/v1/cases", headers=bearer(secret))
        await problem(response, 429)
        assert "60" == response.headers["Retry-After"]

    async def test_staff_cannot_make_tokens(self, site: Portal) -> None:
        """The page is for applicants and representatives only: staff find nothing there."""
        async with people(site) as sign_in:
            officer = await sign_in(Role.OFFICER)
            response = await officer.portal.client.get("/account/tokens", allow_redirects=False)
            assert 404 == response.status  # as for any page not meant for the role


class TestSecurityEmails:
    """Making a token, and using one from a network it was not made from, are emailed."""

    async def test_made_and_new_network(
        self,
        applicant: Person,
        program: TestClient,
        tmp_path: Path,  # type: ignore[type-arg]
    ) -> None:
        """Two emails to the holder; the token itself never appears in them."""
        secret = await make_token(applicant, "Mailed", READ)
        made = await mail_arrives(
            tmp_path / "mailbox", "A token for programs was made", to=applicant.email
        )
        services = applicant.portal.client.app[PORTAL]
        other, _ = await services.access_tokens.create(
            account_id=applicant.account_id,
            role=Role.APPLICANT,
            name="From elsewhere",
            scopes=["cases:read"],
            days=30,
            now=datetime.now(UTC),
            network=None,  # as if made from a network the requests below do not come from
        )
        assert 200 == (await program.get("/api/v1/cases", headers=bearer(other))).status
        used = await mail_arrives(
            tmp_path / "mailbox",
            "A token for programs was used from a new network",
            to=applicant.email,
        )
        assert all(secret not in mail.text and other not in mail.text for mail in made + used)


async def test_unknown_method_is_405_before_any_csrf_check(site: Portal) -> None:
    """A method no route takes answers 405 with Allow, not a CSRF refusal."""
    response = await site.client.request("QUERY", "/api/v1/transparency/checkpoint")
    await problem(response, 405)
    assert "GET" in response.headers["Allow"]
