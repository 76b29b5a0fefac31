"""The notification consumer: tell applicants by email that something happened."""

import asyncio
from contextlib import AbstractAsyncContextManager
from dataclasses import dataclass
from typing import Protocol
from uuid import UUID

import structlog

from immportal.i18n import DEFAULT_LANGUAGE, _, use_language
from immportal.integration.base import IntegrationEvent
from immportal.integration.contracts import CaseEvent, parse_message
from immportal.integration.ports import ConsumerSpec, IncomingMessage
from immportal.services.notifications.case_emails import WORDINGS, compose_text
from immportal.services.notifications.correspondence_emails import (
    CORRESPONDENCE_EMAILS,
    case_of,
    compose_correspondence_text,
)
from immportal.services.notifications.ports import (
    Email,
    Mailer,
    MailTexts,
    NotYetProjected,
    Recipient,
)
from immportal.services.notifications.security_emails import SECURITY_NOTICES, compose_security_text

log = structlog.get_logger(__name__)

CONSUMER = "notifications"
CATCH_UP_POLLS = 50
CATCH_UP_PAUSE = 0.1


def consumer_spec(max_attempts: int = 5, retry_delay: float = 30.0) -> ConsumerSpec:
    """The notification consumer's queue: the notifiable events, and its retry policy."""
    # A small prefetch: each delivery holds a pooled connection while it sends its mail.
    return ConsumerSpec(
        name=CONSUMER,
        patterns=(*WORDINGS, *SECURITY_NOTICES, *CORRESPONDENCE_EMAILS),
        max_attempts=max_attempts,
        retry_delay=retry_delay,
        prefetch=4,
    )


class Recipients(Protocol):
    """Finds who to write to about a case."""

    async def for_case(self, case_id: UUID, *, as_of_position: int) -> Recipient | None:
        """The case's recipient, None if it has none; raises while not yet known."""
        ...


class AccountContacts(Protocol):
    """Finds who to write to about an account."""

    async def at_version(self, account_id: UUID, version: int) -> Recipient | None:
        """The account's recipient as of a version, None if there is none."""
        ...


class Processed(Protocol):
    """Remembers handled messages together with their effect."""

    def first_time(self, consumer: str, message_id: str) -> AbstractAsyncContextManager[bool]:
        """True inside the block the first time a message is seen."""
        ...


@dataclass(frozen=True)
class Letter:
    """One email to send about one event, before it has an address."""

    subject: str
    text: str


def _language(recipient: Recipient | None) -> str:
    # Written in the language the person chose for what is sent to them, when they chose one.
    return DEFAULT_LANGUAGE if recipient is None else recipient.language or DEFAULT_LANGUAGE


class NotificationConsumer:
    """Sends one email per notifiable event, however often the event is delivered."""

    def __init__(
        self,
        *,
        mailer: Mailer,
        recipients: Recipients,
        accounts: AccountContacts,
        processed: Processed,
        sign_in_url: str,
        texts: MailTexts,
    ) -> None:
        self._mailer = mailer
        self._texts = texts
        self._recipients = recipients
        self._accounts = accounts
        self._processed = processed
        self._sign_in_url = sign_in_url

    async def _case_recipient(self, case_id: UUID, position: int) -> Recipient | None:
        # The contacts read model usually trails the relay by milliseconds: wait a
        # little for it rather than spend a full retry delay.
        for _attempt in range(CATCH_UP_POLLS):
            try:
                return await self._recipients.for_case(case_id, as_of_position=position)
            except NotYetProjected:
                await asyncio.sleep(CATCH_UP_PAUSE)
        return await self._recipients.for_case(case_id, as_of_position=position)

    async def _about_case(
        self, message: IncomingMessage, event: IntegrationEvent
    ) -> tuple[Recipient | None, Letter]:
        assert isinstance(event, CaseEvent)
        position = int(str(message.headers.get("position", 0)))
        recipient = await self._case_recipient(event.aggregate_id, position)
        wording = WORDINGS[message.routing_key]
        with use_language(_language(recipient)):
            first = self._first(recipient)
            text = compose_text(self._texts, event, message.routing_key, first, self._sign_in_url)
            return recipient, Letter(_(wording.subject), text)

    async def _about_account(
        self, message: IncomingMessage, event: IntegrationEvent
    ) -> tuple[Recipient | None, Letter] | None:
        notice = SECURITY_NOTICES[message.routing_key]
        if not notice.applies(event):
            return None
        version = event.version - 1 if notice.to_previous_address else event.version
        recipient = await self._accounts.at_version(event.aggregate_id, version)
        zone = None if recipient is None else recipient.time_zone
        with use_language(_language(recipient)):
            first = self._first(recipient)
            text = compose_security_text(notice, event, first, self._sign_in_url, zone)
            return recipient, Letter(_(notice.subject), text)

    async def _about_correspondence(
        self, message: IncomingMessage, event: IntegrationEvent
    ) -> tuple[Recipient | None, Letter] | None:
        email = CORRESPONDENCE_EMAILS[message.routing_key]
        if not email.applies(event):
            return None
        position = int(str(message.headers.get("position", 0)))
        recipient = await self._case_recipient(case_of(event), position)
        with use_language(_language(recipient)):
            first = self._first(recipient)
            text = compose_correspondence_text(self._texts, email, first, self._sign_in_url)
            return recipient, Letter(_(email.subject), text)

    @staticmethod
    def _first(recipient: Recipient | None) -> str:
        return "" if recipient is None else recipient.first_name

    async def handle(self, message: IncomingMessage) -> None:
        """Email the case's applicant or the account's holder, once; raising retries later."""
        key = message.routing_key
        if key not in WORDINGS and key not in SECURITY_NOTICES and key not in CORRESPONDENCE_EMAILS:
            return
        event = parse_message(key, message.body)
        if key in WORDINGS:
            recipient, letter = await self._about_case(message, event)
        else:
            about = self._about_account if key in SECURITY_NOTICES else self._about_correspondence
            found = await about(message, event)
            if found is None:
                return
            recipient, letter = found
        async with self._processed.first_time(CONSUMER, message.message_id) as first:
            if not first:
                log.info("notification_repeat_skipped", message_id=message.message_id)
                return
            if recipient is None:
                # Expected, not news: the demo history's cases have no contact (hundreds at
                # start-up, which would bury the demo accounts `make run` prints).
                log.debug("notification_without_recipient", aggregate_id=str(event.aggregate_id))
                return
            await self._mailer.send(
                Email(
                    # Derived from the event id, so a repeat after a crash carries the same id.
                    message_id=f"{message.message_id}.notification",
                    to=recipient.email,
                    subject=letter.subject,
                    text=letter.text,
                )
            )
            log.info("notification_sent", aggregate_id=str(event.aggregate_id), kind=key)
