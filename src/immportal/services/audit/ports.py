"""What the audit pages need from storage: checking the hash chain over the event log."""

from dataclasses import dataclass
from typing import Protocol
from uuid import UUID


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
