"""What correspondence needs from outside: the pace of a person's messages, and staff offices."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Protocol, TypeVar
from uuid import UUID

from eventsourcing.domain import Aggregate

from immportal.domain.actor import Actor
from immportal.domain.cases.case import Case
from immportal.errors import NotFound
from immportal.services.cases.adjudication import StaffMember
from immportal.services.repository import Repository

A = TypeVar("A", bound=Aggregate)


class SentMessages(Protocol):
    """Counts the messages a person sent, for the rate limit."""

    async def sent_since(self, author_id: str, since: datetime) -> int:
        """How many messages the person posted at or after `since`, on any case."""
        ...


class Staff(Protocol):
    """Tells which office a signed-in officer or supervisor works in."""

    async def member(self, actor: Actor) -> StaffMember:
        """The person with their office; NotFound for anyone who is not staff."""
        ...


class CaseSource(Protocol):
    """Loads a case as it stands (writes decide on the case itself, never a read model)."""

    async def get(self, case_id: UUID, *, up_to_version: int | None = None) -> Case:
        """The case; NotFound when there is none."""
        ...


async def staff_on_case(staff: Staff, actor: Actor, case: Case) -> StaffMember:
    """The staff member, if they work the case's office (or have it assigned); else NotFound.

    One answer for "no such case" and "another office's case", so ids cannot be probed.
    """
    member = await staff.member(actor)
    if not member.may_work(case):
        raise NotFound("case of another office")
    return member


async def load_or_open(
    repository: Repository, cls: type[A], aggregate_id: UUID, opened: Callable[[], A]
) -> A:
    """The aggregate as stored, or a new one (`opened()`, unsaved) when the case has none yet.

    Two first saves at once cannot both succeed: the store refuses a second version 1,
    and the caller's retry then loads the one that was saved.
    """
    try:
        return await repository.get(cls, aggregate_id)
    except NotFound:
        return opened()
