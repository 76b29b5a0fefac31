"""The Merkle tree over the log: grown by its follower, signed, proved, and checked by outsiders."""

import base64
import json
import random
import stat
from collections.abc import AsyncIterator, MutableMapping
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from structlog.testing import capture_logs

from immportal.adapters.postgres.event_leaves import PostgresEventLeaves
from immportal.adapters.postgres.merkle_tree import PostgresTreeNodes, tree_size
from immportal.adapters.signing.keyring import generate_key, read_keyring
from immportal.app.checkpoint_keys import add_key
from immportal.app.container import Runtime, open_runtime
from immportal.app.transparency import transparency_log
from immportal.domain.transparency.merkle import leaf_hash, root_of
from immportal.errors import NotFound
from immportal.processes.checkpoints import checkpoint_blob_key
from immportal.services.transparency.log_check import check_log
from immportal.transparency_verify import (
    VerificationFailed,
    check_consistency,
    check_inclusion,
    open_checkpoint,
    read_keys,
)
from testkit.checkpoint_keys import checkpoint_keys_file
from testkit.cli_support import run_cli
from testkit.projection_support import wait_until
from testkit.support import TEST_CIPHER_KEY, make_settings
from testkit.transparency_support import (
    as_owner,
    checkpoint_at,
    following,
    rewrite_history,
    seed,
)


@pytest.fixture
async def signing(database_url: str) -> AsyncIterator[Runtime]:
    """A runtime whose follower signs a checkpoint after every batch it adds."""
    settings = make_settings(database_url, checkpoint_every_events=1, transparency_batch_size=7)
    async with open_runtime(settings) as opened:
        yield opened


async def published_keys(runtime: Runtime) -> str:
    """What /.well-known/immportal/keys serves for this runtime."""
    return transparency_log(runtime).public_keys


async def recomputed_root(runtime: Runtime, size: int) -> bytes:
    """The root over the events table's rows, ignoring the tree's tables."""
    leaves = PostgresEventLeaves(runtime.store)
    return root_of([leaf_hash(leaf) async for _, leaf in leaves.leaves(size)])


async def cli(database_url: str, *args: str) -> tuple[int, str]:
    """`immportal ARGS` against the test's database; exit code and output."""
    env = {
        "IMMPORTAL_DATABASE_URL": database_url,
        "IMMPORTAL_CIPHER_KEY": TEST_CIPHER_KEY,
        "IMMPORTAL_CHECKPOINT_KEY_FILE": str(checkpoint_keys_file()),
        "IMMPORTAL_LOG_LEVEL": "warning",
    }
    ran = await run_cli(*args, env=env)
    return ran.exit_code, ran.stdout + ran.stderr


class TestFollower:
    """The follower keeps the stored tree equal to the tree over the events, and signs it."""

    async def test_tree_and_checkpoints_follow_the_log(self, signing: Runtime) -> None:
        """Every batch grows the tree; each checkpoint is in the database and the blob store."""
        async with following(signing) as follower:
            head = await seed(signing, 5)
            latest = await checkpoint_at(signing, head)
            assert head == follower.position == await tree_size(signing.pool)
        log = transparency_log(signing)
        head_root = await recomputed_root(signing, head)
        kept = b"".join([chunk async for chunk in signing.blobs.open(checkpoint_blob_key(head))])
        opened = open_checkpoint(latest.note, read_keys(log.public_keys))
        assert (head_root, head_root, latest.note.encode()) == (
            await log.root(head),
            opened.root,
            kept,
        )
        assert ("127.0.0.1:8080/log", head) == (opened.origin, opened.size)

    async def test_restart_goes_on_from_the_stored_tree(self, signing: Runtime) -> None:
        """A new leader checks the last checkpoint, then extends the same tree."""
        async with following(signing):
            first = await seed(signing, 2)
            await checkpoint_at(signing, first)
        second = await seed(signing, 3)
        async with following(signing):
            await checkpoint_at(signing, second)
        log = transparency_log(signing)
        assert await recomputed_root(signing, second) == await log.root(second)
        assert await recomputed_root(signing, first) == await log.root(first)

    async def test_a_changed_tree_is_never_extended(
        self, signing: Runtime, database_url: str
    ) -> None:
        """With a subtree it would build on changed behind its back, it refuses to sign on."""
        async with following(signing):
            first = await seed(signing, 2)
            await checkpoint_at(signing, first)
        # Six leaves: the tree's right edge is the subtree of leaves 0-3 and that of 4-5.
        await as_owner(
            database_url, "UPDATE merkle_nodes SET hash = sha256(hash) WHERE level = 2 AND idx = 0"
        )
        second = await seed(signing, 1)
        with capture_logs() as logs:
            async with following(signing) as follower:
                await wait_until(lambda: _logged(logs, "tree_differs_from_checkpoint"), seconds=10)
                assert first == follower.position
        assert first == await tree_size(signing.pool) < second


async def _logged(logs: list[MutableMapping[str, Any]], event: str) -> bool:
    return any(entry["event"] == event for entry in logs)


