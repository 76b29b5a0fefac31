"""Choose the language an account holder reads the portal, emails and notices in."""

from __future__ import annotations

from collections.abc import Collection
from uuid import UUID

import structlog

from immportal.domain.errors import InvalidArgument
from immportal.domain.identity.account import Account
from immportal.i18n import N_
from immportal.services.identity.retry import retrying
from immportal.services.repository import Repository

log = structlog.get_logger(__name__)


class LanguageService:
    """Record the language the holder chose (LanguageChosen) on their account."""

    def __init__(self, repository: Repository, offered: Collection[str]) -> None:
        self._repository = repository
        self._offered = frozenset(offered)

    async def choose(self, account_id: UUID, language: str) -> int:
        """Record `language` as the holder's; the log position written (0 when already so)."""
        if language not in self._offered:
            raise InvalidArgument(N_("Choose a language from the list."))

        async def attempt() -> list[int]:
            account = await self._repository.get(Account, account_id)
            account.choose_language(account.holder, language)
            return await self._repository.save(account)

        positions = await retrying(attempt)
        log.info("language_chosen", language=language, changed=bool(positions))
        return max(positions, default=0)
