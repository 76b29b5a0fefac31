"""Staff pages name people, cases and offices in words, and offer only what the rules allow."""

import asyncio

from immportal.domain.actor import Role
from immportal.projections.decision_history import case_decisions
from immportal.web.officer.availability import UNDER_REVIEW
from testkit.audit_support import table_rows
from testkit.e2e_support import Portal, parse_page, wait_until_projected
from testkit.officer_support import act, case_at, queue_cases, staff

NOT_FOUND = "We cannot find that page or case"


class TestReviewPage:
    """The review page of a case in its office."""

    async def test_issue_is_disabled_with_the_reason_while_review_is_pending(
        self, portal: Portal
    ) -> None:
        """A proposed denial waits for review: no issue form, a disabled button and why."""
        case_id = await case_at(portal)
        async with staff(portal) as sign_in:
            officer = await sign_in(Role.OFFICER, "NBC")
            await act(officer, case_id, "claim", {})
            proposal = {"outcome": "deny", "reason": "No status", "legal_basis": "INA 212"}
            sent = await act(officer, case_id, "proposal", proposal)
            html = await (await officer.portal.client.get(f"/staff/cases/{case_id}")).text()

        assert 303 == sent.status
        assert 'id="action-issue"' not in html
        assert 'id="unavailable-issue-heading">Issue the decision<' in html
        assert UNDER_REVIEW in html
        assert "proposed by Test Person" in html

    async def test_answers_are_grouped_under_section_titles(self, portal: Portal) -> None:
        """The answers table names sections as the form does, never by their keys."""
        case_id = await case_at(portal)
        async with staff(portal) as sign_in:
            officer = await sign_in(Role.OFFICER, "NBC")
            html = await (await officer.portal.client.get(f"/staff/cases/{case_id}")).text()
        sections = {row[0] for row in table_rows(html, "answer-row")}

        assert sections
        assert all("_" not in section and section[:1].isupper() for section in sections)

    async def test_assigned_officer_and_office_are_named(self, portal: Portal) -> None:
        """The assigned officer is named, and the office is named with its code."""
        case_id = await case_at(portal)
        async with staff(portal) as sign_in:
            officer = await sign_in(Role.OFFICER, "NBC")
            supervisor = await sign_in(Role.SUPERVISOR, "NBC")
            await act(officer, case_id, "claim", {})
            await wait_until_projected(portal.runtime, case_id, 5)
            html = await (await supervisor.portal.client.get(f"/staff/cases/{case_id}")).text()
            queue = await (await supervisor.portal.client.get("/staff/queue")).text()

        assert "This case is assigned to Test Person." in html
        assert "National Benefits Center (NBC)" in html
        (row,) = queue_cases(queue)
        assert ["National Benefits Center (NBC)", "Test Person"] == [row[2], row[5]]


class TestDecisionHistory:
    """The supervisors' decision history."""

    async def test_receipt_numbers_names_and_no_none(self, portal: Portal) -> None:
        """An approval issued without review: receipt number, officer's name, no "None"."""
        case_id = await case_at(portal)
        async with staff(portal) as sign_in:
            officer = await sign_in(Role.OFFICER, "NBC")
            supervisor = await sign_in(Role.SUPERVISOR, "NBC")
            await act(officer, case_id, "claim", {})
            proposal = {"outcome": "approve", "reason": "Eligible", "legal_basis": ""}
            await act(officer, case_id, "proposal", proposal)
            await act(officer, case_id, "issue", {})
            for _ in range(200):
                if len(await case_decisions(portal.runtime.pool, case_id)) == 2:
                    break
                await asyncio.sleep(0.05)
            html = await (await supervisor.portal.client.get("/staff/decisions")).text()
        receipt = (await portal.runtime.cases.get(case_id)).receipt_number

        (row,) = table_rows(html, "issued-decision")
        assert [receipt, "Approved", "Test Person", "No review needed"] == [
            row[0],
            row[1],
            row[4],
            row[5],
        ]
        assert "None" not in parse_page(html).text
        assert str(case_id) not in parse_page(html).text


class TestNotFoundForStaff:
    """A case of another office answers not found, in words for staff."""

    async def test_staff_404_points_back_to_their_work(self, portal: Portal) -> None:
        """The page says why (office, assignment) and links to the person's queue."""
        case_id = await case_at(portal, office="CSC")
        async with staff(portal) as sign_in:
            officer = await sign_in(Role.OFFICER, "NBC")
            response = await officer.portal.client.get(f"/staff/cases/{case_id}")
            html = await response.text()

        assert 404 == response.status
        assert NOT_FOUND in html
        assert "Nothing about your case has changed" not in html
        assert 'href="/staff/queue">Go back to your work' in html
