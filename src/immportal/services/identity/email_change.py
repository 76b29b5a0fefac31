"""A signed-in person moves their account to a new email address, proven by a link sent there.

The new address is reserved in the email index when the link is sent, so nobody else
can take it meanwhile; the old address is given up only once EmailChanged is recorded.
The notice to the old address comes from the notification consumer, on that event.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Protocol
from uuid import UUID

import structlog

from immportal.domain.errors import InvalidArgument
from immportal.domain.identity.account import Account
from immportal.domain.identity.emails import email_key, normalise_email
from immportal.domain.identity.errors import LINK_INVALID, EmailTaken, LinkInvalid
from immportal.i18n import N_
from immportal.services.identity import link_emails
from immportal.services.identity.ports import LinkGrant, LinkPurpose, TokenStore
from immportal.services.identity.profiles import AccountProfile
from immportal.services.identity.retry import retrying
from immportal.services.notifications.ports import Mailer
from immportal.services.ports import EventStore
from immportal.services.repository import Repository

log = structlog.get_logger(__name__)

CHANGE_TTL = timedelta(hours=24)
SAME_ADDRESS = N_("This is already your email address. Enter a different one")
ADDRESS_IN_USE = N_("Another account uses this email address. Enter a different one")


@dataclass(frozen=True)
class RequestedChange:
    """What a change-email link stands for."""

    account_id: UUID
    email: str
    requested_at_version: int
    """The account's version when the link was sent: a later email change kills it."""


class EmailReservations(Protocol):
    """The email index, holding new addresses for changes in progress."""

    async def find(self, email_key: str) -> UUID | None:
        """The account holding the address, if any (reservations do not count)."""
        ...

    async def reserve(self, email_key: str, account_id: UUID, until: datetime) -> bool:
        """Keep the address for the account until then; False if another account has it."""
        ...

    async def keep(self, email_key: str, account_id: UUID) -> bool:
        """Keep the account's reservation until moved or released; False if it is gone."""
        ...

    async def move(self, account_id: UUID, email_key: str) -> bool:
        """Make the reserved address the account's own and drop its others; False if none."""
        ...

    async def unreserve(self, email_key: str, account_id: UUID) -> None:
        """Drop the account's reservation of the address (never an address it holds)."""
        ...


class EmailChanges(Protocol):
    """What each change-email link stands for, by the link's digest."""

    async def add(self, digest: str, change: RequestedChange) -> None:
        """Remember the change a newly issued link stands for."""
        ...

    async def get(self, digest: str) -> RequestedChange | None:
        """The change a link stands for, if it was one."""
        ...


class EmailChangeService:
    """Sends the link to the new address, and switches the account over when it comes back."""

    def __init__(
        self,
        repository: Repository,
        events: EventStore,
        links: TokenStore,
        reservations: EmailReservations,
        changes: EmailChanges,
        mailer: Mailer,
        public_url: str,
    ) -> None:
        self._repository, self._events, self._links = repository, events, links
        self._reservations, self._changes = reservations, changes
        self._mailer, self._public_url = mailer, public_url

    async def request_change(self, account_id: UUID, new_email: str, now: datetime) -> str:
        """Reserve the new address and email it a link, valid 24 hours; return the address.

        Raises InvalidArgument (not an address, or the current one), EmailTaken (another
        account holds or is moving to it) and MailUnavailable.
        """
        address = normalise_email(new_email)
        account = await self._repository.get(Account, account_id)
        key = email_key(address)
        if key == account.email_key:
            raise InvalidArgument(SAME_ADDRESS)
        if not await self._reservations.reserve(key, account.id, now + CHANGE_TTL):
            raise EmailTaken(ADDRESS_IN_USE)
        issued = await self._links.issue(
            account.id,
            LinkPurpose.CHANGE_EMAIL,
            ttl=CHANGE_TTL,
            password_version=account.password_version,
            now=now,
        )
        await self._changes.add(
            issued.digest, RequestedChange(account.id, address, account.version)
        )
        url = link_emails.link(self._public_url, link_emails.CHANGE_EMAIL_PATH, issued.token)
        mail = link_emails.change_email_email(
            address, account.first_name, url, issued.digest, CHANGE_TTL
        )
        await self._mailer.send(mail)
        log.info("email_change_link_sent", account_id=str(account.id))
        return address

    async def check_link(self, token: str, now: datetime) -> RequestedChange:
        """The change a link would make, without spending it; else raise LinkInvalid."""
        grant = await self._links.check(token, LinkPurpose.CHANGE_EMAIL, now)
        change = await self._change_of(grant)
        await self._current(grant, change)
        return change

    async def confirm_change(self, token: str, now: datetime) -> UUID:
        """Spend the link, record EmailChanged and move the index entry; else LinkInvalid.

        A link is dead once used or expired, after a password change, and after any
        other change of email address since it was sent. A dead link leaves the
        reservation alone: it lapses with the newest link to the address, and a newer
        request for the same address shares it.
        """
        grant = await self._links.consume(token, LinkPurpose.CHANGE_EMAIL, now)
        change = await self._change_of(grant)
        await self._current(grant, change)
        key = email_key(change.email)
        if not await self._reservations.keep(key, change.account_id):
            log.warning("email_change_reservation_lost", account_id=str(change.account_id))
            raise LinkInvalid(LINK_INVALID)

        async def attempt() -> None:
            account = await self._current(grant, change)
            account.change_email(account.holder, change.email)
            await self._repository.save(account)

        try:
            await retrying(attempt)
        except LinkInvalid:
            # Another change won the race after the reservation was made to last.
            await self._reservations.unreserve(key, change.account_id)
            raise
        # Only now, with the change recorded, does the old address go.
        await self._reservations.move(change.account_id, key)
        log.info("email_changed", account_id=str(change.account_id))
        return change.account_id

    async def settle(self, account: Account | AccountProfile) -> None:
        """Finish a change whose index move was cut off after EmailChanged was recorded.

        A profile a moment behind the account is safe here: the index moves only to an
        address the account still has a row for, which an old address no longer is.
        """
        if await self._reservations.find(account.email_key) == account.id:
            return
        if await self._reservations.move(account.id, account.email_key):
            log.warning("email_change_settled", account_id=str(account.id))

    async def _change_of(self, grant: LinkGrant) -> RequestedChange:
        change = await self._changes.get(grant.digest)
        if change is None or change.account_id != grant.account_id:
            raise LinkInvalid(LINK_INVALID)
        return change

    async def _current(self, grant: LinkGrant, change: RequestedChange) -> Account:
        """The account, if the link still stands: same password, no email change since."""
        account = await self._repository.get(Account, change.account_id)
        events = await self._events.read_stream(change.account_id)
        changed_since = any(
            type(event).__name__ == "EmailChanged"
            and event.originator_version > change.requested_at_version
            for event in events
        )
        if account.password_version != grant.password_version or changed_since:
            log.info("link_outdated", account_id=str(change.account_id))
            raise LinkInvalid(LINK_INVALID)
        return account
