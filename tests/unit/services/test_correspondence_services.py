"""ConversationService and CaseRequestService: who may post or decide, pace, attachments."""

from datetime import UTC, datetime, timedelta
from typing import Any
from uuid import UUID, uuid4

import pytest

from immportal.domain.actor import Actor, Role
from immportal.domain.cases.forms import FormType
from immportal.domain.correspondence.conversation import Conversation, ConversationClosed
from immportal.domain.correspondence.links import conversation_id, requests_id
from immportal.domain.correspondence.request_details import (
    CorrectionDetails,
    ExpediteCriterion,
    ExpediteDetails,
)
from immportal.domain.correspondence.requests import (
    CaseRequests,
    RequestRefused,
    RequestState,
    UnknownRequest,
)
from immportal.domain.errors import InvalidArgument, NotPermitted
from immportal.domain.evidence.document import Document, DocumentKind, MediaType, ScanResult
from immportal.errors import NotFound
from immportal.services.cases.adjudication import AdjudicationService
from immportal.services.cases.service import CaseService
from immportal.services.correspondence.messages import ConversationService, TooManyMessages
from immportal.services.correspondence.requests import CaseRequestService
from immportal.services.repository import Repository
from testkit.case_fakes import Receipts, staff_member
from testkit.memory_store import MemoryEventStore

APPLICANT = Actor("applicant-corr", Role.APPLICANT)
NOW = datetime(2027, 2, 3, 10, 0, tzinfo=UTC)
LIMIT = 3
EXPEDITE = ExpediteDetails(
    criterion=ExpediteCriterion.SEVERE_FINANCIAL_LOSS, explanation="I will lose my job."
)


class Pace:
    """Messages counted by author and time, as the read model would count them."""

    def __init__(self) -> None:
        self.sent: list[tuple[str, datetime]] = []

    async def sent_since(self, author_id: str, since: datetime) -> int:
        """How many the author sent at or after `since`."""
        return sum(1 for author, at in self.sent if author == author_id and at >= since)


class World:
    """The services over the in-memory event store, with NBC and CSC staff."""

    officer: Actor
    supervisor: Actor
    elsewhere: Actor

    def __init__(self) -> None:
        self.store = MemoryEventStore()
        self.repository = Repository(self.store)
        self.cases = CaseService(self.repository, Receipts())
        staff = AdjudicationService(self.cases, self.repository)
        self.pace = Pace()
        self.messages = ConversationService(
            self.repository, self.cases, staff, self.pace, hourly_limit=LIMIT
        )
        self.requests = CaseRequestService(self.repository, self.cases, staff)

    async def hire(self) -> None:
        """An officer and a supervisor at NBC, an officer at CSC."""
        self.officer = await staff_member(self.repository, Role.OFFICER, "NBC")
        self.supervisor = await staff_member(self.repository, Role.SUPERVISOR, "NBC")
        self.elsewhere = await staff_member(self.repository, Role.OFFICER, "CSC")

    async def case(self, *, accepted: bool = True) -> UUID:
        """An NBC case of the applicant: accepted, or still a draft."""
        case_id = await self.cases.start(
            actor=APPLICANT, applicant_id=APPLICANT.user_id, form_type=FormType.I90, office="NBC"
        )
        if accepted:
            await self.cases.update(case_id, None, lambda c: c.submit(APPLICANT, fee_cents=46_500))
            await self.cases.accept(case_id, actor=Actor.system())
        return case_id

    async def post(
        self, case_id: UUID, actor: Actor, text: str = "Hello", attachments: tuple[UUID, ...] = ()
    ) -> int:
        """Post a message; the conversation's version afterwards."""
        written = await self.messages.post(
            case_id, actor, message_id=uuid4(), text=text, attachment_ids=attachments, now=NOW
        )
        self.pace.sent.append((actor.user_id, NOW))
        return written.version

    async def document(self, case_id: UUID, scan: ScanResult = ScanResult.CLEAN) -> UUID:
        """A document of the case, uploaded by the applicant and scanned."""
        document = Document.upload(
            document_id=uuid4(),
            case_id=case_id,
            actor=APPLICANT,
            kind=DocumentKind.INITIAL,
            media_type=MediaType.PDF,
            size=10,
            sha256="b" * 64,
            blob_key="documents/x",
            filename="letter.pdf",
        )
        document.record_scan(scan, "fake")
        await self.repository.save(document)
        return document.id


@pytest.fixture
async def world() -> World:
    """A fresh world with its staff per test."""
    made = World()
    await made.hire()
    return made


