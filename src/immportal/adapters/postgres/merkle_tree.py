"""The Merkle tree's tables: complete subtrees by (level, idx), and the signed checkpoints."""

from collections.abc import Iterable, Sequence
from typing import Any

import asyncpg

from immportal.adapters.postgres.connection import map_db_errors
from immportal.domain.transparency.merkle import Node
from immportal.services.transparency.ports import StoredCheckpoint

_SIZE = "SELECT coalesce(max(idx) + 1, 0) FROM merkle_nodes WHERE level = 0"
_NODES = """
SELECT n.level, n.idx, n.hash
  FROM unnest($1::smallint[], $2::bigint[]) AS w(level, idx)
  JOIN merkle_nodes AS n ON n.level = w.level AND n.idx = w.idx
"""
_CHECKPOINT = (
    "SELECT tree_size, root_hash, key_name, key_id, note, signed_at FROM transparency_checkpoints"
)


async def tree_size(executor: Any) -> int:
    """How many leaves are stored (a pool or a connection)."""
    with map_db_errors():
        return int(await executor.fetchval(_SIZE))


async def read_nodes(executor: Any, wanted: Iterable[Node]) -> dict[Node, bytes]:
    """The stored hashes of the wanted nodes, in one query."""
    levels, indexes = [], []
    for level, index in wanted:
        levels.append(level)
        indexes.append(index)
    with map_db_errors():
        rows = await executor.fetch(_NODES, levels, indexes)
    return {(row["level"], row["idx"]): bytes(row["hash"]) for row in rows}


async def insert_nodes(conn: asyncpg.Connection, created: Sequence[tuple[Node, bytes]]) -> None:
    """Store new nodes with COPY (one round trip; the primary key refuses a node twice)."""
    records = [(level, index, digest) for (level, index), digest in created]
    with map_db_errors():
        await conn.copy_records_to_table(
            "merkle_nodes", records=records, columns=("level", "idx", "hash")
        )


def _checkpoint(row: asyncpg.Record | None) -> StoredCheckpoint | None:
    if row is None:
        return None
    return StoredCheckpoint(
        row["tree_size"],
        bytes(row["root_hash"]),
        row["key_name"],
        row["key_id"],
        row["note"],
        row["signed_at"],
    )


async def insert_checkpoint(conn: asyncpg.Connection, checkpoint: StoredCheckpoint) -> None:
    """Keep a signed checkpoint (once per size)."""
    with map_db_errors():
        await conn.execute(
            "INSERT INTO transparency_checkpoints"
            " (tree_size, root_hash, key_name, key_id, note, signed_at)"
            " VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (tree_size) DO NOTHING",
            checkpoint.size,
            checkpoint.root,
            checkpoint.key_name,
            checkpoint.key_id,
            checkpoint.note,
            checkpoint.signed_at,
        )


async def latest_checkpoint(executor: Any) -> StoredCheckpoint | None:
    """The checkpoint of the largest tree, if any."""
    with map_db_errors():
        row = await executor.fetchrow(f"{_CHECKPOINT} ORDER BY tree_size DESC LIMIT 1")
    return _checkpoint(row)


class PostgresTreeNodes:
    """The TreeNodes port over the merkle_nodes table."""

    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool

    async def size(self) -> int:
        """How many leaves the stored tree has."""
        return await tree_size(self._pool)

    async def nodes(self, wanted: Iterable[Node]) -> dict[Node, bytes]:
        """The hashes of the wanted nodes that are stored."""
        return await read_nodes(self._pool, wanted)


class PostgresCheckpoints:
    """The Checkpoints port over the transparency_checkpoints table."""

    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool

    async def latest(self) -> StoredCheckpoint | None:
        """The checkpoint of the largest tree."""
        return await latest_checkpoint(self._pool)

    async def at(self, size: int) -> StoredCheckpoint | None:
        """The checkpoint of a tree of that size."""
        with map_db_errors():
            row = await self._pool.fetchrow(f"{_CHECKPOINT} WHERE tree_size = $1", size)
        return _checkpoint(row)
