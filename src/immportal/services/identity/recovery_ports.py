"""What account recovery needs besides the identity ports: open-attempt claims, case lookup."""

from __future__ import annotations

from datetime import datetime
from typing import Protocol
from uuid import UUID


class RecoveryClaims(Protocol):
    """Which recovery attempt is open for each account; at most one per account."""

    async def claim(self, account_id: UUID, recovery_id: UUID, at: datetime) -> bool:
        """Mark the attempt as the account's open one; False if another attempt is open."""
        ...

    async def find(self, account_id: UUID) -> UUID | None:
        """The account's open attempt, if any."""
        ...

    async def release(self, account_id: UUID, recovery_id: UUID) -> None:
        """Forget the claim, only if this attempt holds it."""
        ...

    async def replace(
        self, account_id: UUID, holder: UUID, recovery_id: UUID, at: datetime
    ) -> bool:
        """Hand the claim from `holder` to another attempt; False if `holder` no longer has it."""
        ...

    async def open_recoveries(self, limit: int) -> list[UUID]:
        """The open attempts, oldest first."""
        ...


class CaseFinder(Protocol):
    """Cases by receipt number."""

    async def case_with_receipt(self, receipt_number: str) -> UUID | None:
        """The case that was given this receipt number (as printed), if any."""
        ...