class TestPosting:
    """Messages go both ways on the case's one conversation."""

    async def test_both_ways_on_one_conversation(self, world: World) -> None:
        """The applicant writes, the office answers: one aggregate, two messages."""
        case_id = await world.case()
        assert 2 == await world.post(case_id, APPLICANT)
        assert 3 == await world.post(case_id, world.officer, "Answer")
        conversation = await world.repository.get(Conversation, conversation_id(case_id))
        assert not conversation.waiting_on_staff
        assert str(case_id) == conversation.case_id

    async def test_another_office_is_not_found(self, world: World) -> None:
        """An officer of another office learns nothing: the case is not found."""
        case_id = await world.case()
        with pytest.raises(NotFound):
            await world.post(case_id, world.elsewhere)
        with pytest.raises(NotFound):
            await world.messages.may_post(case_id, world.elsewhere, NOW)

    async def test_strangers_and_drafts(self, world: World) -> None:
        """Someone else's case is refused; a draft has no conversation yet."""
        with pytest.raises(NotPermitted):
            await world.post(await world.case(), Actor("other", Role.APPLICANT))
        with pytest.raises(ConversationClosed):
            await world.post(await world.case(accepted=False), APPLICANT)

    async def test_pace_limits_the_applicant_side_only(self, world: World) -> None:
        """The applicant's fourth message in an hour is refused; an hour later it goes."""
        case_id = await world.case()
        for _ in range(LIMIT):
            await world.post(case_id, APPLICANT)
        with pytest.raises(TooManyMessages, match="3 messages in the last hour"):
            await world.post(case_id, APPLICANT)
        world.pace.sent = [(a, at - timedelta(hours=1, seconds=1)) for a, at in world.pace.sent]
        await world.post(case_id, APPLICANT)
        for _ in range(LIMIT + 1):
            await world.post(case_id, world.officer, "Answer")

    async def test_attachments_of_this_case_that_passed_the_scan(self, world: World) -> None:
        """A clean document of the case attaches; another case's or an unscanned one does not."""
        case_id, other_case = await world.case(), await world.case()
        clean = await world.document(case_id)
        await world.post(case_id, APPLICANT, attachments=(clean,))
        for refused in (
            await world.document(other_case),
            await world.document(case_id, ScanResult.INFECTED),
            uuid4(),
        ):
            with pytest.raises(InvalidArgument):
                await world.post(case_id, APPLICANT, attachments=(refused,))


class TestRequests:
    """Requests are made by the applicant's side and decided by the case's office."""

    async def test_expedite_granted_by_a_supervisor(self, world: World) -> None:
        """The supervisor's decision records the reason and the case version they saw."""
        case_id, request_id = await world.case(), uuid4()
        await world.requests.submit(case_id, APPLICANT, request_id=request_id, details=EXPEDITE)
        with pytest.raises(NotPermitted):
            await world.requests.decide(
                case_id,
                world.officer,
                request_id=request_id,
                outcome=RequestState.GRANTED,
                reason="Ok",
            )
        await world.requests.decide(
            case_id,
            world.supervisor,
            request_id=request_id,
            outcome=RequestState.GRANTED,
            reason="Employer letter shows the loss.",
        )
        requests = await world.repository.get(CaseRequests, requests_id(case_id))
        events = await world.store.read_stream(requests_id(case_id))
        decided: Any = events[-1]
        assert RequestState.GRANTED is requests.requests[str(request_id)].state
        assert ((await world.cases.get(case_id)).version, "Employer letter shows the loss.") == (
            decided.case_version,
            decided.reason,
        )

    async def test_another_office_and_unknown_requests(self, world: World) -> None:
        """Staff elsewhere get not found; a request the case lacks is unknown."""
        case_id, request_id = await world.case(), uuid4()
        with pytest.raises(UnknownRequest):
            await world.requests.decide(
                case_id,
                world.supervisor,
                request_id=request_id,
                outcome=RequestState.DENIED,
                reason="x",
            )
        await world.requests.submit(case_id, APPLICANT, request_id=request_id, details=EXPEDITE)
        with pytest.raises(NotFound):
            await world.requests.decide(
                case_id,
                world.elsewhere,
                request_id=request_id,
                outcome=RequestState.DENIED,
                reason="x",
            )

    async def test_correction_waits_for_a_notice(self, world: World) -> None:
        """On a draft there is nothing to correct yet."""
        details = CorrectionDetails(document="Receipt notice", wrong="Lopes", correct="Lopez")
        with pytest.raises(RequestRefused):
            await world.requests.submit(
                await world.case(accepted=False), APPLICANT, request_id=uuid4(), details=details
            )
