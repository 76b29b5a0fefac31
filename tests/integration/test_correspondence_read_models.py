"""Read models case_messages and case_requests on PostgreSQL: conversations, inbox, requests."""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import timedelta
from uuid import UUID, uuid4

from immportal.app.container import Runtime
from immportal.app.workers import running_projections
from immportal.domain.actor import Actor, Role
from immportal.domain.cases.forms import FormType
from immportal.domain.correspondence.conversation import Conversation
from immportal.domain.correspondence.links import conversation_id, requests_id
from immportal.domain.correspondence.request_details import (
    AccommodationDetails,
    AccommodationNeed,
    AppointmentKind,
    ExpediteCriterion,
    ExpediteDetails,
)
from immportal.domain.correspondence.requests import CaseRequests, RequestState
from immportal.errors import NotFound
from immportal.projections.case_messages import (
    PostgresSentMessages,
    get_conversation,
    list_messages,
    office_inbox,
)
from immportal.projections.case_requests import case_requests, office_requests
from immportal.services.repository import Repository
from testkit.projection_support import caught_up, wait_until

APPLICANT = Actor(f"applicant-{uuid4().hex[:8]}", Role.APPLICANT)
OFFICER = Actor("officer-read-models", Role.OFFICER)
SUPERVISOR = Actor("supervisor-read-models", Role.SUPERVISOR)
NAMES = ("case_summary", "case_messages", "case_requests")


@asynccontextmanager
async def projected(runtime: Runtime) -> AsyncIterator[None]:
    """Run the projections while the block writes; wait for them to catch up at its end."""
    async with running_projections(runtime):
        yield
        await wait_until(lambda: caught_up(runtime, NAMES))


async def accepted(runtime: Runtime, office: str) -> UUID:
    """An accepted case of the applicant at the office."""
    case_id = await runtime.cases.start(
        actor=APPLICANT, applicant_id=APPLICANT.user_id, form_type=FormType.I90, office=office
    )
    await runtime.cases.update(case_id, None, lambda c: c.submit(APPLICANT, fee_cents=46_500))
    await runtime.cases.accept(case_id, actor=Actor.system())
    return case_id


async def write(runtime: Runtime, case_id: UUID, *authors: Actor) -> Conversation:
    """Messages on the case's conversation, one per author, in order; the conversation."""
    repository = Repository(runtime.store)
    try:
        conversation = await repository.get(Conversation, conversation_id(case_id))
    except NotFound:
        conversation = Conversation.open(case_id)
    for number, author in enumerate(authors):
        conversation.post(
            author, message_id=uuid4(), text=f"Line one {number}\nLine two", attachment_ids=[]
        )
        await repository.save(conversation)
    return conversation


