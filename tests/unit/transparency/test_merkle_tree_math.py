"""The tree math against RFC 9162's recursive definitions, for every size from 1 to 64."""

import hashlib

import pytest

from immportal.domain.transparency.merkle import (
    EMPTY_ROOT,
    Frontier,
    Node,
    consistency_spans,
    inclusion_spans,
    leaf_hash,
    node_hash,
    nodes_of,
    root_of,
    span_hash,
    span_nodes,
)
from immportal.transparency_verify import (
    VerificationFailed,
    verify_consistency,
    verify_inclusion,
)

SIZES = range(1, 65)
# The RFC 6962 test vectors (Certificate Transparency's merkle tree tests): eight leaves
# and the root of each prefix of them.
VECTOR_LEAVES = ["", "00", "10", "2021", "3031", "40414243", "5051525354555657",
                 "606162636465666768696a6b6c6d6e6f"]  # fmt: skip
VECTOR_ROOTS = [
    "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
    "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
    "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
    "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
    "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
    "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
    "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
    "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
]


def k(n: int) -> int:
    """The RFC's split: the largest power of two smaller than n."""
    power = 1
    while power * 2 < n:
        power *= 2
    return power


def mth(hashes: list[bytes]) -> bytes:
    """MTH as RFC 9162 §2.1.1 defines it, recursively, over leaf hashes."""
    if not hashes:
        return hashlib.sha256(b"").digest()
    if len(hashes) == 1:
        return hashes[0]
    split = k(len(hashes))
    return node_hash(mth(hashes[:split]), mth(hashes[split:]))


def path(m: int, hashes: list[bytes]) -> list[bytes]:
    """PATH(m, D[n]) of RFC 9162 §2.1.3.1."""
    if len(hashes) == 1:
        return []
    split = k(len(hashes))
    if m < split:
        return [*path(m, hashes[:split]), mth(hashes[split:])]
    return [*path(m - split, hashes[split:]), mth(hashes[:split])]


def subproof(m: int, hashes: list[bytes], whole: bool) -> list[bytes]:
    """SUBPROOF(m, D[n], b) of RFC 9162 §2.1.4.1."""
    if m == len(hashes):
        return [] if whole else [mth(hashes)]
    split = k(len(hashes))
    if m <= split:
        return [*subproof(m, hashes[:split], whole), mth(hashes[split:])]
    return [*subproof(m - split, hashes[split:], False), mth(hashes[:split])]


def leaves(n: int) -> list[bytes]:
    """n distinct leaf hashes."""
    return [leaf_hash(f"event {i}".encode()) for i in range(n)]


def grown(n: int) -> tuple[Frontier, dict[Node, bytes]]:
    """A frontier grown leaf by leaf, and every node it made."""
    frontier, stored = Frontier(), {}
    for digest in leaves(n):
        for node, value in frontier.append(digest):
            assert node not in stored
            stored[node] = value
    return frontier, stored


class TestRoots:
    """Roots match the RFC's definition and the published test vectors."""

    def test_published_vectors(self) -> None:
        """The root of each prefix of the eight RFC 6962 test leaves."""
        hashes = [leaf_hash(bytes.fromhex(leaf)) for leaf in VECTOR_LEAVES]
        found = [root_of(hashes[:n]).hex() for n in range(1, 9)]
        assert VECTOR_ROOTS == found

    def test_empty_tree(self) -> None:
        """The empty tree's root is SHA-256 of nothing."""
        assert (EMPTY_ROOT, EMPTY_ROOT) == (root_of([]), Frontier().root)

    @pytest.mark.parametrize("n", SIZES)
    def test_every_way_of_computing_a_root_agrees(self, n: int) -> None:
        """Level by level, the frontier, and stored nodes all give the recursive MTH."""
        frontier, stored = grown(n)
        expected = mth(leaves(n))
        assert [expected] * 3 == [root_of(leaves(n)), frontier.root, span_hash((0, n), stored)]


class TestStoredNodes:
    """Growing the tree stores exactly the complete, aligned subtrees."""

    @pytest.mark.parametrize("n", SIZES)
    def test_nodes_are_the_complete_subtrees(self, n: int) -> None:
        """Node (level, i) is the MTH of its 2**level leaves, and no other node exists."""
        _, stored = grown(n)
        hashes = leaves(n)
        expected = {
            (level, i): mth(hashes[i << level : (i + 1) << level])
            for level in range(n.bit_length())
            for i in range(n >> level)
        }
        assert expected == stored

    @pytest.mark.parametrize("n", SIZES)
    def test_frontier_reloads_from_stored_nodes(self, n: int) -> None:
        """A frontier rebuilt from the stored nodes grows on exactly as the original."""
        frontier, stored = grown(n)
        again = Frontier.of(n, stored)
        extra = leaf_hash(b"next")
        assert frontier.append(extra) == again.append(extra)
        assert frontier.root == again.root

    def test_span_nodes_are_few(self) -> None:
        """A prefix needs one stored node per set bit of its size."""
        assert [(5, 0), (2, 8), (0, 36)] == span_nodes(0, 37)


class TestInclusionProofs:
    """Inclusion proofs equal PATH, verify, and fail for any other leaf."""

    @pytest.mark.parametrize("n", SIZES)
    def test_every_leaf(self, n: int) -> None:
        """For each leaf: the RFC's PATH, accepted by the verifier, refused for a changed leaf."""
        _, stored = grown(n)
        hashes = leaves(n)
        root = mth(hashes)
        for m in range(n):
            spans = inclusion_spans(m, n)
            assert nodes_of(spans) <= set(stored)
            proof = [span_hash(span, stored) for span in spans]
            assert path(m, hashes) == proof
            verify_inclusion(hashes[m], m, n, proof, root)
            with pytest.raises(VerificationFailed):
                verify_inclusion(leaf_hash(b"changed"), m, n, proof, root)
            if n > 1:
                with pytest.raises(VerificationFailed):
                    verify_inclusion(hashes[m], (m + 1) % n, n, proof, root)

    def test_out_of_range(self) -> None:
        """No proof for a leaf beyond the tree."""
        with pytest.raises(ValueError, match="not in a tree"):
            inclusion_spans(5, 5)


class TestConsistencyProofs:
    """Consistency proofs equal SUBPROOF, verify, and fail against any other root."""

    @pytest.mark.parametrize("n", SIZES)
    def test_every_older_size(self, n: int) -> None:
        """From each size m <= n: the RFC's proof, accepted, refused with a wrong old root."""
        _, stored = grown(n)
        hashes = leaves(n)
        for m in range(1, n + 1):
            spans = consistency_spans(m, n)
            proof = [span_hash(span, stored) for span in spans]
            assert (subproof(m, hashes, True) if m < n else []) == proof
            old, new = mth(hashes[:m]), mth(hashes)
            verify_consistency(m, n, proof, old, new)
            with pytest.raises(VerificationFailed):
                verify_consistency(m, n, proof, leaf_hash(b"rewritten"), new)
            if m < n:
                with pytest.raises(VerificationFailed):
                    verify_consistency(m, n, proof, old, leaf_hash(b"forked"))

    def test_zero_is_refused(self) -> None:
        """There is no proof from the empty tree."""
        with pytest.raises(ValueError, match="no consistency proof"):
            consistency_spans(0, 3)
