"""Where a write starts: the staff member's office checked, the aggregate loaded or opened."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar
from uuid import UUID

from eventsourcing.domain import Aggregate

from immportal.domain.actor import Actor
from immportal.domain.cases.case import Case
from immportal.errors import NotFound
from immportal.services.cases.adjudication import StaffMember
from immportal.services.correspondence.ports import Staff
from immportal.services.repository import Repository

A = TypeVar("A", bound=Aggregate)


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
