"""What the Merkle tree's leaf for one stored event is: its position and a digest of the row.

The leaf is the row as stored (ciphertext, when events are encrypted), not the hash chain
value: a leaf then names its own event, and rewriting one event changes one leaf only, so
a check against a checkpoint names the event that changed rather than everything after
it. Proofs are public, so the leaf shows only the position; what the event is (its
aggregate, version, time, type and payload) enters as a SHA-256 that whoever holds the
event's facts can recompute, and nobody else can read. Layout (docs/transparency.md, and
the standalone verifier's reader), integers big-endian:

    leaf   = 0x01 || position (8) || SHA-256(facts)
    facts  = version (8) || aggregate id (16)
             || recorded_at in microseconds since 1970-01-01 UTC (8, signed)
             || SHA-256(stored payload) (32) || topic (UTF-8, the rest)
"""

import base64
import hashlib
import struct
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any
from uuid import UUID

LEAF_FORMAT = 1
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_MICROSECOND = timedelta(microseconds=1)
_LEAF = struct.Struct(">Bq32s")
_FACTS = struct.Struct(">q16sq32s")


@dataclass(frozen=True)
class EventFacts:
    """What a leaf commits to about its event (the payload only as its SHA-256)."""

    position: int
    originator_id: UUID
    originator_version: int
    topic: str
    recorded_at: datetime
    payload_sha256: bytes

    def digest(self) -> bytes:
        """SHA-256 of the facts' encoding."""
        micros = (self.recorded_at - _EPOCH) // _MICROSECOND
        head = _FACTS.pack(
            self.originator_version, self.originator_id.bytes, micros, self.payload_sha256
        )
        return hashlib.sha256(head + self.topic.encode()).digest()

    def leaf(self) -> bytes:
        """The leaf of the event."""
        return _LEAF.pack(LEAF_FORMAT, self.position, self.digest())

    def as_json(self) -> dict[str, Any]:
        """The facts as an auditor's proof carries them, for the verifier to recompute."""
        return {
            "position": self.position,
            "aggregate_id": str(self.originator_id),
            "version": self.originator_version,
            "topic": self.topic,
            "recorded_at_us": (self.recorded_at - _EPOCH) // _MICROSECOND,
            "payload_sha256": base64.b64encode(self.payload_sha256).decode(),
        }


def event_facts(
    *,
    position: int,
    originator_id: UUID,
    originator_version: int,
    topic: str,
    recorded_at: datetime,
    state: bytes,
) -> EventFacts:
    """The facts of one stored event, its payload as stored."""
    payload = hashlib.sha256(state).digest()
    return EventFacts(position, originator_id, originator_version, topic, recorded_at, payload)
