"""Audit search over the global log: by actor, role, time, event type and aggregate."""

from collections.abc import AsyncIterator
from dataclasses import dataclass, field

from eventsourcing.domain import Aggregate
from eventsourcing.utils import get_topic

from immportal.domain.cases.case import Case
from immportal.domain.identity.account import Account
from immportal.services.audit.ports import AuditLog, LogCriteria, LoggedEvent

PAGE_SIZE = 50
SCAN_LIMIT = 5000
"""Rows one page may read when filtering on what only the decoded event says (the actor)."""
SEARCHABLE: tuple[type[Aggregate], ...] = (Case, Account)


@dataclass(frozen=True)
class AuditFilter:
    """An auditor's search: the database's criteria plus who acted, and in what role.

    `actor_ids` is for a search by a name or an email address, which may name several
    people: an event by any of them matches.
    """

    criteria: LogCriteria = field(default_factory=LogCriteria)
    actor_id: str | None = None
    role: str | None = None
    actor_ids: frozenset[str] = frozenset()

    def admits(self, logged: LoggedEvent) -> bool:
        """Whether the decoded event matches the actor and role asked for."""
        actor = actor_of(logged)[0]
        if self.actor_id is not None and actor != self.actor_id:
            return False
        if self.actor_ids and actor not in self.actor_ids:
            return False
        return self.role is None or actor_of(logged)[1] == self.role

    @property
    def decodes(self) -> bool:
        """Whether matching needs the decoded events (so pages read a bounded scan)."""
        return self.actor_id is not None or self.role is not None or bool(self.actor_ids)


@dataclass(frozen=True)
class AuditPage:
    """One page of results, and where the next one starts (None at the end of the log)."""

    entries: list[LoggedEvent]
    next_after: int | None


def event_types() -> dict[str, str]:
    """Searchable event types, 'Case.Submitted' → its stored topic, in declaration order."""
    found = {}
    for aggregate in SEARCHABLE:
        for name, value in vars(aggregate).items():
            if isinstance(value, type) and issubclass(value, aggregate.Event) and name != "Event":
                found[f"{aggregate.__name__}.{name}"] = get_topic(value)
    return found


def actor_of(logged: LoggedEvent) -> tuple[str | None, str | None]:
    """Who acted and in what role, as the event recorded them."""
    actor_id = getattr(logged.event, "actor_id", None)
    role = getattr(logged.event, "actor_role", None)
    return (
        actor_id if isinstance(actor_id, str) else None,
        role if isinstance(role, str) else None,
    )


def kind_and_name(topic: str) -> tuple[str, str]:
    """('Case', 'Submitted') from 'immportal.domain.cases.case:Case.Submitted'."""
    qualified = topic.rpartition(":")[2]
    kind, _, name = qualified.rpartition(".")
    return kind or "?", name


async def search_page(
    log: AuditLog,
    search: AuditFilter,
    after: int = 0,
    *,
    size: int = PAGE_SIZE,
    scan_limit: int = SCAN_LIMIT,
) -> AuditPage:
    """Matches after a position; a filter on the actor stops after reading `scan_limit` rows."""
    found: list[LoggedEvent] = []
    read, cursor = 0, after
    while len(found) < size:
        batch_size = min(scan_limit - read, 500) if search.decodes else size - len(found)
        if batch_size <= 0:
            return AuditPage(found, cursor)  # searched far enough for one page
        batch = await log.scan(search.criteria, cursor, batch_size)
        read += len(batch)
        for logged in batch:
            cursor = logged.position
            if search.admits(logged):
                found.append(logged)
                if len(found) == size:
                    return AuditPage(found, cursor)
        if len(batch) < batch_size:
            return AuditPage(found, None)
    return AuditPage(found, cursor)


async def search_all(
    log: AuditLog, search: AuditFilter, *, batch_size: int = 1000
) -> AsyncIterator[list[LoggedEvent]]:
    """Every match, in batches, for exports of any length."""
    after = 0
    while True:
        batch = await log.scan(search.criteria, after, batch_size)
        if not batch:
            return
        yield [logged for logged in batch if search.admits(logged)]
        if len(batch) < batch_size:
            return
        after = batch[-1].position
