"""A case's history for auditors: every event with who, why and what it changed."""

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from enum import Enum
from typing import Any
from uuid import UUID

from immportal.domain.cases.case import Case
from immportal.domain.correspondence.links import linked_to_case
from immportal.errors import NotFound
from immportal.services.audit.labels import title_of
from immportal.services.audit.ports import AuditLog, LoggedEvent
from immportal.services.audit.search import actor_of, kind_and_name


@dataclass(frozen=True)
class Change:
    """One field before and after an event ('' when it had no value)."""

    field: str
    before: str
    after: str


@dataclass(frozen=True)
class HistoryEntry:
    """One event of a case as the history shows it."""

    position: int
    version: int
    recorded_at: datetime
    event_type: str
    title: str
    actor_id: str | None
    actor_role: str | None
    reason: str | None
    changes: tuple[Change, ...]
    readable: bool = True


def shown(value: Any) -> str:
    """A field's value as text."""
    if value is None:
        return ""
    if isinstance(value, Enum):
        return str(value.value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return ", ".join(shown(item) for item in value)
    return str(value)


def flatten(values: Mapping[str, Any], prefix: str = "") -> Iterator[tuple[str, str]]:
    """Nested dicts (answers, address, decision) as dotted field names."""
    for key, value in values.items():
        name = f"{prefix}{key}"
        if isinstance(value, Mapping) and value:
            yield from flatten(value, f"{name}.")
        elif isinstance(value, Mapping):
            # An empty section is no value, so filling it in shows only the new fields.
            yield name, ""
        else:
            yield name, shown(value)


def state_of(case: Case | None) -> dict[str, str]:
    """The case's own fields (the library's bookkeeping left out), flattened."""
    if case is None:
        return {}
    public = {k: v for k, v in vars(case).items() if not k.startswith("_")}
    return dict(flatten(public))


def changes_between(before: dict[str, str], after: dict[str, str]) -> tuple[Change, ...]:
    """Fields whose value differs, in the order the case declares them."""
    names = list(after) + [name for name in before if name not in after]
    return tuple(
        Change(name, before.get(name, ""), after.get(name, ""))
        for name in names
        if before.get(name, "") != after.get(name, "")
    )


def replay(events: Sequence[LoggedEvent]) -> Iterator[HistoryEntry]:
    """Apply the events one by one, noting what each changed."""
    case: Case | None = None
    for logged in events:
        kind, name = kind_and_name(logged.topic)
        # Only case events' fields are shown: anything else in the stream was put there by
        # hand, and other aggregates (accounts) carry secrets.
        before, readable = state_of(case), logged.event is not None and kind == "Case"
        if readable:
            try:
                case = logged.event.mutate(case)
            except Exception:  # an altered log must still be shown, up to where it fails
                readable = False
        actor_id, role = actor_of(logged)
        reason = getattr(logged.event, "reason", None) if readable else None
        yield HistoryEntry(
            logged.position,
            logged.version,
            logged.recorded_at,
            name,
            title_of("Case", name),
            actor_id,
            role,
            reason if isinstance(reason, str) else None,
            changes_between(before, state_of(case)) if readable else (),
            readable,
        )


async def case_history(log: AuditLog, case_id: UUID) -> list[HistoryEntry]:
    """Every event of a case, oldest first; not found for anything that is not a case."""
    events = await log.aggregate_events(case_id)
    if not events or kind_and_name(events[0].topic)[0] != Case.__name__:
        raise NotFound(f"no case {case_id}")
    return list(replay(events))


# What a message's or a request's event says, as the auditor reads it; the rest (the case's
# id, the actor) is in the entry's own columns.
_CORRESPONDENCE_FIELDS = (
    "message_id",
    "text",
    "attachment_ids",
    "request_id",
    "kind",
    "details",
    "outcome",
    "case_version",
)
CORRESPONDENCE_TITLES = {
    ("Conversation", "Opened"): "Conversation started",
    ("Conversation", "MessagePosted"): "Message sent",
    ("CaseRequests", "Opened"): "First request made",
    ("CaseRequests", "RequestSubmitted"): "Request made",
    ("CaseRequests", "RequestDecided"): "Request decided",
}


def correspondence_entry(logged: LoggedEvent) -> HistoryEntry:
    """One event of the case's conversation or requests, its words shown as what it added."""
    kind, name = kind_and_name(logged.topic)
    actor_id, role = actor_of(logged)
    event = logged.event
    values = {
        field: getattr(event, field) for field in _CORRESPONDENCE_FIELDS if hasattr(event, field)
    }
    reason = getattr(event, "reason", None)
    return HistoryEntry(
        logged.position,
        logged.version,
        logged.recorded_at,
        name,
        CORRESPONDENCE_TITLES.get((kind, name)) or title_of(kind, name),
        actor_id,
        role,
        reason if isinstance(reason, str) else None,
        tuple(Change(field, "", value) for field, value in flatten(values) if value),
        event is not None,
    )


async def correspondence_history(log: AuditLog, case_id: UUID) -> list[HistoryEntry]:
    """The events of the case's conversation and requests, in log order (none before any)."""
    found = [
        logged
        for aggregate_id in linked_to_case(case_id)
        for logged in await log.aggregate_events(aggregate_id)
    ]
    return [correspondence_entry(logged) for logged in sorted(found, key=lambda e: e.position)]
