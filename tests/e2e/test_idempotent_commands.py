"""A command sent again with the same key gets its first outcome, never a second effect."""

import asyncio
import uuid
from collections.abc import AsyncIterator

import pytest
from aiohttp import ClientResponse

from immportal.domain.actor import Role
from testkit.api_support import problem
from testkit.e2e_support import Portal, form_token, post_form
from testkit.signed_in_support import Person, people

ADDRESS = {"line1": "8 Quay Road", "city": "Salem", "state": "MA", "postal_code": "01970"}
REPLAYED = "Idempotent-Replayed"


@pytest.fixture
async def applicant(portal: Portal) -> AsyncIterator[Person]:
    """A signed-in applicant."""
    async with people(portal) as sign_in:
        yield await sign_in(Role.APPLICANT)


async def account_version(person: Person) -> int:
    """How many events the person's account has."""
    return (await person.portal.runtime.accounts.get(person.account_id)).version


async def address_form(person: Person) -> tuple[str, dict[str, str]]:
    """The address page's form key (its CSRF field) and a filled form for the current version."""
    token = await form_token(person.portal, "/account/address")
    version = await account_version(person)
    return token, {"expected_version": str(version), **ADDRESS}


async def post_address(person: Person, token: str, form: dict[str, str]) -> ClientResponse:
    """Send the change-of-address form as the browser would."""
    return await post_form(person.portal, "/account/address", form, token=token)


class TestPageForms:
    """A form is one submission: a double click or a resend repeats its first outcome."""

    async def test_the_same_form_sent_twice_changes_once(self, applicant: Person) -> None:
        """The second identical send gets the first answer, marked replayed; one event."""
        token, form = await address_form(applicant)
        before = await account_version(applicant)
        first = await post_address(applicant, token, form)
        again = await post_address(applicant, token, form)
        assert (200, 200) == (first.status, again.status)
        assert await first.text() == await again.text()  # not "nothing changed"
        assert (None, "true") == (first.headers.get(REPLAYED), again.headers.get(REPLAYED))
        assert before + 1 == await account_version(applicant)

    async def test_a_double_click_waits_for_the_first_press(self, applicant: Person) -> None:
        """Two identical sends at once: one runs, the other gets its outcome."""
        token, form = await address_form(applicant)
        before = await account_version(applicant)
        answers = await asyncio.gather(*(post_address(applicant, token, form) for _ in range(2)))
        assert [200, 200] == [a.status for a in answers]
        assert 1 == sum(a.headers.get(REPLAYED) == "true" for a in answers)
        assert before + 1 == await account_version(applicant)

    async def test_the_same_form_with_other_answers_is_a_new_submission(
        self, applicant: Person
    ) -> None:
        """Back, change, send: the changed form runs (it is not the first one's repeat)."""
        token, form = await address_form(applicant)
        await post_address(applicant, token, form)
        changed = {**form, "expected_version": str(await account_version(applicant))}
        changed["line1"] = "9 Quay Road"
        second = await post_address(applicant, token, changed)
        assert second.headers.get(REPLAYED) is None
        assert 200 == second.status


def api_headers(portal: Portal, token: str, key: str) -> dict[str, str]:
    """What a program sends: our Origin, the CSRF token, and its idempotency key."""
    return {"Origin": portal.origin, "X-CSRF-Token": token, "Idempotency-Key": key}


class TestApiIdempotencyKey:
    """The Idempotency-Key header of the IETF HTTP API draft, on every state-changing call."""

    async def test_a_retry_gets_the_first_answer(self, applicant: Person) -> None:
        """The same start sent twice with one key: the same 201 and body, one draft."""
        portal = applicant.portal
        token = (await (await portal.client.get("/api/v1/session")).json())["csrf_token"]
        key, body = str(uuid.uuid4()), {"form_type": "I-765", "idempotency_key": str(uuid.uuid4())}
        headers = api_headers(portal, token, key)
        first = await portal.client.post("/api/v1/applications", json=body, headers=headers)
        again = await portal.client.post("/api/v1/applications", json=body, headers=headers)
        assert (201, 201) == (first.status, again.status)
        assert await first.json() == await again.json()
        assert "true" == again.headers.get(REPLAYED)

    async def test_a_key_reused_for_another_request_is_refused(self, applicant: Person) -> None:
        """The key of an I-765 start sent with an I-90 start: 422, and no second draft."""
        portal = applicant.portal
        token = (await (await portal.client.get("/api/v1/session")).json())["csrf_token"]
        headers = api_headers(portal, token, str(uuid.uuid4()))
        first = {"form_type": "I-765", "idempotency_key": str(uuid.uuid4())}
        other = {"form_type": "I-90", "idempotency_key": str(uuid.uuid4())}
        assert (
            201
            == (
                await portal.client.post("/api/v1/applications", json=first, headers=headers)
            ).status
        )
        reused = await portal.client.post("/api/v1/applications", json=other, headers=headers)
        await problem(reused, 422)
        cases = (await (await portal.client.get("/api/v1/cases")).json())["cases"]
        assert 1 == len(cases)

    async def test_a_malformed_key_is_a_plain_400(self, applicant: Person) -> None:
        """A key too short to be unique is refused before anything runs."""
        portal = applicant.portal
        token = (await (await portal.client.get("/api/v1/session")).json())["csrf_token"]
        body = {"form_type": "I-765", "idempotency_key": str(uuid.uuid4())}
        headers = api_headers(portal, token, "short")
        await problem(
            await portal.client.post("/api/v1/applications", json=body, headers=headers), 400
        )
