"""What the transparency log needs from storage: tree nodes, events' leaves, checkpoints."""

from collections.abc import AsyncIterator, Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from immportal.domain.transparency.leaf import EventFacts
from immportal.domain.transparency.merkle import Node


@dataclass(frozen=True)
class StoredCheckpoint:
    """A signed checkpoint as kept: its size, root and the whole signed note."""

    size: int
    root: bytes
    key_name: str
    key_id: int
    note: str
    signed_at: datetime


class TreeNodes(Protocol):
    """The stored complete subtrees of the Merkle tree."""

    async def size(self) -> int:
        """How many leaves the stored tree has."""
        ...

    async def nodes(self, wanted: Iterable[Node]) -> dict[Node, bytes]:
        """The hashes of the wanted nodes that are stored."""
        ...


class EventLeaves(Protocol):
    """Leaves recomputed from the events table itself (never from the tree's tables)."""

    async def facts(self, position: int) -> EventFacts | None:
        """What the leaf at a position commits to, or None if there is no event there."""
        ...

    def leaves(self, up_to: int) -> AsyncIterator[tuple[int, bytes]]:
        """(position, leaf) of every stored event from position 1 to `up_to`, in order."""
        ...


class Checkpoints(Protocol):
    """The signed checkpoints kept in the database."""

    async def latest(self) -> StoredCheckpoint | None:
        """The checkpoint of the largest tree."""
        ...

    async def at(self, size: int) -> StoredCheckpoint | None:
        """The checkpoint of a tree of that size."""
        ...
