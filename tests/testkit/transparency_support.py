"""What the transparency log's tests share: events to follow, the follower, a rewritten past."""

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import asyncpg

from immportal.adapters.postgres.hashchain import GENESIS, ChainLink, link_hash
from immportal.adapters.postgres.merkle_tree import PostgresCheckpoints
from immportal.app.container import Runtime
from immportal.app.transparency import tree_follower
from immportal.domain.actor import Actor, Role
from immportal.domain.cases.case import Case
from immportal.domain.cases.forms import FormType
from immportal.processes.tree_follower import TreeFollower
from immportal.services.transparency.ports import StoredCheckpoint
from testkit.projection_support import wait_until

APPLICANT = Actor("applicant-transparency", Role.APPLICANT)


async def seed(runtime: Runtime, cases: int) -> int:
    """Append `cases` cases of three events each, one append per case; the new head."""
    for _ in range(cases):
        case = Case.start(
            applicant_id=APPLICANT.user_id, form_type=FormType.I90, office="NBC", actor=APPLICANT
        )
        case.save_answers(APPLICANT, "a", {"n": 1})
        case.save_answers(APPLICANT, "b", {"n": 2})
        await runtime.store.append(case.collect_events())
    return await runtime.store.head()


@asynccontextmanager
async def following(runtime: Runtime) -> AsyncIterator[TreeFollower]:
    """The runtime's tree follower running until the block ends."""
    follower = tree_follower(runtime)
    task = asyncio.create_task(follower.run())
    try:
        yield follower
    finally:
        task.cancel()
        await asyncio.gather(task, return_exceptions=True)


async def checkpoint_at(runtime: Runtime, size: int) -> StoredCheckpoint:
    """Wait for the checkpoint of that size to be kept; return it."""
    checkpoints = PostgresCheckpoints(runtime.pool)

    async def kept() -> bool:
        return await checkpoints.at(size) is not None

    await wait_until(kept, seconds=15)
    found = await checkpoints.at(size)
    assert found is not None
    return found


async def rewrite_history(database_url: str, position: int, state: bytes) -> None:
    """As the tables' owner: replace one event's payload and recompute every later chain hash.

    What an attacker with write access to the database can do, and what the hash chain
    alone cannot detect.
    """
    conn = await asyncpg.connect(database_url)
    try:
        async with conn.transaction():
            await conn.execute(
                "UPDATE events SET state = $2 WHERE notification_id = $1", position, state
            )
            previous = await conn.fetchval(
                "SELECT chain_hash FROM events WHERE notification_id = $1", position - 1
            )
            previous = bytes(previous) if previous is not None else GENESIS
            rows = await conn.fetch(
                "SELECT notification_id, originator_id, originator_version, topic, state,"
                " recorded_at FROM events WHERE notification_id >= $1 ORDER BY notification_id",
                position,
            )
            for row in rows:
                previous = link_hash(
                    previous,
                    ChainLink(
                        row["notification_id"],
                        row["originator_id"],
                        row["originator_version"],
                        row["topic"],
                        bytes(row["state"]),
                        row["recorded_at"],
                    ),
                )
                await conn.execute(
                    "UPDATE events SET chain_hash = $2 WHERE notification_id = $1",
                    row["notification_id"],
                    previous,
                )
    finally:
        await conn.close()


async def as_owner(database_url: str, sql: str, *args: object) -> None:
    """Run a statement as the tables' owner (behind the portal's back)."""
    conn = await asyncpg.connect(database_url)
    try:
        await conn.execute(sql, *args)
    finally:
        await conn.close()
