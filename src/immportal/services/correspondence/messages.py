"""Posting a message in a case's conversation: who may, how often, with which attachments."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from uuid import UUID

import structlog

from immportal.domain.actor import Actor
from immportal.domain.cases.case import Case
from immportal.domain.correspondence.conversation import (
    FILERS,
    Conversation,
    check_attachments,
    check_may_write,
)
from immportal.domain.correspondence.links import conversation_id
from immportal.domain.errors import DomainError, InvalidArgument
from immportal.domain.evidence.document import DOWNLOADABLE, Document
from immportal.errors import NotFound
from immportal.services.correspondence.loading import load_or_open, staff_on_case
from immportal.services.correspondence.ports import CaseSource, SentMessages, Staff
from immportal.services.identity.retry import retrying
from immportal.services.ports import Written
from immportal.services.repository import Repository

log = structlog.get_logger(__name__)

HOURLY_LIMIT = 20
"""Messages one applicant or representative may send in an hour, over all their cases."""
PACE_WINDOW = timedelta(hours=1)
NOT_ATTACHABLE = "We cannot attach that file. Upload it again with your message."


class TooManyMessages(DomainError):
    """The person sent as many messages as the hourly limit allows."""


class ConversationService:
    """Thin use cases over Conversation: authorize, check pace and files, post, save."""

    def __init__(
        self,
        repository: Repository,
        cases: CaseSource,
        staff: Staff,
        sent: SentMessages,
        *,
        hourly_limit: int = HOURLY_LIMIT,
    ) -> None:
        self._repository, self._cases, self._staff, self._sent = repository, cases, staff, sent
        self._hourly_limit = hourly_limit

    async def may_post(self, case_id: UUID, actor: Actor, now: datetime) -> None:
        """Raise unless the actor may post on the case now (checked before a file is taken)."""
        await self._check_writer(await self._cases.get(case_id), actor)
        await self._check_pace(actor, now)

    async def post(
        self,
        case_id: UUID,
        actor: Actor,
        *,
        message_id: UUID,
        text: str,
        attachment_ids: Sequence[UUID] = (),
        now: datetime,
    ) -> Written:
        """Post the message once (a form sent twice posts once); its version and position."""
        case = await self._cases.get(case_id)
        await self._check_writer(case, actor)
        await self._check_pace(actor, now)
        await self._check_attachments(case, actor, attachment_ids)

        async def attempt() -> Written:
            conversation = await load_or_open(
                self._repository,
                Conversation,
                conversation_id(case_id),
                lambda: Conversation.open(case_id),
            )
            conversation.post(
                actor, message_id=message_id, text=text, attachment_ids=attachment_ids
            )
            positions = await self._repository.save(conversation)
            return Written.of(conversation.version, positions)

        written = await retrying(attempt)
        log.info(
            "message_posted",
            case_id=str(case_id),
            actor_role=actor.role.value,
            attachments=len(attachment_ids),
        )
        return written

    async def _check_writer(self, case: Case, actor: Actor) -> None:
        check_may_write(
            actor,
            applicant_id=case.applicant_id,
            representative_ids=case.representative_ids,
            status=case.status,
        )
        if actor.role not in FILERS:
            await staff_on_case(self._staff, actor, case)

    async def _check_pace(self, actor: Actor, now: datetime) -> None:
        # Only the applicant's side is limited: it protects an office's inbox from a flood,
        # while staff answering many people in an hour is their work.
        if actor.role not in FILERS:
            return
        sent = await self._sent.sent_since(actor.user_id, now - PACE_WINDOW)
        if sent >= self._hourly_limit:
            log.info("message_pace_exceeded", actor_role=actor.role.value)
            raise TooManyMessages(
                f"You have sent {self._hourly_limit} messages in the last hour, which is as "
                "many as we take. Please wait an hour before you send another. We will read "
                "every message you sent."
            )

    async def _check_attachments(
        self, case: Case, actor: Actor, attachment_ids: Sequence[UUID]
    ) -> None:
        # Only the writer's own uploads to this case, let through by the virus check.
        for attachment_id in check_attachments(attachment_ids):
            try:
                document = await self._repository.get(Document, UUID(attachment_id))
            except NotFound:
                raise InvalidArgument(NOT_ATTACHABLE) from None
            if (
                document.case_id != str(case.id)
                or document.uploaded_by != actor.user_id
                or document.scan not in DOWNLOADABLE
            ):
                raise InvalidArgument(NOT_ATTACHABLE)
