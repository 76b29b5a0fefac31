"""The JSON API's refusals: sign-in, CSRF header and Origin, stale versions, bad bodies."""

from collections.abc import AsyncIterator
from uuid import UUID

import pytest

from immportal.domain.actor import Role
from testkit.api_support import csrf_token, problem, read, send
from testkit.e2e_support import Portal, accepted_case, count_events, wait_until_projected
from testkit.signed_in_support import Person, people

START = {"form_type": "I-765", "idempotency_key": "refusals-key-000000001"}
ADDRESS = {"line1": "8 Quay Road", "city": "Salem", "state": "MA", "postal_code": "01970"}


@pytest.fixture
async def applicant(portal: Portal) -> AsyncIterator[Person]:
    """A signed-in applicant."""
    async with people(portal) as sign_in:
        yield await sign_in(Role.APPLICANT)


async def own_case(person: Person) -> UUID:
    """An accepted case of the person's, projected."""
    case_id = await accepted_case(person.portal.runtime.cases, person.actor)
    await wait_until_projected(person.portal.runtime, case_id, 4)
    return case_id


class TestSignInRequired:
    """Without a signed-in session the API says 401, never redirects to the sign-in page."""

    @pytest.mark.parametrize(
        ("method", "path"),
        [
            ("GET", "/api/v1/session"),
            ("GET", "/api/v1/cases"),
            ("GET", "/api/v1/cases/8d1f0b5e-8b8c-4b0a-9d51-0a3f9c1e2d47"),
            ("POST", "/api/v1/applications"),
            ("PUT", "/api/v1/cases/8d1f0b5e-8b8c-4b0a-9d51-0a3f9c1e2d47/application/pages/name"),
        ],
    )
    async def test_no_session(self, portal: Portal, method: str, path: str) -> None:
        """Each answers a 401 problem with a WWW-Authenticate header."""
        response = await portal.client.request(
            method, path, json={}, headers={"Origin": portal.origin}, allow_redirects=False
        )
        body = await problem(response, 401)
        assert "urn:immportal:problem:sign-in-required" == body["type"]
        assert "WWW-Authenticate" in response.headers

    async def test_the_document_is_public(self, portal: Portal) -> None:
        """The OpenAPI document needs no session."""
        response = await portal.client.get("/api/v1/openapi.json")
        assert (200, "3.1.0") == (response.status, (await response.json())["openapi"])


class TestCsrf:
    """A change needs the session's token in X-CSRF-Token and the portal's Origin."""

    async def test_missing_wrong_or_form_token_and_other_origin(
        self, applicant: Person, database_url: str
    ) -> None:
        """Four refusals with 403 problems, and nothing recorded."""
        client, portal = applicant.portal.client, applicant.portal
        token = await csrf_token(portal)
        before = await count_events(database_url)
        attempts = [
            {"Origin": portal.origin},
            {"Origin": portal.origin, "X-CSRF-Token": "not-the-token"},
            {"Origin": "https://elsewhere.example", "X-CSRF-Token": token},
            {"X-CSRF-Token": token},
        ]
        for headers in attempts:
            response = await client.post("/api/v1/applications", json=START, headers=headers)
            await problem(response, 403)
        # The form field that pages use does not count on the API.
        form = {**START, "csrf_token": token}
        response = await client.post(
            "/api/v1/applications", data=form, headers={"Origin": portal.origin}
        )
        await problem(response, 403)
        assert before == await count_events(database_url)
        assert [] == (await read(portal, "/api/v1/cases"))["cases"]


class TestCaseChanges:
    """A change of address at a stale version is a conflict; bad values are per field."""

    async def test_stale_version_is_409(self, applicant: Person) -> None:
        """The first change at a version wins; a second one at that version gets 409."""
        portal = applicant.portal
        case_id = await own_case(applicant)
        url = f"/api/v1/cases/{case_id}"
        version = (await read(portal, url))["version"]
        first = await send(
            portal, "POST", f"{url}/address", {"expected_version": version, **ADDRESS}
        )
        assert 200 == first.status, await first.text()
        assert version + 1 == (await first.json())["version"]
        moved = {**ADDRESS, "line1": "1 Other Street", "expected_version": version}
        body = await problem(await send(portal, "POST", f"{url}/address", moved), 409)
        assert "urn:immportal:problem:stale-version" == body["type"]
        case = await read(portal, url)
        assert ("8 Quay Road", version + 1) == (case["address"]["line1"], case["version"])

    async def test_refused_values_and_bodies(self, applicant: Person) -> None:
        """Missing and unknown fields are 422 per field; a body that is not JSON is 400."""
        portal = applicant.portal
        case_id = await own_case(applicant)
        url = f"/api/v1/cases/{case_id}/address"
        partial = {"expected_version": 4, "line1": "8 Quay Road", "state": "MA", "zip": "1"}
        body = await problem(await send(portal, "POST", url, partial), 422)
        assert {"city", "postal_code", "zip"} == set(body["errors"])
        assert "Enter your city or town" == body["errors"]["city"]
        token = await csrf_token(portal)
        response = await portal.client.post(
            url,
            data=b"{not json",
            headers={
                "Origin": portal.origin,
                "X-CSRF-Token": token,
                "Content-Type": "application/json",
            },
        )
        await problem(response, 400)
        response = await portal.client.post(
            url, data=b"line1=x", headers={"Origin": portal.origin, "X-CSRF-Token": token}
        )
        await problem(response, 415)


class TestNotFoundAndRoles:
    """Unknown routes, other roles and other applicants' payments look the same: 404."""

    async def test_unknown_route_and_method(self, applicant: Person) -> None:
        """An unknown path is a 404 problem; a known path with another method a 405 problem."""
        client = applicant.portal.client
        await problem(await client.get("/api/v1/nothing-here"), 404)
        await problem(await send(applicant.portal, "DELETE", "/api/v1/cases"), 405)

    async def test_staff_are_not_served(self, portal: Portal) -> None:
        """An officer's session finds no applicant resources."""
        async with people(portal) as sign_in:
            officer = await sign_in(Role.OFFICER)
            await problem(await officer.portal.client.get("/api/v1/cases"), 404)

    async def test_a_draft_is_not_restarted_on_another_form(self, applicant: Person) -> None:
        """The same key on another form is a 409 problem, not a second draft."""
        portal = applicant.portal
        first = await send(portal, "POST", "/api/v1/applications", START)
        assert 201 == first.status, await first.text()
        other = {**START, "form_type": "N-400"}
        body = await problem(await send(portal, "POST", "/api/v1/applications", other), 409)
        assert "urn:immportal:problem:idempotency-key-reused" == body["type"]

    async def test_unknown_payment(self, applicant: Person) -> None:
        """A payment id nobody started is not found."""
        response = await applicant.portal.client.get(
            "/api/v1/payments/8d1f0b5e-8b8c-4b0a-9d51-0a3f9c1e2d47"
        )
        await problem(response, 404)
