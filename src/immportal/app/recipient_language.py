"""The language and time zone a person chose for what is sent to them, looked up when sent."""

from uuid import UUID

import asyncpg

from immportal.domain.cases.case import Case
from immportal.projections.account_profiles import get_language
from immportal.projections.base import view_name


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

    async def zone_for_case(self, case: Case) -> str | None:
        """The time zone the applicant chose on their account; None if none (or no account)."""
        try:
            account_id = UUID(case.applicant_id)
        except ValueError:
            return None
        chosen: str | None = await self._pool.fetchval(
            f"SELECT time_zone FROM {view_name('account_profiles')} WHERE account_id = $1",
            account_id,
        )
        return chosen
