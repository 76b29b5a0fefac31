"""Administrators look at open account recoveries and approve or refuse them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

import structlog

from immportal.domain.actor import Actor
from immportal.domain.identity.account import Account
from immportal.domain.identity.recovery import AccountRecovery, CancelReason
from immportal.errors import NotFound
from immportal.services.identity.recovery_book import RecoveryBook
from immportal.services.identity.retry import retrying
from immportal.services.repository import Repository

log = structlog.get_logger(__name__)

LIST_LIMIT = 200


@dataclass(frozen=True)
class OpenRecovery:
    """What an administrator sees of an open attempt."""

    recovery: AccountRecovery
    email: str
    names: list[str]


class RecoveryAdminService:
    """Open attempts for administrators; each decision names the administrator and why."""

    def __init__(self, repository: Repository, book: RecoveryBook) -> None:
        self._repository, self._book = repository, book

    async def open_recoveries(self, now: datetime) -> list[OpenRecovery]:
        """Every open attempt, oldest first."""
        found = []
        for recovery_id in await self._book.open_ids(LIST_LIMIT):
            try:
                found.append(await self.get(recovery_id, now))
            except NotFound:
                continue  # it ended while we looked
        return found

    async def get(self, recovery_id: UUID, now: datetime) -> OpenRecovery:
        """One open attempt; NotFound if there is none by that id or it has ended."""
        recovery, account = await self._open(recovery_id, now)
        return OpenRecovery(recovery, account.email, list(account.names))

    async def approve(self, recovery_id: UUID, admin: Actor, note: str, now: datetime) -> UUID:
        """Approve and complete at once: the second factor is reset; return the account id.

        `note` says how the administrator checked the person's identity. Ending the
        account's sessions is the web layer's job.
        """

        async def attempt() -> AccountRecovery:
            recovery, account = await self._open(recovery_id, now)
            recovery.approve(admin, note, now)
            recovery.complete(admin, now)
            reason = f"Account recovery {recovery.id} approved by an administrator"
            account.reset_second_factor(admin, reason)
            await self._repository.save(recovery, account)
            return recovery

        recovery = await retrying(attempt)
        await self._book.release(recovery)
        log.info("account_recovery_completed", recovery_id=str(recovery_id), by="admin")
        return recovery.account_id

    async def refuse(self, recovery_id: UUID, admin: Actor, note: str, now: datetime) -> None:
        """Cancel an attempt the administrator does not trust, saying why."""

        async def attempt() -> AccountRecovery:
            recovery, _ = await self._open(recovery_id, now)
            recovery.cancel(admin, CancelReason.REFUSED, now, note)
            await self._repository.save(recovery)
            return recovery

        await self._book.release(await retrying(attempt))
        log.info("account_recovery_cancelled", recovery_id=str(recovery_id), reason="refused")

    async def _open(self, recovery_id: UUID, now: datetime) -> tuple[AccountRecovery, Account]:
        recovery = await self._repository.get(AccountRecovery, recovery_id)
        account = await self._repository.get(Account, recovery.account_id)
        current = await self._book.open_for(account, now)
        if current is None or current.id != recovery.id:
            raise NotFound(f"no open account recovery {recovery_id}")
        return current, account
