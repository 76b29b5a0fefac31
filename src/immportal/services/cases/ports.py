"""What the case services and pages need from the outside world: receipts, limits, staffing."""

from dataclasses import dataclass
from datetime import date, datetime
from typing import Protocol
from uuid import UUID

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


class AttemptLimits(Protocol):
    """Counts attempts per subject (an account, a network address) in fixed windows."""

    async def record(self, subject: str, now: datetime) -> LookupAllowance:
        """Count one attempt by the subject; refused once the window's limit is passed."""
        ...


@dataclass(frozen=True)
class ReceiptHolder:
    """Which case a receipt number names, and the account it is in ("" for none)."""

    case_id: UUID
    applicant_id: str


class ReceiptDirectory(Protocol):
    """Finds cases by receipt number in the read models."""

    async def holder(self, receipt_number: str) -> ReceiptHolder | None:
        """The case with this receipt number and its account, or None."""
        ...
