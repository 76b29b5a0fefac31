"""In-memory stand-ins for the identity tests: an event store, an email index and helpers."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import cast
from uuid import UUID

from argon2.profiles import CHEAPEST
from eventsourcing.domain import Aggregate, DomainEventProtocol
from eventsourcing.persistence import Mapper, StoredEvent

from immportal.adapters.identity.argon2_hasher import Argon2Hasher
from immportal.adapters.identity.tokens import RandomTokens
from immportal.adapters.identity.totp import PyotpTotp
from immportal.adapters.postgres.mapper import create_mapper
from immportal.errors import ConcurrencyConflict
from immportal.services.identity.accounts import AccountService
from immportal.services.repository import Repository

NOW = datetime(2027, 3, 1, 9, 0, 0, tzinfo=UTC)
STEP = int(NOW.timestamp()) // 30
EMAIL = "Maria.Garcia@Example.ORG"
NAMES = ["María", "García López"]
PASSWORD = "lantern orchard tuesday violin"


class InMemoryEventStore:
    """The EventStore port in a dict, through the real mapper so events must serialise."""

    def __init__(self, mapper: Mapper[UUID] | None = None) -> None:
        self.mapper = mapper or create_mapper()
        self.streams: dict[UUID | str, list[StoredEvent]] = {}

    async def append(self, events: Sequence[DomainEventProtocol[UUID]]) -> list[int]:
        """Append atomically; raise ConcurrencyConflict on a stale version."""
        await asyncio.sleep(0)  # let concurrent tasks interleave, as a real database would
        stored = [self.mapper.to_stored_event(event) for event in events]
        heads: dict[UUID | str, int] = {k: len(v) for k, v in self.streams.items()}
        for record in stored:
            head = heads.get(record.originator_id, 0)
            if record.originator_version != head + 1:
                raise ConcurrencyConflict(f"{record.originator_id} is at version {head}")
            heads[record.originator_id] = head + 1
        for record in stored:
            self.streams.setdefault(record.originator_id, []).append(record)
        return [record.originator_version for record in stored]

    async def read_stream(
        self,
        aggregate_id: UUID,
        *,
        up_to_version: int | None = None,
        as_of: datetime | None = None,
    ) -> list[DomainEventProtocol[UUID]]:
        """One aggregate's events in order."""
        await asyncio.sleep(0)
        events = [self.mapper.to_domain_event(r) for r in self.streams.get(aggregate_id, [])]
        return [
            event
            for event in events
            if (up_to_version is None or event.originator_version <= up_to_version)
            and (as_of is None or cast(Aggregate.Event, event).timestamp <= as_of)
        ]


class InMemoryEmailIndex:
    """The EmailIndex port in a dict."""

    def __init__(self) -> None:
        self.owners: dict[str, UUID] = {}

    async def claim(self, email_key: str, account_id: UUID) -> bool:
        """Reserve the address unless another account holds it."""
        return self.owners.setdefault(email_key, account_id) == account_id

    async def find(self, email_key: str) -> UUID | None:
        """The account holding the address, if any."""
        return self.owners.get(email_key)

    async def release(self, email_key: str, account_id: UUID) -> None:
        """Give the address up if this account holds it."""
        if self.owners.get(email_key) == account_id:
            del self.owners[email_key]


def make_service(
    store: InMemoryEventStore | None = None, emails: InMemoryEmailIndex | None = None
) -> AccountService:
    """An account service on in-memory storage, real tokens and TOTP, and cheap Argon2id."""
    return AccountService(
        Repository(store or InMemoryEventStore()),
        Argon2Hasher(CHEAPEST),
        RandomTokens(),
        PyotpTotp(),
        emails or InMemoryEmailIndex(),
    )