class TestProofs:
    """Proofs from the database, checked by the standalone verifier with the public keys only."""

    async def test_random_events_and_checkpoint_pairs(self, signing: Runtime) -> None:
        """Inclusion in every checkpoint and consistency between every two of them verify."""
        async with following(signing):
            for cases in (1, 2, 4, 3):
                await checkpoint_at(signing, await seed(signing, cases))
        log = transparency_log(signing)
        keys = read_keys(log.public_keys)
        rows = await signing.pool.fetch(
            "SELECT note FROM transparency_checkpoints ORDER BY tree_size"
        )
        heads = [open_checkpoint(row["note"], keys) for row in rows]
        rng = random.Random(17)
        assert len(heads) >= 4
        for head in heads:
            for position in rng.sample(range(1, head.size + 1), min(6, head.size)):
                proof = await log.inclusion(position, head.size)
                event = check_inclusion(proof.as_json(), head)
                assert position == event.position
        for older in heads:
            for newer in heads:
                if older.size <= newer.size:
                    consistency = await log.consistency(older.size, newer.size)
                    check_consistency(consistency.as_json(), older, newer)

    async def test_a_changed_leaf_fails(self, signing: Runtime) -> None:
        """Another event's leaf, or one changed byte, does not verify with the same path."""
        async with following(signing):
            head = await seed(signing, 4)
            latest = await checkpoint_at(signing, head)
        log = transparency_log(signing)
        checkpoint = open_checkpoint(latest.note, read_keys(log.public_keys))
        proof = (await log.inclusion(5)).as_json()
        other = (await log.inclusion(6)).as_json()
        leaf = bytearray(base64.b64decode(proof["leaf"]))
        leaf[-1] ^= 1
        for forged in (
            proof | {"leaf": base64.b64encode(bytes(leaf)).decode()},
            proof | {"leaf": other["leaf"]},
            other | {"hashes": proof["hashes"]},
        ):
            with pytest.raises(VerificationFailed):
                check_inclusion(forged, checkpoint)
        assert 5 == check_inclusion(proof, checkpoint).position

    async def test_beyond_the_tree(self, signing: Runtime) -> None:
        """No proof for a position or size the tree has not reached."""
        async with following(signing):
            head = await seed(signing, 1)
            await checkpoint_at(signing, head)
        log = transparency_log(signing)
        with pytest.raises(NotFound):
            await log.inclusion(head + 1)
        with pytest.raises(NotFound):
            await log.consistency(1, head + 1)
        with pytest.raises(NotFound):
            await log.consistency(2, 1)
        with pytest.raises(NotFound):
            await log.root(0)


class TestRewrittenHistory:
    """A rewrite with a recomputed hash chain passes the chain check and fails the checkpoint."""

    @pytest.mark.parametrize("keys_from", ["configuration", "published file"])
    async def test_checkpoint_names_the_rewritten_event(
        self, signing: Runtime, database_url: str, tmp_path: Path, keys_from: str
    ) -> None:
        """`audit verify` says intact; with the checkpoint saved before, it names position 7."""
        async with following(signing):
            head = await seed(signing, 5)
            saved = await checkpoint_at(signing, head)
        checkpoint = tmp_path / "checkpoint.txt"
        checkpoint.write_text(saved.note, encoding="utf-8")
        keys = tmp_path / "keys.txt"
        keys.write_text(await published_keys(signing), encoding="utf-8")
        options = [] if keys_from == "configuration" else ["--keys", str(keys)]

        before = await cli(
            database_url, "audit", "verify", "--checkpoint", str(checkpoint), *options
        )
        await rewrite_history(database_url, 7, b'{"forged": true}')
        plain = await cli(database_url, "audit", "verify")
        checked = await cli(
            database_url, "audit", "verify", "--checkpoint", str(checkpoint), *options
        )

        assert (0, f"Hash chain intact: {head} events verified.") == (plain[0], plain[1].strip())
        assert 0 == before[0]
        assert f"Log matches the checkpoint (127.0.0.1:8080/log at {head}" in before[1]
        assert 1 == checked[0]
        assert "Hash chain intact" in checked[1]
        assert "Log DIFFERS from the checkpoint" in checked[1]
        assert "at position 7: event altered" in checked[1]
        # The rewritten event's own proof no longer leads to the signed root.
        code, proof = await cli(
            database_url, "audit", "prove", "--position", "7", "--size", str(head)
        )
        signed = open_checkpoint(saved.note, read_keys(await published_keys(signing)))
        with pytest.raises(VerificationFailed, match="does not lead to the root"):
            check_inclusion(json.loads(proof), signed)
        assert 0 == code

    async def test_tree_tables_rewritten_too(self, signing: Runtime, database_url: str) -> None:
        """If the tree's leaf was rewritten as well, the check narrows it to a signed subtree."""
        async with following(signing):
            head = await seed(signing, 4)
            saved = await checkpoint_at(signing, head)
        await rewrite_history(database_url, 10, b'{"forged": true}')
        await as_owner(
            database_url, "UPDATE merkle_nodes SET hash = sha256(hash) WHERE level = 0 AND idx = 9"
        )
        log = transparency_log(signing)
        checkpoint = open_checkpoint(saved.note, read_keys(log.public_keys))
        found = await check_log(
            PostgresEventLeaves(signing.store),
            PostgresTreeNodes(signing.pool),
            checkpoint.size,
            checkpoint.root,
        )
        assert (False, 9, 10) == (found.intact, found.first_different, found.last_suspect)

    async def test_cut_off_log(self, signing: Runtime, database_url: str, tmp_path: Path) -> None:
        """Events deleted from the end are named from the first missing position."""
        async with following(signing):
            head = await seed(signing, 3)
            saved = await checkpoint_at(signing, head)
        await as_owner(database_url, "DELETE FROM events WHERE notification_id > 6")
        checkpoint = tmp_path / "checkpoint.txt"
        checkpoint.write_text(saved.note, encoding="utf-8")
        code, out = await cli(database_url, "audit", "verify", "--checkpoint", str(checkpoint))
        assert 1 == code
        assert f"positions 7-{head}: the log ends at 6; the checkpoint covers {head}" in out


