"""What the case services and pages need from the outside world: receipts, limits, staffing."""

from dataclasses import dataclass
from datetime import date, datetime
from typing import Protocol

from immportal.domain.cases.routing import Staffing


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


class OfficeStaffing(Protocol):
    """Who works at each office and how many open cases it holds, for routing new filings."""

    async def staffing(self) -> dict[str, Staffing]:
        """Active officers, supervisors and open cases per office code."""
        ...
