"""Check one aggregate's events against the hash chain without walking the whole log.

Each event's hash covers the event and its predecessor's hash, so one event can be
checked from its own row and the row before it. Checking that the row after it still
links to it catches an event rewritten together with its own hash. What only the
whole walk (chain_verifier.py) proves is that the neighbours themselves are genuine.
"""

from uuid import UUID

import asyncpg

from immportal.adapters.postgres.connection import map_db_errors
from immportal.adapters.postgres.hashchain import GENESIS, ChainLink, link_hash
from immportal.services.audit.ports import ChainReport

_COLUMNS = "notification_id, originator_id, originator_version, topic, state, recorded_at"


def _link(row: asyncpg.Record) -> ChainLink:
    return ChainLink(
        row["notification_id"],
        row["originator_id"],
        row["originator_version"],
        row["topic"],
        bytes(row["state"]),
        row["recorded_at"],
    )


async def verify_aggregate_chain(pool: asyncpg.Pool, aggregate_id: UUID) -> ChainReport:
    """Recompute the hash of each of the aggregate's events; report the first problem."""
    with map_db_errors():
        rows = await pool.fetch(
            f"SELECT {_COLUMNS}, chain_hash FROM events WHERE originator_id = $1"
            " ORDER BY originator_version",
            aggregate_id,
        )
        positions = [row["notification_id"] for row in rows]
        neighbours = await pool.fetch(
            f"SELECT {_COLUMNS}, chain_hash FROM events WHERE notification_id = ANY($1)",
            [p - 1 for p in positions] + [p + 1 for p in positions],
        )
    by_position = {row["notification_id"]: row for row in neighbours}
    problems: list[tuple[int, str]] = []
    for expected_version, row in enumerate(rows, start=1):
        problems.extend(_problems(row, expected_version, by_position))
    head = positions[-1] if positions else 0
    if not problems:
        return ChainReport(len(rows), head)
    position, problem = min(problems)
    checked = sum(1 for p in positions if p < position)
    return ChainReport(checked, head, position, problem)


def _problems(
    row: asyncpg.Record, expected_version: int, by_position: dict[int, asyncpg.Record]
) -> list[tuple[int, str]]:
    position = row["notification_id"]
    found: list[tuple[int, str]] = []
    if row["originator_version"] != expected_version:
        found.append((position, f"version {expected_version} of this case is missing"))
    before = by_position.get(position - 1)
    if position > 1 and before is None:
        found.append((position - 1, "event missing"))
    previous = GENESIS if position == 1 or before is None else bytes(before["chain_hash"])
    readable = position == 1 or before is not None
    if readable and link_hash(previous, _link(row)) != bytes(row["chain_hash"]):
        found.append((position, "event altered or forged"))
    after = by_position.get(position + 1)
    if after is not None and link_hash(bytes(row["chain_hash"]), _link(after)) != bytes(
        after["chain_hash"]
    ):
        found.append((position + 1, "the next event no longer links to this one"))
    return found
