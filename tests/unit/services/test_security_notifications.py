"""The notification consumer writes security emails to account holders, once each."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import datetime, timedelta, timezone
from uuid import UUID, uuid4

import orjson

from immportal.adapters.mail.texts import JinjaMailTexts
from immportal.integration.account_contracts import AccountEvent, AccountSignedIn
from immportal.integration.base import IntegrationEvent, event_id
from immportal.integration.ports import IncomingMessage
from immportal.services.notifications.consumer import NotificationConsumer
from immportal.services.notifications.ports import Email, Recipient

ACCOUNT = uuid4()
AT = datetime(2027, 3, 1, 4, 0, tzinfo=timezone(timedelta(hours=-5)))
ADDRESSES = {1: "old@example.org", 2: "old@example.org", 3: "new@example.org"}


class Addresses:
    """The account's address by version: changed to a new one at version 3."""

    async def at_version(self, account_id: UUID, version: int) -> Recipient | None:
        """The address as of a version."""
        found = ADDRESSES.get(version) if account_id == ACCOUNT else None
        # With the new address the person also chose Hawaii's time zone.
        zone = "Pacific/Honolulu" if version >= 3 else "America/New_York"
        return None if found is None else Recipient(found, "Maria", zone)


class NoCases:
    """No case recipients are needed here."""

    async def for_case(self, case_id: UUID, *, as_of_position: int) -> Recipient | None:
        """Never asked in these tests."""
        raise AssertionError("not a case event")


class Remembered:
    """Processed message ids, in memory."""

    def __init__(self) -> None:
        self.seen: set[str] = set()

    @asynccontextmanager
    async def first_time(self, consumer: str, message_id: str) -> AsyncIterator[bool]:
        """True the first time a message id comes."""
        first = message_id not in self.seen
        yield first
        self.seen.add(message_id)


class Outbox:
    """The mails sent."""

    def __init__(self) -> None:
        self.sent: list[Email] = []

    async def send(self, email: Email) -> None:
        """Keep the mail."""
        self.sent.append(email)


def consumer() -> tuple[NotificationConsumer, Outbox]:
    """A consumer on in-memory parts."""
    outbox = Outbox()
    made = NotificationConsumer(
        mailer=outbox,
        recipients=NoCases(),
        accounts=Addresses(),
        processed=Remembered(),
        sign_in_url="https://portal.example.gov/",
        texts=JinjaMailTexts(),
    )
    return made, outbox


def message(key: str, event: IntegrationEvent) -> IncomingMessage:
    """The delivery of an integration event."""
    body = orjson.dumps(event.model_dump(mode="json"))
    return IncomingMessage(str(event.event_id), key, body, {"position": event.version})


def account_event(version: int, **fields: object) -> dict[str, object]:
    """The common fields of an account event at a version."""
    base = {"aggregate_id": ACCOUNT, "version": version, "occurred_at": AT}
    return {"event_id": event_id(ACCOUNT, version), **base, **fields}


class TestSecurityEmails:
    """Which account events write, to whom, and what."""

    async def test_password_change_notice(self) -> None:
        """One email to the current address, the time in the person's zone, a sign-in link."""
        made, outbox = consumer()
        await made.handle(message("account.password_changed", AccountEvent(**account_event(2))))
        (mail,) = outbox.sent
        assert ("old@example.org", "Your password was changed") == (mail.to, mail.subject)
        assert "changed on March 1, 2027, 4:00 AM EST." in mail.text
        assert "https://portal.example.gov/" in mail.text
        assert mail.text.startswith("Hello Maria,")

    async def test_time_in_the_persons_chosen_zone(self) -> None:
        """Someone who chose Hawaii's zone reads the time there."""
        made, outbox = consumer()
        await made.handle(message("account.password_changed", AccountEvent(**account_event(3))))
        (mail,) = outbox.sent
        assert "changed on February 28, 2027, 11:00 PM HST." in mail.text

    async def test_email_change_goes_to_the_old_address(self) -> None:
        """The address that was replaced hears of it, not the new one."""
        made, outbox = consumer()
        await made.handle(message("account.email_changed", AccountEvent(**account_event(3))))
        assert [("old@example.org", "Your email address was changed")] == [
            (m.to, m.subject) for m in outbox.sent
        ]

    async def test_new_browser_only(self) -> None:
        """A sign-in from a known browser writes nothing; a new one writes once."""
        made, outbox = consumer()
        known = AccountSignedIn(**account_event(1), new_browser=False)
        new = AccountSignedIn(**account_event(2), new_browser=True)
        for event in (known, new, new):
            await made.handle(message("account.signed_in", event))
        assert ["New sign-in to your account"] == [m.subject for m in outbox.sent]

    async def test_repeat_delivery_writes_once(self) -> None:
        """The same message twice gives one email, with an id derived from the event."""
        made, outbox = consumer()
        event = AccountEvent(**account_event(2))
        for _ in range(2):
            await made.handle(message("account.second_factor_reset", event))
        assert [f"{event.event_id}.notification"] == [m.message_id for m in outbox.sent]

    async def test_quiet_events_write_nothing(self) -> None:
        """Registration and verification are not security notices."""
        made, outbox = consumer()
        await made.handle(message("account.email_verified", AccountEvent(**account_event(2))))
        assert [] == outbox.sent

    async def test_no_address_no_email(self) -> None:
        """An account that cannot be found gets no email, and nothing fails."""
        made, outbox = consumer()
        stranger = AccountEvent(**{**account_event(2), "aggregate_id": uuid4()})
        await made.handle(message("account.password_changed", stranger))
        assert [] == outbox.sent
