"""AdjudicationService: who may work a case, versioned actions, review before issue."""

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from uuid import UUID, uuid4

import pytest

from immportal.domain.actor import Actor, Role
from immportal.domain.cases.forms import FormType
from immportal.domain.cases.status import CaseStatus
from immportal.domain.errors import (
    NotPermitted,
    ReasonRequired,
    SecondOfficerRequired,
    TransitionNotAllowed,
)
from immportal.errors import ConcurrencyConflict, NotFound
from immportal.services.cases.adjudication import (
    EVIDENCE_RESPONSE_DAYS,
    AdjudicationService,
)
from immportal.services.cases.service import CaseService
from immportal.services.ports import Written
from immportal.services.repository import Repository
from testkit.case_fakes import Receipts, staff_member
from testkit.memory_store import MemoryEventStore

APPLICANT = Actor("applicant-1", Role.APPLICANT)
INTERVIEW_AT = datetime(2027, 5, 4, 10, 0, tzinfo=UTC)


@dataclass(frozen=True)
class Booked:
    """What the pretend calendar wrote on the case."""

    written: Written


class Calendar:
    """A field office calendar that records the interview on the case, as the real one does."""

    def __init__(self, cases: CaseService) -> None:
        self._cases = cases
        self.bookings: list[tuple[UUID, str, int]] = []

    async def book_interview(
        self, case_id: UUID, location_code: str, slot_id: int, actor: Actor
    ) -> Booked:
        """Take the slot and schedule the interview at it."""
        self.bookings.append((case_id, location_code, slot_id))
        written = await self._cases.update(
            case_id, None, lambda c: c.schedule_interview(actor, INTERVIEW_AT, location_code)
        )
        return Booked(written)


class World:
    """The service over the in-memory event store, with staff placed in offices."""

    officer: Actor
    other_officer: Actor
    roaming_officer: Actor
    supervisor: Actor
    second_supervisor: Actor

    def __init__(self) -> None:
        self.store = MemoryEventStore()
        repository = Repository(self.store)
        self.repository = repository
        self.cases = CaseService(repository, Receipts())
        self.service = AdjudicationService(
            self.cases, repository, approval_review_offices=frozenset({"CSC"})
        )

    async def hire(self) -> None:
        """Officers at the NBC and MSC, one with no office, and two NBC supervisors."""
        self.officer = await staff_member(self.repository, Role.OFFICER, "NBC")
        self.other_officer = await staff_member(self.repository, Role.OFFICER, "MSC")
        self.roaming_officer = await staff_member(self.repository, Role.OFFICER)
        self.supervisor = await staff_member(self.repository, Role.SUPERVISOR, "NBC")
        self.second_supervisor = await staff_member(self.repository, Role.SUPERVISOR, "NBC")

    async def accepted(self, office: str = "NBC") -> UUID:
        """A case filed at the office, paid for and accepted."""
        case_id = await self.cases.start(
            actor=APPLICANT, applicant_id=APPLICANT.user_id, form_type=FormType.I90, office=office
        )
        await self.cases.update(case_id, 1, lambda c: c.submit(APPLICANT, fee_cents=46_500))
        await self.cases.accept(case_id, actor=Actor.system())
        return case_id

    async def claimed(self, office: str = "NBC") -> UUID:
        """An accepted case the office's officer has claimed."""
        case_id = await self.accepted(office)
        officer = self.officer if office == "NBC" else self.other_officer
        await self.service.claim(case_id, actor=officer, expected_version=3)
        return case_id

    async def status(self, case_id: UUID) -> CaseStatus:
        """Where the case stands now."""
        return (await self.cases.get(case_id)).status


@pytest.fixture
async def world() -> World:
    """A fresh world with its staff per test."""
    made = World()
    await made.hire()
    return made


