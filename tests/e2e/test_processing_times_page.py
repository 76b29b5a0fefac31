"""The public processing-times page (immportal.web.processing_times) over HTTP."""

from datetime import UTC, datetime, timedelta

import pytest

from immportal.domain.actor import Role
from immportal.domain.cases.forms import FormType
from immportal.formatting import long_date
from testkit.e2e_support import Portal, parse_page, wait_until_projected
from testkit.milestone_support import decided_plan, milestones_caught_up, write_plans
from testkit.signed_in_support import people

STATEMENT = "80% of cases are decided within 52 days; half within 30 days."


@pytest.fixture
async def five_decisions(portal: Portal) -> None:
    """Five I-765 decisions at NBC, issued three days ago, that took 10, 20, 30, 40 and 100 days.

    By percentile_cont (position 1 + p * (n - 1) in the sorted days, interpolated):
    median at position 3 = 30 days; 80th percentile at 4.2 = 40 + 0.2 * (100 - 40) = 52 days.
    """
    decided_on = datetime.now(UTC) - timedelta(days=3)
    plans = [
        decided_plan(FormType.I765, "NBC", decided_on - timedelta(days=d), d)
        for d in (10, 20, 30, 40, 100)
    ]
    plans.append(decided_plan(FormType.I765, "PSC", decided_on - timedelta(days=5), 5))
    await write_plans(portal.runtime, plans)
    await milestones_caught_up(portal.runtime)


class TestTimes:
    """Choosing a form and an office shows the hand-checked numbers."""

    async def test_hand_computed_times(self, portal: Portal, five_decisions: None) -> None:
        """The page says 52 and 30 days, from 5 decisions, with the window and inquiry date."""
        response = await portal.client.get("/processing-times?form=I-765&office=NBC")
        page = parse_page(await response.text())
        inquiry = (datetime.now(UTC) - timedelta(days=52)).date()

        assert 200 == response.status
        assert STATEMENT in page.text
        assert "Based on 5 decisions issued between" in page.text
        assert f"on or before {long_date(inquiry)}" in page.text

    async def test_receipt_date_gives_the_inquiry_date(
        self, portal: Portal, five_decisions: None
    ) -> None:
        """A case received 10 days ago may be asked about 52 days after its receipt."""
        received = (datetime.now(UTC) - timedelta(days=10)).date()
        ask_from = received + timedelta(days=52)
        response = await portal.client.get(
            f"/processing-times?form=I-765&office=NBC&received={received.isoformat()}"
        )
        text = parse_page(await response.text()).text

        assert 200 == response.status
        assert f"you can ask us about it from {long_date(ask_from)}" in text

    async def test_too_few_decisions(self, portal: Portal, five_decisions: None) -> None:
        """One decision at an office is not enough to publish a time."""
        response = await portal.client.get("/processing-times?form=I-765&office=PSC")
        text = parse_page(await response.text()).text

        assert 200 == response.status
        assert "too few to say how long they take" in text
        assert "80% of cases" not in text

    async def test_all_offices_and_overview(self, portal: Portal, five_decisions: None) -> None:
        """Without an office every decision of the form counts; the overview lists the form."""
        response = await portal.client.get("/processing-times?form=I-765")
        text = parse_page(await response.text()).text

        assert "Based on 6 decisions" in text
        assert "I-765: Application for Employment Authorization, all offices" in text
        assert "All forms, all offices" in text

    async def test_blank_page_offers_the_choice(self, portal: Portal) -> None:
        """With nothing chosen the page shows the form and how we count, and no numbers."""
        response = await portal.client.get("/processing-times")
        text = parse_page(await response.text()).text

        assert 200 == response.status
        assert "Get processing time" in text
        assert "How we count" in text


class TestBadChoices:
    """A choice that is not on the lists is explained on a 400 page, never a 500."""

    @pytest.mark.parametrize(
        ("query", "message"),
        [
            ("form=X-999", "Choose a form from the list"),
            ("form=I-90&office=ZZZ", "Choose an office from the list"),
            ("form=I-90&received=yesterday", "Enter the receipt date like 2026-03-01"),
            ("form=I-90&received=2999-01-01", "The receipt date must be today or in the past"),
            ("received=2026-01-01", "Choose the form of your case"),
        ],
    )
    async def test_error_summary(self, portal: Portal, query: str, message: str) -> None:
        """The error summary names the problem and the page keeps its form."""
        response = await portal.client.get(f"/processing-times?{query}")
        page = parse_page(await response.text())

        assert (400, [message]) == (response.status, page.error_summary)
        assert "Get processing time" in page.text


class TestLinks:
    """People find the page from the home page and from their case."""

    async def test_home_page_links_to_it(self, portal: Portal) -> None:
        """The front page offers "Check case processing times"."""
        html = await (await portal.client.get("/")).text()

        assert 'href="/processing-times"' in html

    async def test_case_page_links_to_its_form_and_office(self, portal: Portal) -> None:
        """The applicant's case page links to the times of its form at its office."""
        async with people(portal) as sign_in:
            applicant = await sign_in(Role.APPLICANT)
            case_id = await portal.runtime.cases.start(
                actor=applicant.actor,
                applicant_id=applicant.actor.user_id,
                form_type=FormType.N400,
                office="NYC",
            )
            await wait_until_projected(portal.runtime, case_id, 1)
            html = await (await applicant.portal.client.get(f"/cases/{case_id}")).text()

        assert 'href="/processing-times?form=N-400&amp;office=NYC"' in html
        assert "Check processing times for this form" in html
