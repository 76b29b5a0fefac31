"""Asking about a case outside normal processing time (web/applicant/inquiry.py)."""

from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from uuid import UUID

import pytest

from immportal.domain.actor import Role
from immportal.formatting import long_date
from testkit.applicant_case_support import case_received, five_decisions_at_nbc
from testkit.e2e_support import Portal, form_token, parse_page, post_form
from testkit.officer_support import staff
from testkit.signed_in_support import Person, people

QUESTION = "My case has waited a long time. Is anything missing?"


@pytest.fixture
async def applicant(portal: Portal) -> AsyncIterator[Person]:
    """A signed-in applicant, with five decisions at NBC published (80% within 52 days)."""
    await five_decisions_at_nbc(portal)
    async with people(portal) as sign_in:
        yield await sign_in(Role.APPLICANT)


async def inquiries(person: Person, case_id: UUID) -> list[str]:
    """The questions the case's events record."""
    events = await person.portal.runtime.store.read_stream(case_id)
    return [e.reason for e in events if type(e).__name__ == "InquirySubmitted"]  # type: ignore[attr-defined]


async def ask(person: Person, case_id: UUID, text: str) -> tuple[int, str, str]:
    """Post the question from the case page; (status, the page's text, where it leads)."""
    token = await form_token(person.portal, f"/cases/{case_id}")
    response = await post_form(
        person.portal, f"/cases/{case_id}/inquiry", {"inquiry": text}, token=token
    )
    text = " ".join(parse_page(await response.text()).text.split())
    return response.status, text, response.headers.get("Location", "")


class TestBeforeTheDate:
    """A case within normal processing time cannot be asked about yet."""

    async def test_refused_with_the_date(self, applicant: Person) -> None:
        """Received 10 days ago: no form, and a posted question is refused naming the day."""
        case_id = await case_received(applicant, 10)
        ask_from = (datetime.now(UTC) - timedelta(days=10)).date() + timedelta(days=52)
        page = await applicant.portal.client.get(f"/cases/{case_id}")
        assert "Ask about your case" not in parse_page(await page.text()).text

        status, text, _ = await ask(applicant, case_id, QUESTION)

        assert 422 == status
        assert f"You can ask about it from {long_date(ask_from)}." in text
        assert [] == await inquiries(applicant, case_id)


class TestAfterTheDate:
    """A case that waited longer than 80% of cases can be asked about."""

    async def test_recorded_and_on_both_timelines(self, portal: Portal, applicant: Person) -> None:
        """Received 60 days ago: the form shows, the question is an event on both timelines."""
        case_id = await case_received(applicant, 60)
        page = await applicant.portal.client.get(f"/cases/{case_id}")
        assert "Ask about your case" in parse_page(await page.text()).text

        status, _, location = await ask(applicant, case_id, QUESTION)
        assert 303 == status
        assert [QUESTION] == await inquiries(applicant, case_id)

        shown = parse_page(await (await applicant.portal.client.get(location)).text())
        assert "Question about the case sent" == shown.timeline[-1]
        assert "We received your question" in shown.text
        async with staff(portal) as sign_in_staff:
            officer = await sign_in_staff(Role.OFFICER, "NBC")
            review = await officer.portal.client.get(f"/staff/cases/{case_id}")
            text = parse_page(await review.text()).text
        assert "Question about the case sent" in text
        assert QUESTION in text

    async def test_blank_question_is_refused(self, applicant: Person) -> None:
        """An empty question gets the error summary and records nothing."""
        case_id = await case_received(applicant, 60)
        status, text, _ = await ask(applicant, case_id, "   ")
        assert 422 == status
        assert "Enter your question about the case" in text
        assert [] == await inquiries(applicant, case_id)
