"""What the Merkle tree's leaf for one stored event is: a fixed encoding of the stored row.

The leaf is the row as stored (ciphertext, when events are encrypted), not the hash chain
value: a leaf then names its own event, and rewriting one event changes one leaf only, so
a check against a checkpoint names the event that changed rather than everything after
it. The payload enters as its SHA-256, which keeps a leaf small enough to travel inside
an inclusion proof. Layout (docs/transparency.md, and the standalone verifier's reader):

    0x01 || position (8) || version (8) || aggregate id (16)
         || recorded_at in microseconds since 1970-01-01 UTC (8, signed)
         || SHA-256(stored payload) (32) || topic (UTF-8, the rest)

Integers are big-endian.
"""

import hashlib
import struct
from datetime import UTC, datetime, timedelta
from uuid import UUID

LEAF_FORMAT = 1
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_MICROSECOND = timedelta(microseconds=1)
_HEAD = struct.Struct(">Bqq16sq32s")


def event_leaf(
    *,
    position: int,
    originator_id: UUID,
    originator_version: int,
    topic: str,
    recorded_at: datetime,
    state: bytes,
) -> bytes:
    """The leaf of one stored event."""
    micros = (recorded_at - _EPOCH) // _MICROSECOND
    head = _HEAD.pack(
        LEAF_FORMAT,
        position,
        originator_version,
        originator_id.bytes,
        micros,
        hashlib.sha256(state).digest(),
    )
    return head + topic.encode()
