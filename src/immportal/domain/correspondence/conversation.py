"""The Conversation aggregate: one secure conversation per case, each message an event."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from typing import Any
from uuid import UUID

from eventsourcing.domain import Aggregate, event

from immportal.domain.actor import Actor, Role
from immportal.domain.cases.permissions import check_acts_for
from immportal.domain.cases.status import CaseStatus
from immportal.domain.correspondence.links import conversation_id
from immportal.domain.correspondence.text import MESSAGE_MAX_LENGTH, check_plain_text
from immportal.domain.errors import DomainError, InvalidArgument, NotPermitted

FILERS = frozenset({Role.APPLICANT, Role.REPRESENTATIVE})
STAFF = frozenset({Role.OFFICER, Role.SUPERVISOR})
WRITERS = FILERS | STAFF
"""The applicant's side and the case's office; auditors read the conversation, never write."""
MAX_ATTACHMENTS = 5
NOT_A_WRITER = "Only the applicant, their representative and the office write here."


class ConversationClosed(DomainError):
    """The case has no conversation yet: it opens once the application is submitted."""


def check_may_write(
    actor: Actor, *, applicant_id: str, representative_ids: Collection[str], status: CaseStatus
) -> None:
    """Raise unless the actor may write in the conversation of a case in this status.

    Staff must also work the case's office; services check that, as it needs their account.
    """
    if actor.role not in WRITERS:
        raise NotPermitted(NOT_A_WRITER)
    check_acts_for(actor, applicant_id, representative_ids)
    if status is CaseStatus.DRAFT:
        raise ConversationClosed(
            "You can send messages about this case once the application is submitted."
        )


def check_attachments(attachment_ids: Sequence[UUID]) -> list[str]:
    """The attachments as ids, each once; raise InvalidArgument beyond MAX_ATTACHMENTS."""
    unique = list(dict.fromkeys(str(found) for found in attachment_ids))
    if len(unique) > MAX_ATTACHMENTS:
        raise InvalidArgument(f"Attach at most {MAX_ATTACHMENTS} files to one message.")
    return unique


class Conversation(Aggregate):
    """The messages between the applicant's side and the case's office, oldest first."""

    @staticmethod
    def create_id(case_id: str, **_: Any) -> UUID:
        """Derived from the case, so the case's conversation is found without a search."""
        return conversation_id(UUID(case_id))

    @classmethod
    def open(cls, case_id: UUID) -> Conversation:
        """Start the conversation of a case (with its first message, in the same save)."""
        return cls(str(case_id))

    @event("Opened")
    def __init__(self, case_id: str) -> None:
        self.case_id = case_id
        self.message_ids: list[str] = []
        self.waiting_on_staff = False

    def post(
        self,
        actor: Actor,
        *,
        message_id: UUID,
        text: str,
        attachment_ids: Sequence[UUID] = (),
    ) -> bool:
        """Add a message; False (and nothing recorded) when this message was posted already.

        The message id comes with the form, so a form sent twice posts one message.
        Who may write on this case is checked before (check_may_write).
        """
        if actor.role not in WRITERS:
            raise NotPermitted(NOT_A_WRITER)
        if str(message_id) in self.message_ids:
            return False
        self._post(
            case_id=self.case_id,
            message_id=str(message_id),
            actor_id=actor.user_id,
            actor_role=actor.role.value,
            text=check_plain_text(text, what="your message", max_length=MESSAGE_MAX_LENGTH),
            attachment_ids=check_attachments(attachment_ids),
        )
        return True

    @event("MessagePosted")
    def _post(
        self,
        case_id: str,
        message_id: str,
        actor_id: str,
        actor_role: str,
        text: str,
        attachment_ids: list[str],
    ) -> None:
        self.message_ids = [*self.message_ids, message_id]
        self.waiting_on_staff = Role(actor_role) in FILERS
