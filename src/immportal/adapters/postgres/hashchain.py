"""The SHA-256 chain over the global log: each hash covers its row and the one before."""

import hashlib
import struct
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from uuid import UUID

GENESIS = bytes(32)
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_MICROSECOND = timedelta(microseconds=1)


@dataclass(frozen=True, slots=True)
class ChainLink:
    """The parts of a stored event the chain vouches for."""

    position: int
    originator_id: UUID
    originator_version: int
    topic: str
    state: bytes
    recorded_at: datetime


def link_hash(previous: bytes, link: ChainLink) -> bytes:
    """Hash of one event, chained to the previous event's hash."""
    topic = link.topic.encode()
    micros = (link.recorded_at - _EPOCH) // _MICROSECOND
    digest = hashlib.sha256(previous)
    digest.update(struct.pack(">qq", link.position, link.originator_version))
    digest.update(link.originator_id.bytes)
    digest.update(struct.pack(">q", micros))
    # Length prefixes keep the boundary between topic and state unambiguous.
    digest.update(struct.pack(">I", len(topic)))
    digest.update(topic)
    digest.update(struct.pack(">Q", len(link.state)))
    digest.update(link.state)
    return digest.digest()
