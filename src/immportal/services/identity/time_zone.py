"""Choose the time zone an account holder's dates and times are shown in."""

from __future__ import annotations

from uuid import UUID

import structlog

from immportal.domain.identity.account import Account
from immportal.services.identity.retry import retrying
from immportal.services.repository import Repository

log = structlog.get_logger(__name__)


class TimeZoneService:
    """Record the zone the holder chose (TimeZoneChosen) on their account."""

    def __init__(self, repository: Repository) -> None:
        self._repository = repository

    async def choose(self, account_id: UUID, zone: str) -> int:
        """Record `zone` as the holder's; the log position written (0 when it was already so)."""

        async def attempt() -> list[int]:
            account = await self._repository.get(Account, account_id)
            account.choose_time_zone(account.holder, zone)
            return await self._repository.save(account)

        positions = await retrying(attempt)
        log.info("time_zone_chosen", zone=zone, changed=bool(positions))
        return max(positions, default=0)
