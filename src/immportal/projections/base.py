"""What a projection is: named tables, the topics it cares about, a batch handler."""

from abc import ABC, abstractmethod
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, ClassVar, NamedTuple

import asyncpg
from eventsourcing.domain import DomainEvent

from immportal.adapters.postgres.eventstore import LogRecord

READ_SCHEMA = "read"


@dataclass(frozen=True, slots=True)
class Projected:
    """A log row with its decoded domain event."""

    record: LogRecord
    event: DomainEvent


class Projection(ABC):
    """One read model: its tables (as views over the live generation) and handlers."""

    name: ClassVar[str]
    tables: ClassVar[tuple[str, ...]]
    topic_prefixes: ClassVar[tuple[str, ...]] = ()
    max_batch: ClassVar[int | None] = None
    """A cap on events per transaction for projections whose events are slow to apply."""

    def wants(self, topic: str) -> bool:
        """Whether events of this topic are decoded and handed to apply()."""
        return not self.topic_prefixes or topic.startswith(self.topic_prefixes)

    @abstractmethod
    def ddl(self, tables: Mapping[str, "Table"]) -> list[str]:
        """CREATE statements for one generation; `tables` maps logical to physical names."""

    @abstractmethod
    async def apply(
        self, conn: asyncpg.Connection, tables: Mapping[str, "Table"], batch: Sequence[Projected]
    ) -> None:
        """Write the effects of a batch of events, inside the caller's transaction."""


class Table(NamedTuple):
    """A physical table of one generation."""

    schema: str
    name: str

    @property
    def sql(self) -> str:
        """The quoted, qualified name for SQL text."""
        return f'{self.schema}."{self.name}"'


def physical_tables(projection: Projection, generation: int) -> dict[str, Table]:
    """Physical tables of one generation of a projection, by logical name."""
    return {t: Table(READ_SCHEMA, f"{t}_g{generation}") for t in projection.tables}


def view_name(table: str) -> str:
    """The stable name queries use, pointing at the live generation."""
    return f'{READ_SCHEMA}."{table}"'


def event_name(event: Any) -> str:
    """Short class name of a domain event, e.g. 'Submitted'."""
    return type(event).__name__
