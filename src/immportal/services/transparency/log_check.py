"""Check the events table as it is now against a checkpoint signed earlier.

The hash chain cannot catch a rewrite whose author recomputed every later hash; a
checkpoint can, because its root was signed with a key the database does not hold. The
leaves are recomputed from the stored events themselves: the tree's own tables are
only used, once the roots differ, to find which event changed, and only as far as the
checkpoint's root vouches for them.
"""

from dataclasses import dataclass

from immportal.domain.transparency.merkle import (
    leaf_hash,
    node_hash,
    nodes_of,
    root_of,
    span_hash,
    split_point,
)
from immportal.services.transparency.ports import EventLeaves, TreeNodes


@dataclass(frozen=True)
class LogCheck:
    """The outcome: intact, or the first position that differs (or a range of them)."""

    size: int
    checked: int
    first_different: int | None = None
    last_suspect: int | None = None
    problem: str | None = None

    @property
    def intact(self) -> bool:
        """Whether the log's first `size` events are exactly those the checkpoint signed."""
        return self.first_different is None


async def check_log(leaves: EventLeaves, tree: TreeNodes, size: int, root: bytes) -> LogCheck:
    """Recompute the tree over the first `size` stored events and compare with `root`."""
    hashes: list[bytes] = []
    async for position, leaf in leaves.leaves(size):
        if position != len(hashes) + 1:
            missing = len(hashes) + 1
            return LogCheck(size, len(hashes), missing, missing, "event missing")
        hashes.append(leaf_hash(leaf))
    if len(hashes) < size:
        return LogCheck(
            size,
            len(hashes),
            len(hashes) + 1,
            size,
            f"the log ends at {len(hashes)}; the checkpoint covers {size}",
        )
    if root_of(hashes) == root:
        return LogCheck(size, size)
    return await _locate(hashes, tree, root)


async def _locate(hashes: list[bytes], tree: TreeNodes, root: bytes) -> LogCheck:
    # Walk down from the signed root. At each step the stored halves are believed only
    # if they hash to the subtree hash already vouched for; the half whose recomputed
    # hash differs from its stored one holds the change.
    size = len(hashes)
    start, end, trusted = 0, size, root
    while end - start > 1:
        middle = start + split_point(end - start)
        halves = [(start, middle), (middle, end)]
        stored = await tree.nodes(nodes_of(halves))
        try:
            left, right = (span_hash(half, stored) for half in halves)
        except KeyError:
            left = right = b""
        if node_hash(left, right) != trusted:
            return LogCheck(
                size,
                size,
                start + 1,
                end,
                "events changed, and the tree's tables too: the change lies in this range",
            )
        if root_of(hashes[start:middle]) != left:
            end, trusted = middle, left
        else:
            start, trusted = middle, right
    return LogCheck(
        size, size, start + 1, start + 1, "event altered: not the event the checkpoint signed"
    )