class TestWhoMayWork:
    """Officers and supervisors act on cases of their office, or assigned to them."""

    async def test_officer_claims_a_case_of_their_office(self, world: World) -> None:
        """The claim assigns the case to the officer; the new version and position come back."""
        case_id = await world.accepted()
        written = await world.service.claim(case_id, actor=world.officer, expected_version=3)
        case = await world.cases.get(case_id)
        assert (CaseStatus.ASSIGNED, world.officer.user_id) == (case.status, case.officer_id)
        assert Written(4, await world.store.head()) == written

    async def test_other_office_sees_no_case(self, world: World) -> None:
        """An officer of another office is told the case is not found, and nothing is recorded."""
        case_id = await world.accepted()
        head = await world.store.head()
        with pytest.raises(NotFound):
            await world.service.claim(case_id, actor=world.other_officer, expected_version=3)
        assert head == await world.store.head()

    async def test_unknown_and_foreign_cases_look_alike(self, world: World) -> None:
        """A missing id and another office's case give the same answer, so ids cannot be probed."""
        foreign = await world.accepted("MSC")
        errors = []
        for case_id in (foreign, uuid4()):
            with pytest.raises(NotFound) as raised:
                await world.service.open(case_id, world.officer)
            errors.append(type(raised.value))
        assert [NotFound, NotFound] == errors

    async def test_applicant_is_not_staff(self, world: World) -> None:
        """A person who is not an officer or supervisor cannot open cases here."""
        case_id = await world.accepted()
        with pytest.raises(NotFound):
            await world.service.open(case_id, APPLICANT)

    async def test_assigned_case_follows_its_officer(self, world: World) -> None:
        """An officer with no office works the cases a supervisor assigned to them."""
        case_id = await world.accepted()
        with pytest.raises(NotFound):
            await world.service.open(case_id, world.roaming_officer)
        await world.service.assign(
            case_id,
            actor=world.supervisor,
            expected_version=3,
            officer_id=world.roaming_officer.user_id,
        )
        member, case = await world.service.open(case_id, world.roaming_officer)
        assert (None, world.roaming_officer.user_id) == (member.office, case.officer_id)

    async def test_transfer_moves_the_case_between_offices(self, world: World) -> None:
        """After a transfer (office code tidied) the new office works the case, the old one not."""
        case_id = await world.accepted()
        await world.service.transfer(
            case_id, actor=world.supervisor, expected_version=3, office=" msc ", reason="Workload"
        )
        _, case = await world.service.open(case_id, world.other_officer)
        with pytest.raises(NotFound):
            await world.service.open(case_id, world.officer)
        assert "MSC" == case.office


class TestAssign:
    """Only supervisors hand cases to officers."""

    async def test_officer_cannot_assign(self, world: World) -> None:
        """An officer may claim, never assign to someone else."""
        case_id = await world.accepted()
        with pytest.raises(NotPermitted):
            await world.service.assign(
                case_id,
                actor=world.officer,
                expected_version=3,
                officer_id=world.roaming_officer.user_id,
            )

    @pytest.mark.parametrize("whom", ["not-a-uuid", "unknown", "supervisor"])
    async def test_only_to_an_officer(self, world: World, whom: str) -> None:
        """A malformed id, an unknown account or a supervisor's are refused, nothing recorded."""
        case_id = await world.accepted()
        # Fixed parameters: xdist workers must collect the same test ids.
        officer_id = {"supervisor": world.second_supervisor.user_id, "unknown": str(uuid4())}.get(
            whom, whom
        )
        with pytest.raises(NotPermitted):
            await world.service.assign(
                case_id, actor=world.supervisor, expected_version=3, officer_id=officer_id
            )
        assert CaseStatus.ACCEPTED == await world.status(case_id)


class TestVersionsAndStatus:
    """Actions name the version seen, and the status machine decides what may happen."""

    async def test_stale_version_conflicts(self, world: World) -> None:
        """An officer acting on a page older than the case is refused; nothing is recorded."""
        case_id = await world.claimed()
        with pytest.raises(ConcurrencyConflict):
            await world.service.add_note(
                case_id, actor=world.officer, expected_version=3, text="Called the applicant"
            )
        assert 4 == (await world.cases.get(case_id)).version

    async def test_wrong_status_is_refused(self, world: World) -> None:
        """Evidence is requested only once someone works the case."""
        case_id = await world.accepted()
        with pytest.raises(TransitionNotAllowed):
            await world.service.request_evidence(
                case_id,
                actor=world.supervisor,
                expected_version=3,
                items=["Passport"],
                reason="Identity not shown",
            )

    async def test_evidence_due_in_87_days_by_default(self, world: World) -> None:
        """Without a date the applicant has the standard 87 days to answer."""
        case_id = await world.claimed()
        await world.service.request_evidence(
            case_id,
            actor=world.officer,
            expected_version=4,
            items=["Birth certificate"],
            reason="Birth record is missing",
        )
        case = await world.cases.get(case_id)
        expected_due = datetime.now(UTC).date() + timedelta(days=EVIDENCE_RESPONSE_DAYS)
        assert (CaseStatus.EVIDENCE_REQUESTED, expected_due) == (case.status, case.evidence_due_on)

    async def test_a_given_due_date_is_kept(self, world: World) -> None:
        """An officer may set another deadline."""
        case_id = await world.claimed()
        due = date(2027, 9, 30)
        await world.service.request_evidence(
            case_id,
            actor=world.officer,
            expected_version=4,
            items=["Tax returns"],
            reason="Income not shown",
            due_on=due,
        )
        assert due == (await world.cases.get(case_id)).evidence_due_on

    async def test_a_note_needs_words(self, world: World) -> None:
        """A blank note is refused with a reason."""
        case_id = await world.claimed()
        with pytest.raises(ReasonRequired):
            await world.service.add_note(case_id, actor=world.officer, expected_version=4, text=" ")


