"""The review page's actions: events with actor, role and reason; notes; review; conflicts."""

import asyncio
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from immportal.adapters.postgres.appointments import PostgresAppointmentBook
from immportal.domain.actor import Actor, Role
from immportal.domain.appointments.locations import LocationKind, locations_of
from immportal.domain.appointments.rules import AppointmentKind
from immportal.domain.cases.forms import FormType
from immportal.projections.case_timeline import get_timeline
from immportal.projections.decision_history import case_decisions
from testkit.audit_support import table_rows
from testkit.e2e_support import Portal, PortalOpener, parse_page, post_form, wait_until_projected
from testkit.officer_support import act, case_at, staff
from testkit.signed_in_support import people


async def _events(portal: Portal, case_id: Any) -> list[Any]:
    return list(await portal.runtime.store.read_stream(case_id))


class TestActionsRecordWhoAndWhy:
    """Each action is an event naming the person, their role and their reason."""

    async def test_a_full_adjudication(self, portal: Portal) -> None:
        """Claim, note, request, answer, interview, deny, return, approve, review, issue."""
        case_id = await case_at(portal)
        soon = (datetime.now(UTC) + timedelta(days=20)).date().isoformat()
        async with staff(portal) as sign_in:
            officer = await sign_in(Role.OFFICER, "NBC")
            supervisor = await sign_in(Role.SUPERVISOR, "NBC")
            steps = [
                (officer, "claim", {}),
                (officer, "note", {"note": "Called the applicant."}),
                (
                    officer,
                    "evidence-request",
                    {"items": "Passport\nBirth certificate", "due_on": "", "reason": "Identity"},
                ),
            ]
            statuses = [(await act(who, case_id, a, f)).status for who, a, f in steps]
            case = await portal.runtime.cases.get(case_id)
            applicant = Actor(case.applicant_id, Role.APPLICANT)
            await portal.runtime.cases.update(
                case_id, None, lambda c: c.receive_evidence(applicant, ["doc-1"])
            )
            more = [
                (officer, "interview", {"date": soon, "time": "10:30", "location": "Room 4"}),
                (officer, "interview-outcome", {"outcome": "Answers were consistent."}),
                (
                    officer,
                    "proposal",
                    {"outcome": "deny", "reason": "No status", "legal_basis": "8 CFR 274a.12"},
                ),
                (supervisor, "return", {"comments": "Check the new passport."}),
                (
                    officer,
                    "proposal",
                    {"outcome": "approve", "reason": "Eligible", "legal_basis": "", "review": "on"},
                ),
                (supervisor, "approve", {"comments": "Agreed."}),
                (officer, "issue", {}),
            ]
            statuses += [(await act(who, case_id, a, f)).status for who, a, f in more]
            await wait_until_projected(portal.runtime, case_id, 15)
        events = await _events(portal, case_id)

        assert [303] * 10 == statuses
        mine = [
            (type(e).__name__, e.actor_id, e.actor_role, getattr(e, "reason", None))
            for e in events[4:]
        ]
        officer_id, supervisor_id = str(officer.account_id), str(supervisor.account_id)
        assert ("Assigned", officer_id, "officer", None) == mine[0]
        assert ("NoteAdded", officer_id, "officer", "Called the applicant.") == mine[1]
        assert ("EvidenceRequested", officer_id, "officer", "Identity") == mine[2]
        assert ["Passport", "Birth certificate"] == events[6].items
        assert datetime.now(UTC).date() + timedelta(days=87) == events[6].due_on
        assert ("DecisionProposed", officer_id, "officer", "No status") == mine[6]
        assert ("ProposalReturned", supervisor_id, "supervisor", "Check the new passport.") == mine[
            7
        ]
        assert ("ProposalApproved", supervisor_id, "supervisor", "Agreed.") == mine[9]
        assert ("DecisionIssued", officer_id, "officer") == mine[10][:3]
        assert "approved" == (await portal.runtime.cases.get(case_id)).status.value
        for _ in range(100):
            steps_seen = [s.step for s in await case_decisions(portal.runtime.pool, case_id)]
            if len(steps_seen) == 5:
                break
            await asyncio.sleep(0.05)
        history = await case_decisions(portal.runtime.pool, case_id)
        assert ["proposed", "returned", "proposed", "approved", "issued"] == [
            s.step for s in history
        ]
        assert ("deny", officer_id) == (history[0].outcome, history[0].officer_id)
        assert (supervisor_id, "NBC") == (history[1].supervisor_id, history[1].office)
        assert ("approved", officer_id, supervisor_id) == (
            history[4].outcome,
            history[4].officer_id,
            history[4].supervisor_id,
        )


