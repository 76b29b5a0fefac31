"""The JSON API checks answers as the pages do: dates in three parts or ISO, identifiers."""

from collections.abc import AsyncIterator
from typing import Any
from uuid import uuid4

import pytest

from immportal.domain.actor import Role
from testkit.api_support import csrf_token, problem, send
from testkit.e2e_support import Portal
from testkit.signed_in_support import Person, people


@pytest.fixture
async def applicant(portal: Portal) -> AsyncIterator[Person]:
    """A signed-in applicant."""
    async with people(portal) as sign_in:
        yield await sign_in(Role.APPLICANT)


async def draft_pages(person: Person) -> tuple[str, str]:
    """A new I-765 draft's pages URL, and the session's CSRF token."""
    token = await csrf_token(person.portal)
    start = {"form_type": "I-765", "idempotency_key": f"answers-{uuid4().hex}"}
    started = await send(person.portal, "POST", "/api/v1/applications", start, token=token)
    assert 201 == started.status, await started.text()
    return f"{(await started.json())['url']}/application/pages", token


async def put(person: Person, url: str, token: str, answers: dict[str, Any]) -> Any:
    """Save one page's answers."""
    return await send(person.portal, "PUT", url, {"answers": answers}, token=token)


class TestAnswers:
    """Saved in their one written form; refused with the pages' messages."""

    async def test_dates(self, applicant: Person) -> None:
        """A date as {month, day, year} or as ISO text is saved as ISO; a wrong one refused."""
        pages, token = await draft_pages(applicant)
        parts = await put(
            applicant,
            f"{pages}/date_of_birth",
            token,
            {"date_of_birth": {"month": 2, "day": 29, "year": 2000}},
        )
        iso = await put(applicant, f"{pages}/date_of_birth", token, {"date_of_birth": "1990-03-27"})
        wrong = await put(
            applicant,
            f"{pages}/date_of_birth",
            token,
            {"date_of_birth": {"month": 2, "day": 29, "year": 2001}},
        )
        assert (200, {"date_of_birth": "2000-02-29"}) == (
            parts.status,
            (await parts.json())["answers"],
        )
        assert {"date_of_birth": "1990-03-27"} == (await iso.json())["answers"]
        body = await problem(wrong, 422)
        assert {"answers.date_of_birth": "Date of birth must be a real date"} == body["errors"]

    async def test_identifiers(self, applicant: Person) -> None:
        """Phone and address normalised; an I-94 "abc" refused with a plain message."""
        pages, token = await draft_pages(applicant)
        contact = await put(
            applicant,
            f"{pages}/email_phone",
            token,
            {"email": "ana@example.com", "phone": "(202) 555-0143"},
        )
        address = await put(
            applicant,
            f"{pages}/mailing_address",
            token,
            {
                "line1": "8 Quay Road",
                "city": "Salem",
                "state": "Massachusetts",
                "postal_code": "01970",
                "country": "United States",
            },
        )
        arrival = await put(
            applicant,
            f"{pages}/arrival",
            token,
            {"last_arrival_on": "2020-01-15", "i94_number": "abc", "current_status": "F-1"},
        )
        assert "+12025550143" == (await contact.json())["answers"]["phone"]
        saved = (await address.json())["answers"]
        assert ("MA", "01970", "US") == (saved["state"], saved["postal_code"], saved["country"])
        body = await problem(arrival, 422)
        assert ["answers.i94_number"] == list(body["errors"])
        assert body["errors"]["answers.i94_number"].startswith("Enter an I-94 number of 11")
