"""Sign a checkpoint of the tree, keep it in the blob store and the database.

The blob is written first: every checkpoint the database lists is then also in the blob
store (in production a bucket with object lock, where nobody can rewrite it). Ed25519
signatures are deterministic, so signing the same size again after a failure writes the
same bytes.
"""

from collections.abc import AsyncIterator
from datetime import UTC, datetime

import asyncpg

from immportal.adapters.postgres.merkle_tree import insert_checkpoint
from immportal.adapters.signing.keyring import Keyring
from immportal.adapters.signing.note import sign_note
from immportal.domain.transparency.checkpoint import Checkpoint
from immportal.services.evidence.ports import BlobStore
from immportal.services.transparency.ports import StoredCheckpoint

CHECKPOINTS_PREFIX = "checkpoints/"
CHECKPOINT_TYPE = "text/plain; charset=utf-8"


def checkpoint_blob_key(size: int) -> str:
    """Where the checkpoint of a tree of `size` leaves is kept (keys sort by size)."""
    return f"{CHECKPOINTS_PREFIX}{size:020d}"


async def _once(data: bytes) -> AsyncIterator[bytes]:
    yield data


class CheckpointPublisher:
    """Signs tree heads with the keyring's current key and keeps them."""

    def __init__(self, *, origin: str, keyring: Keyring, blobs: BlobStore) -> None:
        self.origin = origin
        self.keyring = keyring
        self._blobs = blobs

    def sign(self, size: int, root: bytes, at: datetime | None = None) -> StoredCheckpoint:
        """The signed checkpoint of a tree head (NoSigningKey if no key may sign now)."""
        signed_at = at or datetime.now(UTC)
        key = self.keyring.signing_key(signed_at)
        note = sign_note(Checkpoint(self.origin, size, root).text(), key)
        return StoredCheckpoint(size, root, key.name, key.key_id, note, signed_at)

    async def publish(self, conn: asyncpg.Connection, size: int, root: bytes) -> StoredCheckpoint:
        """Sign, write to the blob store, then record in the database."""
        checkpoint = self.sign(size, root)
        await self._blobs.put(
            checkpoint_blob_key(size), _once(checkpoint.note.encode()), content_type=CHECKPOINT_TYPE
        )
        await insert_checkpoint(conn, checkpoint)
        return checkpoint