class TestConversations:
    """Messages per case, and the office inbox ordered by how long people have waited."""

    async def test_inbox_by_office_and_waiting_time(self, runtime: Runtime) -> None:
        """Unanswered first by wait, answered apart; a transfer moves the conversation."""
        async with projected(runtime):
            waiting_long, waiting_short = (
                await accepted(runtime, "NBC"),
                await accepted(runtime, "NBC"),
            )
            answered, elsewhere = await accepted(runtime, "NBC"), await accepted(runtime, "CSC")
            await write(runtime, waiting_long, APPLICANT)
            await write(runtime, answered, APPLICANT, OFFICER)
            await write(runtime, waiting_short, APPLICANT)
            await write(runtime, waiting_long, APPLICANT)  # a second message: the wait goes on
            await write(runtime, elsewhere, APPLICANT)
        pool = runtime.pool
        nbc_waiting = await office_inbox(pool, "NBC", waiting=True)
        assert [waiting_long, waiting_short] == [
            row.case_id for row in nbc_waiting if row.case_id in (waiting_long, waiting_short)
        ]
        assert answered in [row.case_id for row in await office_inbox(pool, "NBC", waiting=False)]
        assert [elsewhere] == [
            row.case_id
            for row in await office_inbox(pool, "CSC", waiting=True)
            if row.case_id == elsewhere
        ]
        messages = await list_messages(pool, waiting_long)
        first = messages[0]
        row = await get_conversation(pool, waiting_long)
        assert row is not None
        assert (2, first.posted_at, "applicant") == (
            row.message_count,
            row.waiting_since,
            row.last_author_role,
        )
        assert 3 == row.unanswered_days(first.posted_at + timedelta(days=3, hours=1))
        assert ["Line one 0\nLine two", "Line one 0\nLine two"] == [m.text for m in messages]
        answered_row = await get_conversation(pool, answered)
        assert answered_row is not None
        assert (None, None) == (
            answered_row.waiting_since,
            answered_row.unanswered_days(first.posted_at),
        )
        assert await get_conversation(pool, await accepted(runtime, "NBC")) is None

        async with projected(runtime):
            await runtime.cases.update(
                waiting_long, None, lambda c: c.transfer(SUPERVISOR, "CSC", "Workload")
            )
        csc = [r.case_id for r in await office_inbox(pool, "CSC", waiting=True)]
        assert waiting_long in csc
        assert waiting_long not in [
            r.case_id for r in await office_inbox(pool, "NBC", waiting=True)
        ]

    async def test_rows_equal_the_aggregate_and_the_pace_counts(self, runtime: Runtime) -> None:
        """The waiting mark follows the aggregate; the limit counts the author's messages."""
        async with projected(runtime):
            case_id = await accepted(runtime, "NBC")
            conversation = await write(runtime, case_id, APPLICANT, OFFICER, APPLICANT)
        row = await get_conversation(runtime.pool, case_id)
        assert row is not None
        assert conversation.waiting_on_staff == (row.waiting_since is not None)
        messages = await list_messages(runtime.pool, case_id)
        assert [str(m.message_id) for m in messages] == conversation.message_ids
        sent = PostgresSentMessages(runtime.pool)
        since = messages[0].posted_at
        assert 2 == await sent.sent_since(APPLICANT.user_id, since)
        assert 1 == await sent.sent_since(APPLICANT.user_id, messages[1].posted_at)
        assert 0 == await sent.sent_since("nobody", since)


class TestRequests:
    """Each request with its state; an office's waiting ones, oldest first."""

    async def test_states_and_the_office_list(self, runtime: Runtime) -> None:
        """A decided request leaves the office's list and shows its reason."""
        expedite_id, accommodation_id = uuid4(), uuid4()
        async with projected(runtime):
            case_id = await accepted(runtime, "NBC")
            requests = CaseRequests.open(case_id)
            requests.submit(
                APPLICANT,
                request_id=expedite_id,
                details=ExpediteDetails(
                    criterion=ExpediteCriterion.GOVERNMENT_INTEREST, explanation="A federal job"
                ),
            )
            requests.submit(
                APPLICANT,
                request_id=accommodation_id,
                details=AccommodationDetails(
                    appointment=AppointmentKind.ANY, need=AccommodationNeed.VISION
                ),
            )
            requests.decide(
                SUPERVISOR,
                request_id=expedite_id,
                outcome=RequestState.GRANTED,
                reason="The agency letter shows it.",
                case_version=3,
            )
            await Repository(runtime.store).save(requests)
        rows = {row.request_id: row for row in await case_requests(runtime.pool, case_id)}
        expedite, accommodation = rows[expedite_id], rows[accommodation_id]
        assert (RequestState.GRANTED, "The agency letter shows it.", SUPERVISOR.user_id) == (
            expedite.state,
            expedite.reason,
            expedite.decided_by,
        )
        assert {"criterion": "government_interest", "explanation": "A federal job"} == (
            expedite.details
        )
        assert (RequestState.SUBMITTED, None) == (accommodation.state, accommodation.reason)
        waiting = [
            found.request.request_id
            for found in await office_requests(runtime.pool, "NBC")
            if found.request.case_id == case_id
        ]
        assert [accommodation_id] == waiting
        assert requests.id == requests_id(case_id)
