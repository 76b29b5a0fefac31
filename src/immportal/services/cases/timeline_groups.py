"""A case's history grouped for reading: every draft save folded into one entry.

A draft saves its answers once per page, so a complete form leaves fifteen "Answers
saved" entries that bury the few steps that matter. What a person wants to know is on
which days the application was worked on; the saves become one entry at the place of the
first, with those days (in the reader's time zone: a save at 11 PM in Honolulu is on
the day the applicant lived it, not the UTC day).
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, tzinfo
from typing import Protocol, TypeVar

SAVE_EVENTS = frozenset({"AnswersSaved"})
"""Events that only record work on a draft, and are read together."""


class Entry(Protocol):
    """What grouping needs of a timeline entry."""

    @property
    def event_type(self) -> str:
        """The event's class name, e.g. 'AnswersSaved'."""
        ...

    @property
    def occurred_at(self) -> datetime:
        """When it happened (timezone-aware)."""
        ...

    @property
    def actor_role(self) -> str | None:
        """The role the actor acted in, e.g. 'applicant'."""
        ...


E = TypeVar("E", bound=Entry)


@dataclass(frozen=True)
class SavedWork:
    """Every save of a draft's answers, read as one entry."""

    first_at: datetime
    last_at: datetime
    days: tuple[date, ...]
    """The distinct days with a save, earliest first, in the reader's zone."""
    saves: int
    roles: tuple[str, ...]
    """Who saved, by role, in the order they first did."""


def local_days(moments: Iterable[datetime], zone: tzinfo) -> tuple[date, ...]:
    """The distinct days (in `zone`) on which these moments fell, earliest first."""
    return tuple(sorted({moment.astimezone(zone).date() for moment in moments}))


def fold_saves(entries: Sequence[E], zone: tzinfo) -> list[E | SavedWork]:
    """The entries in order, every draft save folded into one SavedWork where the first was."""
    saves = [entry for entry in entries if entry.event_type in SAVE_EVENTS]
    if not saves:
        return list(entries)
    work = SavedWork(
        first_at=saves[0].occurred_at,
        last_at=saves[-1].occurred_at,
        days=local_days((entry.occurred_at for entry in saves), zone),
        saves=len(saves),
        roles=tuple(dict.fromkeys(entry.actor_role or "" for entry in saves)),
    )
    folded: list[E | SavedWork] = []
    for entry in entries:
        if entry.event_type not in SAVE_EVENTS:
            folded.append(entry)
        elif entry is saves[0]:
            folded.append(work)
    return folded