class TestInternalNotes:
    """Notes are for staff: never on the applicant's case page nor their timeline."""

    async def test_note_hidden_from_the_applicant(self, portal: Portal) -> None:
        """The officer sees the note; the applicant's page and timeline do not have it."""
        async with people(portal) as sign_in_person, staff(portal) as sign_in:
            applicant = await sign_in_person(Role.APPLICANT)
            cases = portal.runtime.cases
            case_id = await cases.start(
                actor=applicant.actor,
                applicant_id=applicant.actor.user_id,
                form_type=FormType.I765,
                office="NBC",
            )
            await cases.update(case_id, None, lambda c: c.submit(applicant.actor, fee_cents=47_000))
            await cases.accept(case_id, actor=Actor.system())
            officer = await sign_in(Role.OFFICER, "NBC")
            await act(officer, case_id, "claim", {})
            sent = await act(officer, case_id, "note", {"note": "Suspect a fraudulent letter."})
            staff_page = await (await officer.portal.client.get(f"/staff/cases/{case_id}")).text()
            mine = await (await applicant.portal.client.get(f"/cases/{case_id}")).text()
        timeline = await get_timeline(portal.runtime.pool, case_id)

        assert 303 == sent.status
        assert "Suspect a fraudulent letter." in staff_page
        assert "Suspect a fraudulent letter." not in mine
        assert "Internal note" not in mine
        assert all(e.event_type != "NoteAdded" for e in timeline)


class TestReview:
    """A proposal sent to review needs a supervisor other than the one who proposed it."""

    @pytest.mark.parametrize(
        ("form", "overrides"),
        [
            pytest.param(
                {"outcome": "deny", "reason": "Ineligible", "legal_basis": "INA 212"},
                {},
                id="denial",
            ),
            pytest.param(
                {"outcome": "approve", "reason": "Eligible", "legal_basis": "", "review": "on"},
                {},
                id="approval-sent-to-review",
            ),
            pytest.param(
                {"outcome": "approve", "reason": "Eligible", "legal_basis": ""},
                {"approval_review_offices": "NBC"},
                id="approval-at-a-review-office",
            ),
        ],
    )
    async def test_a_supervisor_cannot_approve_their_own_proposal(
        self, open_portal: PortalOpener, form: dict[str, str], overrides: dict[str, str]
    ) -> None:
        """The proposer's approval is refused and records nothing; another supervisor's counts."""
        portal = await open_portal(dev=True, **overrides)
        case_id = await case_at(portal)
        async with staff(portal) as sign_in:
            proposer = await sign_in(Role.SUPERVISOR, "NBC")
            other = await sign_in(Role.SUPERVISOR, "NBC")
            officer = await sign_in(Role.OFFICER, "NBC")
            await act(proposer, case_id, "assign", {"officer_email": officer.email})
            proposed = await act(proposer, case_id, "proposal", form)
            before = await _events(portal, case_id)
            own = await act(proposer, case_id, "approve", {"comments": "Fine by me."})
            early = await act(proposer, case_id, "issue", {})
            after_own = await _events(portal, case_id)
            second = await act(other, case_id, "approve", {"comments": "Checked."})
        events = await _events(portal, case_id)

        assert (303, 409, 409, 303) == (proposed.status, own.status, early.status, second.status)
        assert "other than the officer who proposed it" in own.html
        assert len(before) == len(after_own)
        assert ("ProposalApproved", str(other.account_id)) == (
            type(events[-1]).__name__,
            events[-1].actor_id,
        )
        assert "decision_reviewed" == (await portal.runtime.cases.get(case_id)).status.value


