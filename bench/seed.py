"""Fast seeding through our own store: many concurrent appenders, whole cases per append."""

import asyncio
import random
import time
from dataclasses import dataclass, field
from uuid import UUID

from eventsourcing.domain import DomainEventProtocol

from bench.measure import Throughput
from bench.workload import copy_case, lifecycle
from immportal.adapters.postgres.eventstore import PostgresEventStore


@dataclass
class Seeded:
    """What was written: the cases (for reads) and how fast seeding went."""

    case_ids: list[UUID] = field(default_factory=list)
    events: int = 0
    seconds: float = 0.0

    @property
    def throughput(self) -> Throughput:
        """Events appended per second while seeding."""
        return Throughput(self.events, self.seconds)


async def seed(
    store: PostgresEventStore,
    events: int,
    seeded: Seeded,
    *,
    appenders: int = 64,
    cases_per_append: int = 40,
    rng_seed: int = 7,
) -> None:
    """Append `events` more events as realistic cases of 1-14 events, into `seeded`.

    Each case is a copy of one real lifecycle cut at a random depth, with its own id,
    applicant and receipt number; each append carries many whole cases.
    """
    template = lifecycle()
    rng = random.Random(rng_seed + seeded.events)
    remaining = [events]

    def next_batch() -> list[DomainEventProtocol[UUID]]:
        batch: list[DomainEventProtocol[UUID]] = []
        for _ in range(cases_per_append):
            if remaining[0] <= 0:
                break
            depth = min(rng.randint(1, len(template)), remaining[0])
            number = len(seeded.case_ids) + 1
            case = copy_case(template, depth, number)
            seeded.case_ids.append(case[0].originator_id)
            batch.extend(case)
            remaining[0] -= depth
        return batch

    async def appender() -> int:
        written = 0
        while batch := next_batch():
            await store.append(batch)
            written += len(batch)
        return written

    started = time.perf_counter()
    counts = await asyncio.gather(*(appender() for _ in range(appenders)))
    seeded.seconds += time.perf_counter() - started
    seeded.events += sum(counts)
