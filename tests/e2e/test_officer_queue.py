"""The work queue: filters, counts, oldest first; claiming; offices; supervisor assignment."""

from datetime import UTC, datetime, timedelta

from immportal.domain.actor import Role
from immportal.domain.cases.forms import FormType
from testkit.e2e_support import Portal, wait_until_projected
from testkit.officer_support import act, case_at, queue_cases, staff


class TestQueue:
    """/staff/queue lists open cases of the office, oldest first, with counts per filter."""

    async def test_oldest_first_with_filters_and_counts(self, portal: Portal) -> None:
        """Three NBC cases in filing order; the CSC case is left out; a form filter narrows."""
        first = await case_at(portal)
        second = await case_at(portal, form=FormType.I130)
        third = await case_at(portal)
        elsewhere = await case_at(portal, office="CSC")
        for case_id in (first, second, third, elsewhere):
            await wait_until_projected(portal.runtime, case_id, 4)
        async with staff(portal) as sign_in:
            officer = await sign_in(Role.OFFICER, "NBC")
            client = officer.portal.client
            html = await (await client.get("/staff/queue")).text()
            rows = queue_cases(html)
            narrowed = queue_cases(await (await client.get("/staff/queue?form=I-130")).text())

        summaries = [await portal.runtime.cases.get(c) for c in (first, second, third)]
        assert [s.receipt_number for s in summaries] == [row[0] for row in rows]
        assert ["National Benefits Center (NBC)"] * 3 == [row[2] for row in rows]
        assert 'data-view="all">3<' in html
        assert 'data-view="unassigned">3<' in html
        assert "I-130 (1)" in html
        assert "I-765 (2)" in html
        assert [summaries[1].receipt_number] == [row[0] for row in narrowed]

    async def test_overdue_evidence_shows_in_its_queue(self, portal: Portal) -> None:
        """A request for evidence whose deadline passed unanswered is in the overdue queue."""
        case_id = await case_at(portal)
        async with staff(portal) as sign_in:
            officer = await sign_in(Role.OFFICER, "NBC")
            await act(officer, case_id, "claim", {})
            past = (datetime.now(UTC).date() - timedelta(days=1)).isoformat()
            sent = await act(
                officer,
                case_id,
                "evidence-request",
                {"items": "Birth certificate", "due_on": past, "reason": "Identity unclear"},
            )
            html = await (await officer.portal.client.get("/staff/queue?view=overdue")).text()

        assert 303 == sent.status
        assert 'data-view="overdue">1<' in html
        assert "Evidence overdue" in html


class TestClaimAndOffices:
    """An officer claims cases of their office; other offices' cases are not found."""

    async def test_claim_assigns_the_case(self, portal: Portal) -> None:
        """Claiming records Assigned with the officer as actor and assignee."""
        case_id = await case_at(portal)
        async with staff(portal) as sign_in:
            officer = await sign_in(Role.OFFICER, "NBC")
            sent = await act(officer, case_id, "claim", {})
        case = await portal.runtime.cases.get(case_id)

        assert 303 == sent.status
        assert str(officer.account_id) == case.officer_id
        assert "assigned" == case.status.value

    async def test_officer_of_another_office_is_refused(self, portal: Portal) -> None:
        """The review page and every action answer 404 to an officer of another office."""
        case_id = await case_at(portal, office="NBC")
        async with staff(portal) as sign_in:
            outsider = await sign_in(Role.OFFICER, "CSC")
            page = await outsider.portal.client.get(f"/staff/cases/{case_id}")
            claim = await act(outsider, case_id, "claim", {}, version=4)
            note = await act(outsider, case_id, "note", {"note": "peeking"}, version=4)
            nobody = await sign_in(Role.OFFICER, None)
            no_office = await nobody.portal.client.get(f"/staff/cases/{case_id}")

        assert (404, 404, 404, 404) == (page.status, claim.status, note.status, no_office.status)
        assert 4 == (await portal.runtime.cases.get(case_id)).version

    async def test_applicants_cannot_open_the_workspace(self, portal: Portal) -> None:
        """An applicant gets not found for the queue and a case's review page."""
        case_id = await case_at(portal)
        async with staff(portal) as sign_in:
            applicant = await sign_in(Role.APPLICANT, None)
            queue = await applicant.portal.client.get("/staff/queue")
            review = await applicant.portal.client.get(f"/staff/cases/{case_id}")
        assert (404, 404) == (queue.status, review.status)

    async def test_supervisor_assigns_to_an_officer(self, portal: Portal) -> None:
        """A supervisor assigns by the officer's email; an officer cannot use that form."""
        case_id = await case_at(portal)
        async with staff(portal) as sign_in:
            supervisor = await sign_in(Role.SUPERVISOR, "NBC")
            officer = await sign_in(Role.OFFICER, "NBC")
            refused = await act(officer, case_id, "assign", {"officer_email": officer.email})
            sent = await act(supervisor, case_id, "assign", {"officer_email": officer.email})
            unknown = await act(supervisor, case_id, "assign", {"officer_email": "x@example.test"})
        case = await portal.runtime.cases.get(case_id)

        assert (404, 303, 422) == (refused.status, sent.status, unknown.status)
        assert str(officer.account_id) == case.officer_id
        assert "No officer has that email address" in unknown.html
