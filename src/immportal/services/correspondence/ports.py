"""What correspondence needs from outside: the cases, staff offices, the pace of messages."""

from __future__ import annotations

from datetime import datetime
from typing import Protocol
from uuid import UUID

from immportal.domain.actor import Actor
from immportal.domain.cases.case import Case
from immportal.services.cases.adjudication import StaffMember


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
