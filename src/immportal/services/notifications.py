"""The notification consumer: tell applicants by email that something happened."""

import asyncio
from contextlib import AbstractAsyncContextManager
from typing import Protocol
from uuid import UUID

import structlog

from immportal.integration.contracts import parse_message
from immportal.integration.ports import ConsumerSpec, IncomingMessage
from immportal.projections.case_contacts import NotYetProjected, Recipient
from immportal.services.mail import Email, Mailer
from immportal.services.notification_texts import PATTERNS, WORDINGS, compose_text

log = structlog.get_logger(__name__)

CONSUMER = "notifications"
CATCH_UP_POLLS = 50
CATCH_UP_PAUSE = 0.1


def consumer_spec(max_attempts: int = 5, retry_delay: float = 30.0) -> ConsumerSpec:
    """The notification consumer's queue: the notifiable events, and its retry policy."""
    # A small prefetch: each delivery holds a pooled connection while it sends its mail.
    return ConsumerSpec(
        name=CONSUMER,
        patterns=PATTERNS,
        max_attempts=max_attempts,
        retry_delay=retry_delay,
        prefetch=4,
    )


class Recipients(Protocol):
    """Finds who to write to about a case."""

    async def for_case(self, case_id: UUID, *, as_of_position: int) -> Recipient | None:
        """The case's recipient, None if it has none; raises while not yet known."""
        ...


class Processed(Protocol):
    """Remembers handled messages together with their effect."""

    def first_time(self, consumer: str, message_id: str) -> AbstractAsyncContextManager[bool]:
        """True inside the block the first time a message is seen."""
        ...


class NotificationConsumer:
    """Sends one email per notifiable event, however often the event is delivered."""

    def __init__(
        self, *, mailer: Mailer, recipients: Recipients, processed: Processed, sign_in_url: str
    ) -> None:
        self._mailer = mailer
        self._recipients = recipients
        self._processed = processed
        self._sign_in_url = sign_in_url

    async def _recipient(self, case_id: UUID, position: int) -> Recipient | None:
        # The contacts read model usually trails the relay by milliseconds: wait a
        # little for it rather than spend a full retry delay.
        for _ in range(CATCH_UP_POLLS):
            try:
                return await self._recipients.for_case(case_id, as_of_position=position)
            except NotYetProjected:
                await asyncio.sleep(CATCH_UP_PAUSE)
        return await self._recipients.for_case(case_id, as_of_position=position)

    async def handle(self, message: IncomingMessage) -> None:
        """Email the case's applicant, once; raising makes the bus retry later."""
        if message.routing_key not in WORDINGS:
            return
        event = parse_message(message.routing_key, message.body)
        position = int(str(message.headers.get("position", 0)))
        recipient = await self._recipient(event.aggregate_id, position)
        async with self._processed.first_time(CONSUMER, message.message_id) as first:
            if not first:
                log.info("notification_repeat_skipped", message_id=message.message_id)
                return
            if recipient is None:
                log.info("notification_without_recipient", case_id=str(event.aggregate_id))
                return
            await self._mailer.send(
                Email(
                    # Derived from the event id, so a repeat after a crash carries the same id.
                    message_id=f"{message.message_id}.notification",
                    to=recipient.email,
                    subject=WORDINGS[message.routing_key].subject,
                    text=compose_text(
                        event, message.routing_key, recipient.first_name, self._sign_in_url
                    ),
                )
            )
            log.info("notification_sent", case_id=str(event.aggregate_id), kind=message.routing_key)
