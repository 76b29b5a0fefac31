"""A signed-in person changes their password: check the current one, then store the new one."""

from __future__ import annotations

from datetime import datetime
from uuid import UUID

import structlog

from immportal.domain.identity.account import Account
from immportal.domain.identity.passwords import normalise_password, require_acceptable_password
from immportal.services.identity.accounts import AccountService
from immportal.services.identity.hashing import hash_password
from immportal.services.identity.ports import PasswordHasher
from immportal.services.identity.retry import retrying
from immportal.services.repository import Repository

log = structlog.get_logger(__name__)


class PasswordChangeService:
    """Changes the password of a signed-in account.

    The account's email hears of it from the notification consumer (PasswordChanged).
    """

    def __init__(
        self,
        accounts: AccountService,
        repository: Repository,
        hasher: PasswordHasher,
    ) -> None:
        self._accounts, self._repository, self._hasher = accounts, repository, hasher

    async def change_password(
        self, account_id: UUID, current: str, new: str, now: datetime
    ) -> None:
        """Replace the password once the current one is right and the new one is allowed.

        Raises WrongPassword (the wrong try counts towards the sign-in delay) or
        PasswordRejected with its reasons. Ending other sessions is the web layer's job.
        """
        await self._accounts.verify_password(account_id, current, now)
        account = await self._accounts.get(account_id)
        require_acceptable_password(new, email=account.email, names=account.names)
        hashed = await hash_password(self._hasher, normalise_password(new))

        async def attempt() -> Account:
            fresh = await self._accounts.get(account_id)
            fresh.change_password(fresh.holder, hashed)
            await self._repository.save(fresh)
            return fresh

        await retrying(attempt)
        log.info("password_changed", account_id=str(account_id))