class TestConfiguredApprovalReview:
    """Where configured, an approval waits for a supervisor as a denial does."""

    async def test_approval_at_a_configured_office_needs_review(
        self, open_portal: PortalOpener
    ) -> None:
        """At NBC (configured) the approval cannot be issued before a supervisor approves it."""
        portal = await open_portal(dev=True, approval_review_offices="NBC, csc")
        case_id = await case_at(portal)
        async with staff(portal) as sign_in:
            officer = await sign_in(Role.OFFICER, "NBC")
            supervisor = await sign_in(Role.SUPERVISOR, "NBC")
            await act(officer, case_id, "claim", {})
            await act(
                officer,
                case_id,
                "proposal",
                {"outcome": "approve", "reason": "Eligible", "legal_basis": ""},
            )
            early = await act(officer, case_id, "issue", {})
            await act(supervisor, case_id, "approve", {"comments": "Checked."})
            issued = await act(officer, case_id, "issue", {})
        names = [type(e).__name__ for e in await _events(portal, case_id)]

        assert (409, 303) == (early.status, issued.status)
        assert ["ProposalApproved", "DecisionIssued"] == names[-2:]


class TestConflicts:
    """Two people acting at once: one wins, the other gets the fresh case and their text."""

    async def test_second_note_gets_a_conflict_page(self, portal: Portal) -> None:
        """Both forms carry version 5; the second answers 409 with its text kept."""
        case_id = await case_at(portal)
        async with staff(portal) as sign_in:
            first = await sign_in(Role.OFFICER, "NBC")
            second = await sign_in(Role.OFFICER, "NBC")
            await act(first, case_id, "claim", {})
            won = await act(first, case_id, "note", {"note": "First note."}, version=5)
            lost = await act(second, case_id, "note", {"note": "My careful words."}, version=5)
        page = parse_page(lost.html)

        assert (303, 409) == (won.status, lost.status)
        assert "Someone else changed this case" in lost.html
        assert "My careful words.</textarea>" in lost.html
        assert "6" == page.inputs["expected_version"]
        assert "First note." in lost.html

    async def test_a_decision_is_issued_once(self, portal: Portal) -> None:
        """Five issue requests at once: exactly one DecisionIssued, the other four refused."""
        case_id = await case_at(portal)
        async with staff(portal) as sign_in:
            officer = await sign_in(Role.OFFICER, "NBC")
            others = [
                await sign_in(Role.OFFICER, "NBC"),
                await sign_in(Role.SUPERVISOR, "NBC"),
                await sign_in(Role.SUPERVISOR, "NBC"),
            ]
            await act(officer, case_id, "claim", {})
            await act(
                officer,
                case_id,
                "proposal",
                {"outcome": "approve", "reason": "Eligible", "legal_basis": ""},
            )
            # The officer's double click, and three colleagues with the same page open.
            senders = [officer, officer, *others]
            tokens = []
            for person in senders:
                html = await (await person.portal.client.get(f"/staff/cases/{case_id}")).text()
                tokens.append(parse_page(html).inputs["csrf_token"])
            responses = await asyncio.gather(
                *(
                    post_form(
                        p.portal,
                        f"/staff/cases/{case_id}/actions/issue",
                        {"expected_version": "6"},
                        token=t,
                    )
                    for p, t in zip(senders, tokens, strict=True)
                )
            )
            again = await act(officer, case_id, "issue", {})
        issued = [e for e in await _events(portal, case_id) if type(e).__name__ == "DecisionIssued"]

        assert [303, 409, 409, 409, 409] == sorted(r.status for r in responses)
        assert 1 == len(issued)
        assert 7 == issued[0].originator_version
        assert 409 == again.status


