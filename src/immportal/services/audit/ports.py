"""What the audit services need from storage: the log to search, access records, the chain check."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any, Protocol
from uuid import UUID

from immportal.domain.actor import Role


@dataclass(frozen=True)
class ChainReport:
    """The outcome of one verification run."""

    checked: int
    head: int
    first_broken: int | None = None
    problem: str | None = None

    @property
    def intact(self) -> bool:
        """Whether every event is where it was written, as it was written."""
        return self.first_broken is None


class ChainVerifier(Protocol):
    """Recomputes the hash chain, over the whole log or one case's events."""

    async def verify_log(self) -> ChainReport:
        """Every event of the global log, in order."""
        ...

    async def verify_case(self, case_id: UUID) -> ChainReport:
        """One case's events: each where it was written, as it was written."""
        ...


class Viewed(StrEnum):
    """What was looked at."""

    PAGE = "page"
    DOCUMENT = "document"
    EXPORT = "export"


@dataclass(frozen=True)
class Access:
    """One recorded view, as auditors read it."""

    viewer_id: UUID
    viewer_role: str
    office: str | None
    case_id: UUID
    document_id: str | None
    what: str
    at: datetime


class AccessLog(Protocol):
    """The append-only store of access records."""

    async def add(
        self,
        *,
        viewer_id: UUID,
        viewer_role: Role,
        office: str | None,
        case_id: UUID,
        what: Viewed,
        document_id: str | None,
    ) -> None:
        """Append one record."""
        ...

    async def for_case(self, case_id: UUID, limit: int) -> list[Access]:
        """A case's records, newest first."""
        ...


@dataclass(frozen=True)
class LogCriteria:
    """What the database itself can filter on: position, aggregate, topic, time."""

    aggregate_id: UUID | None = None
    topics: tuple[str, ...] = ()
    since: datetime | None = None
    until: datetime | None = None


@dataclass(frozen=True)
class LoggedEvent:
    """One row of the log with its decoded event (None if it could not be decoded)."""

    position: int
    aggregate_id: UUID
    version: int
    topic: str
    recorded_at: datetime
    event: Any


class AuditLog(Protocol):
    """Read access to the global log for auditors."""

    async def scan(self, criteria: LogCriteria, after: int, limit: int) -> list[LoggedEvent]:
        """Up to `limit` matching rows after position `after`, in log order."""
        ...

    async def aggregate_events(self, aggregate_id: UUID) -> list[LoggedEvent]:
        """Every event of one aggregate, in version order."""
        ...
