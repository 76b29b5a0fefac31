"""The personal estimate on the applicant's case page (web/applicant, services/case_estimate)."""

from collections.abc import AsyncIterator

import pytest

from immportal.domain.actor import Role
from testkit.applicant_case_support import case_received, five_decisions_at_nbc
from testkit.e2e_support import Portal, parse_page
from testkit.signed_in_support import Person, people


@pytest.fixture
async def applicant(portal: Portal) -> AsyncIterator[Person]:
    """A signed-in applicant."""
    async with people(portal) as sign_in:
        yield await sign_in(Role.APPLICANT)


async def case_page_text(person: Person, days_ago: int, office: str = "NBC") -> str:
    """The text of the case page of a case received `days_ago` days ago."""
    case_id = await case_received(person, days_ago, office)
    response = await person.portal.client.get(f"/cases/{case_id}")
    assert 200 == response.status
    return " ".join(parse_page(await response.text()).text.split())


class TestEstimate:
    """The page says how long cases like this take, and how long this one has waited."""

    async def test_times_of_the_office(self, portal: Portal, applicant: Person) -> None:
        """With five NBC decisions: within 1 to 2 months, received 10 days ago, from the office."""
        await five_decisions_at_nbc(portal)
        text = await case_page_text(applicant, 10)
        expected = (
            "Most cases like yours are decided within 1 to 2 months;"
            " yours was received 10 days ago."
        )
        assert expected in text
        assert "These times are from your office." in text

    async def test_too_few_at_the_office_uses_every_office(
        self, portal: Portal, applicant: Person
    ) -> None:
        """One decision at PSC is too few: the six decisions of every office are used, and said."""
        await five_decisions_at_nbc(portal)
        text = await case_page_text(applicant, 3, office="PSC")
        assert "decided within 1 to 2 months; yours was received 3 days ago." in text
        assert "so these times are from all offices" in text

    async def test_no_data(self, portal: Portal, applicant: Person) -> None:
        """Without decisions the page says plainly that it cannot estimate yet."""
        text = await case_page_text(applicant, 4)
        assert "We cannot estimate how long your case will take yet" in text
        assert "Yours was received 4 days ago." in text
        assert "Most cases like yours" not in text