class TestInterviewBooking:
    """Booking through the field office's calendar, at the version the officer saw."""

    async def test_booking_schedules_the_interview(self, world: World) -> None:
        """The calendar takes the slot; the case's new version comes back."""
        case_id = await world.claimed()
        calendar = Calendar(world.cases)
        written = await world.service.book_interview(
            case_id,
            actor=world.officer,
            expected_version=4,
            calendar=calendar,
            location_code="BOS",
            slot_id=7,
        )
        case = await world.cases.get(case_id)
        assert [(case_id, "BOS", 7)] == calendar.bookings
        assert (CaseStatus.INTERVIEW_SCHEDULED, 5) == (case.status, written.version)

    @pytest.mark.parametrize(
        ("claimed", "version", "error"),
        [
            (True, 3, ConcurrencyConflict),
            (False, 3, TransitionNotAllowed),
        ],
    )
    async def test_refused_before_any_slot_is_taken(
        self, world: World, claimed: bool, version: int, error: type[Exception]
    ) -> None:
        """A stale page or a case not ready for interview never reaches the calendar."""
        case_id = await (world.claimed() if claimed else world.accepted())
        calendar = Calendar(world.cases)
        actor = world.officer if claimed else world.supervisor
        with pytest.raises(error):
            await world.service.book_interview(
                case_id,
                actor=actor,
                expected_version=version,
                calendar=calendar,
                location_code="BOS",
                slot_id=7,
            )
        assert [] == calendar.bookings


class TestDecisions:
    """Proposals, review and issue."""

    async def propose(
        self, world: World, case_id: UUID, outcome: str, actor: Actor | None = None
    ) -> Written:
        """Propose the outcome at the case's current version."""
        version = (await world.cases.get(case_id)).version
        basis = "INA 316(a)" if outcome == "deny" else ""
        return await world.service.propose(
            case_id,
            actor=actor or world.officer,
            expected_version=version,
            outcome=outcome,
            reason="Eligibility considered",
            legal_basis=basis,
        )

    async def test_approval_issued_without_review(self, world: World) -> None:
        """At an office without approval review, the officer issues their own approval."""
        case_id = await world.claimed()
        written = await self.propose(world, case_id, "approve")
        await world.service.issue(case_id, actor=world.officer, expected_version=written.version)
        assert CaseStatus.APPROVED == await world.status(case_id)

    async def test_denial_waits_for_a_supervisor(self, world: World) -> None:
        """A denial cannot be issued until a supervisor approved the proposal."""
        case_id = await world.claimed()
        written = await self.propose(world, case_id, "deny")
        with pytest.raises(TransitionNotAllowed):
            await world.service.issue(
                case_id, actor=world.officer, expected_version=written.version
            )
        reviewed = await world.service.approve_proposal(
            case_id, actor=world.supervisor, expected_version=written.version, comments="Agreed"
        )
        await world.service.issue(case_id, actor=world.officer, expected_version=reviewed.version)
        case = await world.cases.get(case_id)
        assert CaseStatus.DENIED == case.status
        assert case.decision is not None
        assert world.supervisor.user_id == case.decision["reviewed_by"]

    async def test_nobody_reviews_their_own_denial(self, world: World) -> None:
        """A supervisor's own denial needs a second supervisor."""
        case_id = await world.accepted()
        await world.service.claim(case_id, actor=world.supervisor, expected_version=3)
        written = await self.propose(world, case_id, "deny", world.supervisor)
        with pytest.raises(SecondOfficerRequired):
            await world.service.approve_proposal(
                case_id, actor=world.supervisor, expected_version=written.version, comments="Mine"
            )
        await world.service.approve_proposal(
            case_id,
            actor=world.second_supervisor,
            expected_version=written.version,
            comments="Agreed",
        )
        assert CaseStatus.DECISION_REVIEWED == await world.status(case_id)

    async def test_review_office_sends_approvals_to_review(self, world: World) -> None:
        """Where the office reviews approvals too, the proposal carries review_required."""
        case_id = await world.accepted("CSC")
        csc_officer = await staff_member(world.repository, Role.OFFICER, "CSC")
        await world.service.claim(case_id, actor=csc_officer, expected_version=3)
        await self.propose(world, case_id, "approve", csc_officer)
        case = await world.cases.get(case_id)
        assert case.proposal is not None
        assert case.proposal["review_required"] is True

    async def test_returned_proposal_goes_back_to_the_officer(self, world: World) -> None:
        """A supervisor's return clears the proposal and leaves the case assigned."""
        case_id = await world.claimed()
        written = await self.propose(world, case_id, "deny")
        await world.service.return_proposal(
            case_id,
            actor=world.supervisor,
            expected_version=written.version,
            comments="Check the tax transcripts",
        )
        case = await world.cases.get(case_id)
        assert (CaseStatus.ASSIGNED, None) == (case.status, case.proposal)