class TestRotation:
    """After a key rotation, checkpoints signed with the retired key still verify."""

    async def test_old_and_new_checkpoints_verify(self, database_url: str, tmp_path: Path) -> None:
        """The follower signs with the new key; the published keys verify both, and they agree."""
        keys_file = tmp_path / "checkpoint-keys"
        start = datetime.now(UTC).replace(microsecond=0)
        old = generate_key("portal.example/log", start - timedelta(hours=2))
        add_key(keys_file, old)
        settings = make_settings(
            database_url, checkpoint_key_file=keys_file, checkpoint_every_events=1
        )
        async with open_runtime(settings) as runtime, following(runtime):
            first = await checkpoint_at(runtime, await seed(runtime, 2))
        # Rotate: a new key from now on; the old one kept as its public half only.
        new = generate_key("portal.example/log", start - timedelta(hours=1))
        keys_file.write_text(f"{old.verifier_only().line()}\n{new.line()}\n", encoding="utf-8")
        async with open_runtime(settings) as runtime:
            async with following(runtime):
                second = await checkpoint_at(runtime, await seed(runtime, 1))
            log = transparency_log(runtime)
            published = read_keys(log.public_keys)
            older, newer = (open_checkpoint(c.note, published) for c in (first, second))
            proof = await log.consistency(older.size, newer.size)
        check_consistency(proof.as_json(), older, newer)
        assert (old.key_id, new.key_id) == (older.key.key_id, newer.key.key_id)
        assert new.valid_from == older.key.valid_until
        rotated = read_keyring("checkpoint", keys_file.read_text(encoding="utf-8"))
        assert new.key_id == rotated.signing_key(datetime.now(UTC)).key_id


class TestCommands:
    """`audit prove` prints what the verifier checks; `audit new-key` makes and extends keys."""

    async def test_prove(self, signing: Runtime, database_url: str) -> None:
        """An inclusion proof against the latest checkpoint, and a consistency proof."""
        async with following(signing):
            first = await checkpoint_at(signing, await seed(signing, 2))
            second = await checkpoint_at(signing, await seed(signing, 2))
        keys = read_keys(await published_keys(signing))
        older, newer = (open_checkpoint(c.note, keys) for c in (first, second))
        included = await cli(database_url, "audit", "prove", "--position", "4")
        consistent = await cli(
            database_url, "audit", "prove", "--from", str(older.size), "--to", str(newer.size)
        )
        beyond = await cli(database_url, "audit", "prove", "--position", str(newer.size + 1))
        assert (0, 0, 1) == (included[0], consistent[0], beyond[0])
        found = check_inclusion(json.loads(included[1]), newer)
        assert (4, 1) == (found.position, found.event.version if found.event else None)
        check_consistency(json.loads(consistent[1]), older, newer)
        assert f"position {newer.size + 1} is not in a tree of {newer.size}" in beyond[1]

    async def test_prove_needs_one_kind(self, database_url: str) -> None:
        """Mixing the two kinds of proof is a usage error."""
        code, out = await cli(database_url, "audit", "prove", "--position", "1", "--from", "1")
        assert (2, True) == (code, "give either --position [--size] or --from and --to" in out)

    async def test_new_key(self, database_url: str, tmp_path: Path) -> None:
        """The first key makes an owner-only file; the next one is added and takes over."""
        path = tmp_path / "keys"
        first = await cli(database_url, "audit", "new-key", "--keys-file", str(path),
                          "--valid-from", "2026-01-01T00:00:00Z")  # fmt: skip
        second = await cli(database_url, "audit", "new-key", "--keys-file", str(path))
        keyring = read_keyring("checkpoint", path.read_text(encoding="utf-8"))
        assert (0, 0) == (first[0], second[0])
        assert 0o600 == stat.S_IMODE(path.stat().st_mode)
        assert [k.line() for k in keyring.verifiers()] == [
            first[1].splitlines()[-1],
            second[1].splitlines()[-1],
        ]
        assert keyring.keys[1].key_id == keyring.signing_key(datetime.now(UTC)).key_id
