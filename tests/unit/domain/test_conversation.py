"""The Conversation aggregate: who writes, what a message may hold, a form sent twice."""

import uuid

import pytest

from immportal.domain.actor import Actor, Role
from immportal.domain.cases.status import CaseStatus
from immportal.domain.correspondence.conversation import (
    MAX_ATTACHMENTS,
    Conversation,
    ConversationClosed,
    check_may_write,
)
from immportal.domain.correspondence.links import conversation_id, linked_to_case, requests_id
from immportal.domain.correspondence.text import MESSAGE_MAX_LENGTH
from immportal.domain.errors import InvalidArgument, NotPermitted

CASE_ID = uuid.UUID("3f0e9c1a-52d4-4e8b-9a61-7c2b5d8e4f10")
APPLICANT = Actor("applicant-7", Role.APPLICANT)
REPRESENTATIVE = Actor("representative-7", Role.REPRESENTATIVE)
OFFICER = Actor("officer-7", Role.OFFICER)


def opened() -> Conversation:
    """A new conversation of the case, its Opened event already collected."""
    conversation = Conversation.open(CASE_ID)
    conversation.collect_events()
    return conversation


def may_write(actor: Actor, status: CaseStatus = CaseStatus.ACCEPTED) -> None:
    """Check the actor on the applicant's case, which the representative acts on."""
    check_may_write(
        actor,
        applicant_id=APPLICANT.user_id,
        representative_ids=[REPRESENTATIVE.user_id],
        status=status,
    )


class TestIds:
    """A case's conversation and requests are found from the case's id alone."""

    def test_derived_and_distinct(self) -> None:
        """The same case gives the same ids; the two aggregates never share one."""
        assert conversation_id(CASE_ID) == Conversation.open(CASE_ID).id
        assert (conversation_id(CASE_ID), requests_id(CASE_ID)) == linked_to_case(CASE_ID)
        assert conversation_id(CASE_ID) != requests_id(CASE_ID)
        assert conversation_id(CASE_ID) != conversation_id(uuid.uuid4())


class TestWho:
    """The applicant's side and the office write; nobody else, and nothing before filing."""

    @pytest.mark.parametrize("actor", [APPLICANT, REPRESENTATIVE, OFFICER], ids=lambda a: a.role)
    def test_the_case_people_may_write(self, actor: Actor) -> None:
        """The applicant, their representative and an officer pass the check."""
        may_write(actor)

    @pytest.mark.parametrize(
        "actor",
        [
            Actor("someone-else", Role.APPLICANT),
            Actor("other-representative", Role.REPRESENTATIVE),
            Actor("auditor-1", Role.AUDITOR),
            Actor("admin-1", Role.ADMIN),
            Actor.system(),
        ],
        ids=lambda a: f"{a.role}-{a.user_id}",
    )
    def test_others_are_refused(self, actor: Actor) -> None:
        """Another applicant, an unauthorized representative, auditors, admins, the system."""
        with pytest.raises(NotPermitted):
            may_write(actor)

    def test_not_on_a_draft(self) -> None:
        """The conversation opens once the application is submitted."""
        with pytest.raises(ConversationClosed):
            may_write(APPLICANT, CaseStatus.DRAFT)


class TestPosting:
    """Each message is one event with its author, role, text and attachments."""

    def test_message_event(self) -> None:
        """The event records the author, role, the text with plain newlines, the files."""
        conversation, message_id, file_id = opened(), uuid.uuid4(), uuid.uuid4()
        assert conversation.post(
            APPLICANT,
            message_id=message_id,
            text="  Hello,\r\nmy card?  ",
            attachment_ids=[file_id],
        )
        [event] = conversation.collect_events()
        assert (
            "MessagePosted",
            str(CASE_ID),
            str(message_id),
            APPLICANT.user_id,
            "applicant",
            "Hello,\nmy card?",
            [str(file_id)],
        ) == (
            type(event).__name__,
            event.case_id,
            event.message_id,
            event.actor_id,
            event.actor_role,
            event.text,
            event.attachment_ids,
        )
        assert conversation.waiting_on_staff

    def test_the_office_answer_ends_the_wait(self) -> None:
        """After the office writes, nobody is waiting on it."""
        conversation = opened()
        conversation.post(APPLICANT, message_id=uuid.uuid4(), text="Question")
        conversation.post(OFFICER, message_id=uuid.uuid4(), text="Answer")
        assert not conversation.waiting_on_staff

    def test_a_form_sent_twice_posts_once(self) -> None:
        """The same message id again records nothing."""
        conversation, message_id = opened(), uuid.uuid4()
        assert conversation.post(APPLICANT, message_id=message_id, text="Once")
        assert not conversation.post(APPLICANT, message_id=message_id, text="Once")
        assert 1 == len(conversation.collect_events())

    @pytest.mark.parametrize(
        "text",
        ["", "   \n ", "x" * (MESSAGE_MAX_LENGTH + 1), "pay \u202eexe.txt", "bell\x07"],
        ids=["empty", "blank", "too-long", "bidi-override", "control"],
    )
    def test_refused_texts(self, text: str) -> None:
        """Blank, too long, or hiding characters: refused, nothing recorded."""
        conversation = opened()
        with pytest.raises(InvalidArgument):
            conversation.post(APPLICANT, message_id=uuid.uuid4(), text=text)
        assert [] == conversation.collect_events()

    def test_longest_message_and_tabs_pass(self) -> None:
        """Exactly the limit, with tabs and newlines, is kept as written."""
        text = ("a\tb\n" * MESSAGE_MAX_LENGTH)[:MESSAGE_MAX_LENGTH].rstrip() + "z"
        conversation = opened()
        conversation.post(APPLICANT, message_id=uuid.uuid4(), text=text)
        assert text == conversation.collect_events()[0].text

    def test_too_many_attachments(self) -> None:
        """More files than the limit are refused; the same file twice counts once."""
        conversation, same = opened(), uuid.uuid4()
        conversation.post(
            APPLICANT, message_id=uuid.uuid4(), text="Files", attachment_ids=[same] * 9
        )
        assert [str(same)] == conversation.collect_events()[0].attachment_ids
        with pytest.raises(InvalidArgument):
            conversation.post(
                APPLICANT,
                message_id=uuid.uuid4(),
                text="Files",
                attachment_ids=[uuid.uuid4() for _ in range(MAX_ATTACHMENTS + 1)],
            )

    def test_auditor_cannot_post(self) -> None:
        """Even past the service, the aggregate refuses a role that does not write."""
        with pytest.raises(NotPermitted):
            opened().post(Actor("auditor-2", Role.AUDITOR), message_id=uuid.uuid4(), text="Hi")
