"""Open recovery attempts: start one per account, find it, and notice when it must end."""

from __future__ import annotations

from datetime import datetime
from uuid import UUID

import structlog

from immportal.domain.actor import Actor
from immportal.domain.identity.account import Account
from immportal.domain.identity.recovery import AccountRecovery, CancelReason
from immportal.domain.identity.recovery_errors import RECOVERY_UNDER_WAY, RecoveryUnderWay
from immportal.errors import NotFound
from immportal.services.identity.ports import RecoveryClaims
from immportal.services.identity.profiles import AccountProfile
from immportal.services.identity.recovery_records import RecoveryRecord
from immportal.services.repository import Repository

log = structlog.get_logger(__name__)


def signed_in_since(
    account: Account | AccountProfile, recovery: AccountRecovery | RecoveryRecord
) -> bool:
    """Whether the person signed in, second factor and all, after the attempt began."""
    last = account.last_sign_in_at
    return last is not None and last > recovery.requested_at


class RecoveryBook:
    """The open attempt of each account, kept in step with the attempts' own events."""

    def __init__(self, repository: Repository, claims: RecoveryClaims) -> None:
        self._repository, self._claims = repository, claims

    async def open_for(self, account: Account, now: datetime) -> AccountRecovery | None:
        """The account's open attempt; one the person has since signed in past is cancelled."""
        recovery_id = await self._claims.find(account.id)
        if recovery_id is None:
            return None
        try:
            recovery = await self._repository.get(AccountRecovery, recovery_id)
        except NotFound:
            # Claimed, then the save failed: nothing was ever open.
            await self._claims.release(account.id, recovery_id)
            return None
        if recovery.is_open and signed_in_since(account, recovery):
            # Someone who can still sign in with their second factor has not lost it.
            recovery.cancel(Actor.system(), CancelReason.SIGNED_IN, now)
            await self._repository.save(recovery)
            log.info("account_recovery_cancelled", recovery_id=str(recovery.id), reason="signed_in")
        if not recovery.is_open:
            # An attempt ended after wrong proofs keeps its claim for a day, barring new ones.
            if recovery.locked_until(now) is None:
                await self.release(recovery)
            return None
        return recovery

    async def locking(self, account: Account, now: datetime) -> AccountRecovery | None:
        """The ended attempt whose wrong proofs bar the account from a new one, if any."""
        recovery_id = await self._claims.find(account.id)
        if recovery_id is None:
            return None
        try:
            recovery = await self._repository.get(AccountRecovery, recovery_id)
        except NotFound:
            return None
        return recovery if recovery.locked_until(now) is not None else None

    async def check_not_locked(self, account: Account, now: datetime) -> None:
        """Raise RecoveryLocked while wrong proofs bar the account from a new attempt."""
        locking = await self.locking(account, now)
        if locking is not None:
            locking.check_not_locking(now)

    async def take_over(self, locking: AccountRecovery, recovery_id: UUID, at: datetime) -> bool:
        """Let an attempt an administrator opens hold the claim of the one that locked."""
        return await self._claims.replace(locking.account_id, locking.id, recovery_id, at)

    async def give_back(self, locking: AccountRecovery, recovery_id: UUID, at: datetime) -> None:
        """Undo take_over when the new attempt could not be saved: the lockout stays."""
        await self._claims.replace(locking.account_id, recovery_id, locking.id, at)

    async def start(self, account: Account, link_digest: str, now: datetime) -> AccountRecovery:
        """Open an attempt from a first link; raise RecoveryUnderWay or RecoveryLocked if barred."""
        recovery = AccountRecovery.request(
            account_id=account.id, link_digest=link_digest, actor=account.holder, at=now
        )
        if not await self._claims.claim(account.id, recovery.id, now):
            await self.check_not_locked(account, now)
            raise RecoveryUnderWay(RECOVERY_UNDER_WAY)
        await self._repository.save(recovery)
        log.info("account_recovery_requested", recovery_id=str(recovery.id))
        return recovery

    async def release(self, recovery: AccountRecovery) -> None:
        """Forget a closed attempt, so the account may start another."""
        await self._claims.release(recovery.account_id, recovery.id)
