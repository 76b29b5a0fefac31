"""RFC 9162 Merkle tree hashing, the subtrees proofs are made of, and the growing right edge.

A tree of n leaves is split at the largest power of two below n (RFC 9162 §2.1.1), so
every subtree a proof or a root needs is either a complete, aligned subtree (2**level
leaves starting at a multiple of 2**level) or a run of them folded from the right. Those
complete subtrees are what the portal stores, as nodes named (level, index): any root or
proof then costs O(log n) stored hashes, never a walk over the leaves.
"""

import hashlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

HASH_SIZE = 32
LEAF_PREFIX = b"\x00"
NODE_PREFIX = b"\x01"
EMPTY_ROOT = hashlib.sha256(b"").digest()
"""The root of the empty tree (RFC 9162 §2.1.1)."""

Node = tuple[int, int]
"""A complete, aligned subtree: (level, i) covers the leaves [i * 2**level, (i + 1) * 2**level)."""
Span = tuple[int, int]
"""The leaves [start, end) of a subtree as the RFC's recursion cuts them."""


def leaf_hash(leaf: bytes) -> bytes:
    """SHA-256(0x00 || leaf)."""
    return hashlib.sha256(LEAF_PREFIX + leaf).digest()


def node_hash(left: bytes, right: bytes) -> bytes:
    """SHA-256(0x01 || left || right)."""
    return hashlib.sha256(NODE_PREFIX + left + right).digest()


def split_point(size: int) -> int:
    """The largest power of two smaller than size (size > 1)."""
    return 1 << ((size - 1).bit_length() - 1)


def root_of(hashes: Sequence[bytes]) -> bytes:
    """The root over leaf hashes, pairing level by level (the same tree as the recursion)."""
    if not hashes:
        return EMPTY_ROOT
    level = list(hashes)
    while len(level) > 1:
        # An odd last node is carried up unpaired: that is what splitting at the largest
        # power of two does to the right edge of a left-balanced tree.
        paired = [node_hash(level[i], level[i + 1]) for i in range(0, len(level) - 1, 2)]
        if len(level) % 2:
            paired.append(level[-1])
        level = paired
    return level[0]


def span_nodes(start: int, end: int) -> list[Node]:
    """The complete subtrees making up [start, end), largest (leftmost) first.

    Valid for every span the RFC's recursion produces: start is aligned to the largest
    power of two not above end - start.
    """
    nodes: list[Node] = []
    while start < end:
        level = (end - start).bit_length() - 1
        nodes.append((level, start >> level))
        start += 1 << level
    return nodes


def fold(hashes: Sequence[bytes]) -> bytes:
    """The hash of a span from its complete subtrees' hashes, combined from the right."""
    found = hashes[-1]
    for left in reversed(hashes[:-1]):
        found = node_hash(left, found)
    return found


def span_hash(span: Span, stored: Mapping[Node, bytes]) -> bytes:
    """The hash of a span from stored complete subtrees."""
    if span[0] == span[1]:
        return EMPTY_ROOT
    return fold([stored[node] for node in span_nodes(*span)])


def inclusion_spans(index: int, size: int) -> list[Span]:
    """The subtrees of the inclusion proof of leaf `index` in a tree of `size` (RFC 9162 §2.1.3.1).

    In proof order: from the leaf's sibling up to the root's other half.
    """
    if not 0 <= index < size:
        raise ValueError(f"leaf {index} is not in a tree of {size}")
    spans: list[Span] = []
    start, end = 0, size
    while end - start > 1:
        middle = start + split_point(end - start)
        if index < middle:
            spans.append((middle, end))
            end = middle
        else:
            spans.append((start, middle))
            start = middle
    spans.reverse()
    return spans


def consistency_spans(first: int, second: int) -> list[Span]:
    """The subtrees of the consistency proof from size `first` to `second` (RFC 9162 §2.1.4.1)."""
    if not 0 < first <= second:
        raise ValueError(f"no consistency proof from {first} to {second}")
    spans: list[Span] = []
    start, end, whole = 0, second, True
    while end != first:
        middle = start + split_point(end - start)
        if first <= middle:
            spans.append((middle, end))
            end = middle
        else:
            spans.append((start, middle))
            start, whole = middle, False
    if not whole:
        spans.append((start, end))
    spans.reverse()
    return spans


def nodes_of(spans: Iterable[Span]) -> set[Node]:
    """Every stored subtree the spans need."""
    return {node for span in spans for node in span_nodes(*span)}


@dataclass
class Frontier:
    """The right edge of a growing tree: the complete subtrees of its size, largest first.

    Appending a leaf completes the subtrees that end with it; each becomes a stored node.
    """

    size: int = 0
    edge: list[bytes] = field(default_factory=list)

    @classmethod
    def of(cls, size: int, stored: Mapping[Node, bytes]) -> "Frontier":
        """The frontier of a stored tree of `size` leaves."""
        return cls(size, [stored[node] for node in span_nodes(0, size)])

    def append(self, leaf: bytes) -> list[tuple[Node, bytes]]:
        """Add one leaf hash; the nodes (leaf included) it completes, lowest first."""
        index, found = self.size, leaf
        created = [((0, index), found)]
        level = 0
        while index & 1:
            found = node_hash(self.edge.pop(), found)
            index >>= 1
            level += 1
            created.append(((level, index), found))
        self.edge.append(found)
        self.size += 1
        return created

    @property
    def root(self) -> bytes:
        """The root of the tree so far."""
        return fold(self.edge) if self.edge else EMPTY_ROOT
