"""What the case services and pages need from the outside world: receipt numbers, lookup limits."""

from dataclasses import dataclass
from datetime import date, datetime
from typing import Protocol


class ReceiptNumberIssuer(Protocol):
    """Hands out receipt numbers that are never issued twice."""

    async def issue(self, office_code: str, on: date) -> str:
        """The next receipt number for an office."""
        ...


@dataclass(frozen=True)
class LookupAllowance:
    """Whether a lookup may go ahead, and if not, how long until it may."""

    allowed: bool
    retry_after_seconds: int = 0


class LookupLimits(Protocol):
    """Counts public case-status lookups per client address."""

    async def record(self, address: str | None, now: datetime) -> LookupAllowance:
        """Count one lookup from the address; refused once the window's limit is passed."""
        ...
