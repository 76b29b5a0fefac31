"""The language a person chose for what is sent to them, looked up when it is sent."""

from uuid import UUID

import asyncpg

from immportal.domain.cases.case import Case
from immportal.projections.account_profiles import get_language


class RecipientLanguages:
    """Reads the account's chosen language from `account_profiles`; None until chosen."""

    def __init__(self, pool: asyncpg.Pool, offered: tuple[str, ...]) -> None:
        self._pool = pool
        self._offered = offered

    async def for_account(self, account_id: UUID) -> str | None:
        """The holder's language, None when they chose none (or one no longer offered)."""
        chosen = await get_language(self._pool, account_id)
        return chosen if chosen in self._offered else None

    async def for_case(self, case: Case) -> str | None:
        """The language of the account that applied; None for a case filed on paper."""
        try:
            account_id = UUID(case.applicant_id)
        except ValueError:
            # Cases entered from paper name their applicant otherwise: no account to ask.
            return None
        return await self.for_account(account_id)
