"""Open recovery attempts: start one per account, find it, and notice when it must end."""

from __future__ import annotations

from datetime import datetime
from uuid import UUID

import structlog

from immportal.domain.actor import Actor
from immportal.domain.identity.account import Account
from immportal.domain.identity.recovery import AccountRecovery, CancelReason
from immportal.domain.identity.recovery_errors import (
    RECOVERY_LOCKED,
    RECOVERY_UNDER_WAY,
    RecoveryLocked,
    RecoveryUnderWay,
)
from immportal.errors import NotFound
from immportal.services.identity.recovery_ports import RecoveryClaims
from immportal.services.repository import Repository

log = structlog.get_logger(__name__)


def signed_in_since(account: Account, recovery: AccountRecovery) -> bool:
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
            # An attempt ended by wrong proofs keeps its claim for a day, barring new ones.
            if recovery.locked_until(now) is None:
                await self.release(recovery)
            return None
        return recovery

    async def locked_until(self, account: Account, now: datetime) -> datetime | None:
        """Until when wrong proofs bar the account from a new attempt, if they do."""
        recovery_id = await self._claims.find(account.id)
        if recovery_id is None:
            return None
        try:
            recovery = await self._repository.get(AccountRecovery, recovery_id)
        except NotFound:
            return None
        return recovery.locked_until(now)

    async def start(self, account: Account, link_digest: str, now: datetime) -> AccountRecovery:
        """Open an attempt from a first link; raise RecoveryUnderWay or RecoveryLocked if barred."""
        recovery = AccountRecovery.request(
            account_id=account.id, link_digest=link_digest, actor=account.holder, at=now
        )
        if not await self._claims.claim(account.id, recovery.id, now):
            until = await self.locked_until(account, now)
            if until is not None:
                raise RecoveryLocked(RECOVERY_LOCKED, until=until)
            raise RecoveryUnderWay(RECOVERY_UNDER_WAY)
        await self._repository.save(recovery)
        log.info("account_recovery_requested", recovery_id=str(recovery.id))
        return recovery

    async def release(self, recovery: AccountRecovery) -> None:
        """Forget a closed attempt, so the account may start another."""
        await self._claims.release(recovery.account_id, recovery.id)

    async def open_ids(self, limit: int) -> list[UUID]:
        """The attempts claimed as open, oldest first (some may have ended since)."""
        return await self._claims.open_recoveries(limit)
