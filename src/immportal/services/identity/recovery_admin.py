"""Administrators look at open and locked account recoveries and approve or refuse them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from uuid import UUID, uuid4

import structlog

from immportal.domain.actor import Actor
from immportal.domain.identity.account import Account
from immportal.domain.identity.recovery import AccountRecovery, CancelReason
from immportal.errors import NotFound
from immportal.services.identity.recovery_book import RecoveryBook
from immportal.services.identity.retry import retrying
from immportal.services.repository import Repository

log = structlog.get_logger(__name__)


@dataclass(frozen=True)
class OpenRecovery:
    """What an administrator sees of an open attempt, or of one whose lockout is running."""

    recovery: AccountRecovery
    email: str
    names: list[str]
    locked_until: datetime | None = None
    """Set for an attempt ended after wrong proofs that still bars the account."""


class RecoveryAdminService:
    """Open and locked attempts; each decision names the administrator and why."""

    def __init__(self, repository: Repository, book: RecoveryBook) -> None:
        self._repository, self._book = repository, book

    async def get(self, recovery_id: UUID, now: datetime) -> OpenRecovery:
        """One open or locking attempt; NotFound if there is none by that id."""
        recovery = await self._repository.get(AccountRecovery, recovery_id)
        account = await self._repository.get(Account, recovery.account_id)
        current = await self._book.open_for(account, now)
        if current is not None and current.id == recovery.id:
            return OpenRecovery(current, account.email, list(account.names))
        locking = await self._book.locking(account, now)
        if locking is not None and locking.id == recovery.id:
            until = locking.locked_until(now)
            return OpenRecovery(locking, account.email, list(account.names), until)
        raise NotFound(f"no open account recovery {recovery_id}")

    async def approve(self, recovery_id: UUID, admin: Actor, note: str, now: datetime) -> UUID:
        """Approve and complete at once: the second factor is reset; return the account id.

        `note` says how the administrator checked the person's identity. For an attempt
        that locked the account, a new one is opened on the person's behalf and completed.
        Ending the account's sessions is the web layer's job.
        """
        found = await self.get(recovery_id, now)
        if found.locked_until is not None:
            return await self._approve_locked(found.recovery, admin, note, now)

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

    async def _approve_locked(
        self, locking: AccountRecovery, admin: Actor, note: str, now: datetime
    ) -> UUID:
        """Open a new attempt for the locked-out person, approve and complete it."""
        new_id = uuid4()

        def opened(account: Account) -> AccountRecovery:
            recovery = AccountRecovery.open_for_person(
                recovery_id=new_id,
                account_id=account.id,
                replaces=locking.id,
                actor=admin,
                note=note,
                at=now,
            )
            recovery.approve(admin, note, now)
            recovery.complete(admin, now)
            reason = f"Account recovery {new_id} opened and approved by an administrator"
            account.reset_second_factor(admin, f"{reason} after the lockout of {locking.id}")
            return recovery

        # A wrong actor or a missing note is refused before the claim changes hands.
        opened(await self._repository.get(Account, locking.account_id))
        if not await self._book.take_over(locking, new_id, now):
            raise NotFound(f"no locked account recovery {locking.id}")

        async def attempt() -> AccountRecovery:
            account = await self._repository.get(Account, locking.account_id)
            recovery = opened(account)
            await self._repository.save(recovery, account)
            return recovery

        try:
            recovery = await retrying(attempt)
        except Exception:
            await self._book.give_back(locking, new_id, now)
            raise
        await self._book.release(recovery)
        log.info(
            "account_recovery_completed",
            recovery_id=str(new_id),
            replaces=str(locking.id),
            by="admin",
        )
        return recovery.account_id

    async def refuse(self, recovery_id: UUID, admin: Actor, note: str, now: datetime) -> None:
        """Cancel an open attempt the administrator does not trust, saying why."""

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