class TestDecisionHistoryPage:
    """/staff/decisions counts and lists issued decisions per officer and office."""

    async def test_supervisor_sees_the_decision(self, portal: Portal) -> None:
        """One denial at NBC by the officer, reviewed by the supervisor; officers are refused."""
        case_id = await case_at(portal)
        async with staff(portal) as sign_in:
            officer = await sign_in(Role.OFFICER, "NBC")
            supervisor = await sign_in(Role.SUPERVISOR, "NBC")
            steps = [
                lambda c: c.assign(officer.actor, officer.actor.user_id),
                lambda c: c.propose_decision(officer.actor, "deny", "No basis", "INA 245", True),
                lambda c: c.approve_proposal(supervisor.actor, "Agreed"),
                lambda c: c.issue_decision(officer.actor),
            ]
            for step in steps:
                await portal.runtime.cases.update(case_id, None, step)
            for _ in range(200):
                if len(await case_decisions(portal.runtime.pool, case_id)) == 3:
                    break
                await asyncio.sleep(0.05)
            html = await (await supervisor.portal.client.get("/staff/decisions")).text()
            by_officer = await supervisor.portal.client.get(
                f"/staff/decisions?officer={officer.account_id}"
            )
            refused = await officer.portal.client.get("/staff/decisions")

        rows = table_rows(html, "issued-decision")
        assert 404 == refused.status
        assert 1 == len(rows)
        receipt = (await portal.runtime.cases.get(case_id)).receipt_number
        office = "National Benefits Center (NBC)"
        assert [receipt, "Denied", "No basis", "INA 245", "Test Person", "Test Person", office] == (
            rows[0][:7]
        )
        assert [[office, "0", "1"]] == table_rows(html, "tally-office")
        assert 1 == len(table_rows(await by_officer.text(), "issued-decision"))


class TestInterviewFromTheCalendar:
    """An interview is booked in a field office's calendar and recorded on the case."""

    async def test_book_a_free_time(self, portal: Portal) -> None:
        """The free time is offered; booking it schedules the interview there."""
        office = locations_of(LocationKind.FIELD_OFFICE)[0]
        starts = (datetime.now(UTC) + timedelta(days=10)).replace(
            hour=15, minute=0, second=0, microsecond=0
        )
        book = PostgresAppointmentBook(portal.runtime.pool)
        await book.add_slots([(office.code, starts, 1)])
        case_id = await case_at(portal)
        async with staff(portal) as sign_in:
            officer = await sign_in(Role.OFFICER, "NBC")
            await act(officer, case_id, "claim", {})
            html = await (await officer.portal.client.get(f"/staff/cases/{case_id}")).text()
            slot = (
                await book.free_slots(
                    [office.code], starts - timedelta(hours=1), starts + timedelta(hours=1), 1
                )
            )[0]
            sent = await act(
                officer, case_id, "interview-slot", {"slot": f"{office.code}|{slot.id}"}
            )
            stale = await act(officer, case_id, "interview-slot", {"slot": "nonsense"})
        case = await portal.runtime.cases.get(case_id)
        booking = await book.current(case_id, AppointmentKind.INTERVIEW)

        assert f'value="{office.code}|{slot.id}"' in html
        assert (303, 422) == (sent.status, stale.status)
        assert "interview_scheduled" == case.status.value
        assert (starts, office.name) == (case.interview_at, case.interview_location)
        assert booking is not None
        assert slot.id == booking.slot.id


class TestRejectedFiling:
    """A filing that cannot be accepted is rejected, and its fee refunded once."""

    async def test_reject_then_refund(self, portal: Portal) -> None:
        """FilingRejected then FeeRefunded with the fee and the reason; a second refund fails."""
        cases, applicant = portal.runtime.cases, Actor("applicant-reject", Role.APPLICANT)
        case_id = await cases.start(
            actor=applicant, applicant_id=applicant.user_id, form_type=FormType.I765, office="NBC"
        )
        await cases.update(case_id, None, lambda c: c.submit(applicant, fee_cents=47_000))
        async with staff(portal) as sign_in:
            officer = await sign_in(Role.OFFICER, "NBC")
            rejected = await act(officer, case_id, "reject", {"reason": "The form is unsigned."})
            refunded = await act(officer, case_id, "refund", {"reason": "Rejected filing."})
            again = await act(officer, case_id, "refund", {"reason": "Once more."})
        events = await _events(portal, case_id)

        assert (303, 303, 409) == (rejected.status, refunded.status, again.status)
        assert ["FilingRejected", "FeeRefunded"] == [type(e).__name__ for e in events[-2:]]
        assert (str(officer.account_id), "officer", 47_000, "Rejected filing.") == (
            events[-1].actor_id,
            events[-1].actor_role,
            events[-1].amount_cents,
            events[-1].reason,
        )
        assert "refunded already" in again.html
