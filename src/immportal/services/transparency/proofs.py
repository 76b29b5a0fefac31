"""Inclusion and consistency proofs from the stored tree, and the checkpoints they refer to."""

import base64
from dataclasses import dataclass
from typing import Any

from immportal.domain.transparency.leaf import EventFacts
from immportal.domain.transparency.merkle import (
    Span,
    consistency_spans,
    inclusion_spans,
    leaf_hash,
    nodes_of,
    span_hash,
)
from immportal.errors import NotFound
from immportal.services.transparency.ports import (
    Checkpoints,
    EventLeaves,
    StoredCheckpoint,
    TreeNodes,
)


class ProofRefused(NotFound):
    """No such proof: a position or size beyond the tree, or sizes in the wrong order."""


@dataclass(frozen=True)
class InclusionProof:
    """The event at `position` (leaf index position - 1) is in the tree of `tree_size`."""

    tree_size: int
    position: int
    leaf: bytes
    hashes: list[bytes]
    root: bytes
    checkpoint: StoredCheckpoint | None
    event: EventFacts | None = None
    """What the leaf commits to; only for those who may see the log (auditors)."""

    @property
    def leaf_index(self) -> int:
        """The leaf's index in the tree (positions start at 1, leaves at 0)."""
        return self.position - 1

    def as_json(self) -> dict[str, Any]:
        """The proof as the API serves it and the standalone verifier reads it."""
        return {
            "tree_size": self.tree_size,
            "position": self.position,
            "leaf_index": self.leaf_index,
            "leaf": _b64(self.leaf),
            "leaf_hash": _b64(leaf_hash(self.leaf)),
            "hashes": [_b64(h) for h in self.hashes],
            "root_hash": _b64(self.root),
            "checkpoint": self.checkpoint.note if self.checkpoint else None,
        } | ({"event": self.event.as_json()} if self.event else {})


@dataclass(frozen=True)
class ConsistencyProof:
    """The tree of `second_size` extends the tree of `first_size`."""

    first_size: int
    second_size: int
    hashes: list[bytes]
    first_root: bytes
    second_root: bytes

    def as_json(self) -> dict[str, Any]:
        """The proof as the API serves it and the standalone verifier reads it."""
        return {
            "first_size": self.first_size,
            "second_size": self.second_size,
            "hashes": [_b64(h) for h in self.hashes],
            "first_root": _b64(self.first_root),
            "second_root": _b64(self.second_root),
        }


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode()


class TransparencyLog:
    """Answers for the tree: checkpoints, roots and proofs, from O(log n) stored nodes each."""

    def __init__(
        self, tree: TreeNodes, leaves: EventLeaves, checkpoints: Checkpoints, public_keys: str
    ) -> None:
        self._tree = tree
        self._leaves = leaves
        self._checkpoints = checkpoints
        self.public_keys = public_keys
        """The published keys file (every key that signed checkpoints, with its period)."""

    async def latest_checkpoint(self) -> StoredCheckpoint:
        """The newest checkpoint; NotFound before the first one is signed."""
        found = await self._checkpoints.latest()
        if found is None:
            raise NotFound("no checkpoint yet")
        return found

    async def checkpoint(self, size: int) -> StoredCheckpoint:
        """The checkpoint of a tree of that size; NotFound if none was signed at that size."""
        found = await self._checkpoints.at(size)
        if found is None:
            raise NotFound(f"no checkpoint at size {size}")
        return found

    async def inclusion(
        self, position: int, tree_size: int | None = None, *, with_event: bool = False
    ) -> InclusionProof:
        """The proof that the event at `position` is in the tree of `tree_size`.

        Without a size, the tree of the latest checkpoint, which the proof carries. With
        `with_event`, the proof also carries the event's facts (for auditors only: public
        proofs show a position and hashes, nothing of the event).
        """
        checkpoint = None
        if tree_size is None:
            checkpoint = await self.latest_checkpoint()
            tree_size = checkpoint.size
        await self._check_size(tree_size)
        if not 1 <= position <= tree_size:
            raise ProofRefused(f"position {position} is not in a tree of {tree_size}")
        facts = await self._leaves.facts(position)
        if facts is None:
            raise ProofRefused(f"no event at position {position}")
        spans = inclusion_spans(position - 1, tree_size)
        hashes, roots = await self._hashes(spans, [(0, tree_size)])
        if checkpoint is None:
            checkpoint = await self._checkpoints.at(tree_size)
        event = facts if with_event else None
        return InclusionProof(
            tree_size, position, facts.leaf(), hashes, roots[0], checkpoint, event
        )

    async def consistency(self, first_size: int, second_size: int) -> ConsistencyProof:
        """The proof that the tree of `second_size` extends the tree of `first_size`."""
        if not 1 <= first_size <= second_size:
            raise ProofRefused(f"no consistency proof from {first_size} to {second_size}")
        await self._check_size(second_size)
        spans = consistency_spans(first_size, second_size)
        hashes, roots = await self._hashes(spans, [(0, first_size), (0, second_size)])
        return ConsistencyProof(first_size, second_size, hashes, roots[0], roots[1])

    async def root(self, size: int) -> bytes:
        """The root of the tree of `size` leaves."""
        await self._check_size(size)
        _, roots = await self._hashes([], [(0, size)])
        return roots[0]

    async def _check_size(self, size: int) -> None:
        if size < 1 or size > await self._tree.size():
            raise ProofRefused(f"the tree has no size {size} yet")

    async def _hashes(
        self, spans: list[Span], roots: list[Span]
    ) -> tuple[list[bytes], list[bytes]]:
        # One read for every node the proof and its roots need.
        stored = await self._tree.nodes(nodes_of(spans + roots))
        return [span_hash(s, stored) for s in spans], [span_hash(r, stored) for r in roots]
