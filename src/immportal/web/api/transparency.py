"""The transparency log over the API: checkpoints, inclusion and consistency proofs.

Public, like the well-known addresses: proofs hold hashes, and the leaf of an event only
its position and a digest of its facts (who can see the log gets the facts from `audit
prove`). docs/transparency.md says how to check them with the standalone verifier.
"""

import base64
from datetime import datetime

from aiohttp import web
from pydantic import BaseModel, ConfigDict, Field

from immportal.services.transparency.ports import StoredCheckpoint
from immportal.web.api.bodies import reply
from immportal.web.api.operations import Operation
from immportal.web.api.problems import ApiProblem
from immportal.web.policy import PUBLIC, allow
from immportal.web.portal import PORTAL

PREFIX = "/api/v1/transparency"
BASE64 = "standard base64 (RFC 4648 §4)"


class CheckpointOut(BaseModel):
    """A signed checkpoint of the event log's Merkle tree."""

    model_config = ConfigDict(frozen=True)

    tree_size: int = Field(description="How many events the tree covers.")
    root_hash: str = Field(description=f"The RFC 9162 root hash, {BASE64}.")
    key_name: str
    key_id: str = Field(description="The signing key's signed-note key ID, 8 hex digits.")
    signed_at: datetime
    note: str = Field(description="The whole C2SP signed note: keep it to check the log later.")


class InclusionOut(BaseModel):
    """The event at `position` is leaf `leaf_index` of the tree of `tree_size`."""

    model_config = ConfigDict(frozen=True)

    tree_size: int
    position: int
    leaf_index: int
    leaf: str = Field(
        description=f"The leaf: 0x01, the position, SHA-256 of the event's facts; {BASE64}."
    )
    leaf_hash: str
    hashes: list[str] = Field(description="The RFC 9162 inclusion path, leaf to root.")
    root_hash: str
    checkpoint: str | None = Field(
        description="The signed checkpoint of this tree size, when one was signed."
    )


class ConsistencyOut(BaseModel):
    """The tree of `second_size` extends the tree of `first_size`: nothing was rewritten."""

    model_config = ConfigDict(frozen=True)

    first_size: int
    second_size: int
    hashes: list[str] = Field(description="The RFC 9162 consistency proof.")
    first_root: str
    second_root: str


def _checkpoint(found: StoredCheckpoint) -> CheckpointOut:
    return CheckpointOut(
        tree_size=found.size,
        root_hash=base64.b64encode(found.root).decode(),
        key_name=found.key_name,
        key_id=f"{found.key_id:08x}",
        signed_at=found.signed_at,
        note=found.note,
    )


def _number(request: web.Request, name: str) -> int:
    """A size or position from the URL; anything but a positive number is not found."""
    text = request.match_info[name]
    if not text.isascii() or not text.isdigit() or len(text) > 18 or int(text) < 1:
        raise ApiProblem(404)
    return int(text)


@allow(PUBLIC)
async def latest_checkpoint(request: web.Request) -> web.Response:
    """The newest checkpoint."""
    return reply(_checkpoint(await request.app[PORTAL].transparency.latest_checkpoint()))


@allow(PUBLIC)
async def checkpoint_at(request: web.Request) -> web.Response:
    """The checkpoint signed at one tree size."""
    size = _number(request, "tree_size")
    return reply(_checkpoint(await request.app[PORTAL].transparency.checkpoint(size)))


@allow(PUBLIC)
async def inclusion_latest(request: web.Request) -> web.Response:
    """An event's inclusion in the tree of the latest checkpoint."""
    proof = await request.app[PORTAL].transparency.inclusion(_number(request, "position"))
    return reply(InclusionOut.model_validate(proof.as_json()))


@allow(PUBLIC)
async def inclusion_in(request: web.Request) -> web.Response:
    """An event's inclusion in the tree of a given size."""
    position, size = _number(request, "position"), _number(request, "tree_size")
    proof = await request.app[PORTAL].transparency.inclusion(position, size)
    return reply(InclusionOut.model_validate(proof.as_json()))


@allow(PUBLIC)
async def consistency(request: web.Request) -> web.Response:
    """The consistency of two tree sizes."""
    first, second = _number(request, "first_size"), _number(request, "second_size")
    proof = await request.app[PORTAL].transparency.consistency(first, second)
    return reply(ConsistencyOut.model_validate(proof.as_json()))


_RANGE = "Not found: no checkpoint yet, or a position or size beyond the tree."
OPERATIONS = [
    Operation(
        "GET",
        f"{PREFIX}/checkpoint",
        latest_checkpoint,
        "getLatestCheckpoint",
        "The latest signed checkpoint",
        "transparency",
        {200: CheckpointOut},
        problems={404: "No checkpoint has been signed yet."},
        description="Also at /.well-known/immportal/checkpoint as the bare signed note; the "
        "keys that sign checkpoints are at /.well-known/immportal/keys.",
    ),
    Operation(
        "GET",
        f"{PREFIX}/checkpoints/{{tree_size}}",
        checkpoint_at,
        "getCheckpoint",
        "The checkpoint of one tree size",
        "transparency",
        {200: CheckpointOut},
        problems={404: "No checkpoint was signed at that size."},
    ),
    Operation(
        "GET",
        f"{PREFIX}/inclusion/{{position}}",
        inclusion_latest,
        "getInclusionProof",
        "An event's inclusion in the latest checkpoint",
        "transparency",
        {200: InclusionOut},
        problems={404: _RANGE},
        description="The event at a log position, proved part of the tree the latest "
        "checkpoint signed (its note is in the answer).",
    ),
    Operation(
        "GET",
        f"{PREFIX}/inclusion/{{position}}/in/{{tree_size}}",
        inclusion_in,
        "getInclusionProofAtSize",
        "An event's inclusion in the tree of a given size",
        "transparency",
        {200: InclusionOut},
        problems={404: _RANGE},
        description="Choose the size of a checkpoint you hold, to check against its root.",
    ),
    Operation(
        "GET",
        f"{PREFIX}/consistency/{{first_size}}/{{second_size}}",
        consistency,
        "getConsistencyProof",
        "Proof that a larger tree extends a smaller one",
        "transparency",
        {200: ConsistencyOut},
        problems={404: "A size beyond the tree, or the first size larger than the second."},
        description="Between two checkpoints' sizes: the newer log kept every event of the "
        "older one, unchanged.",
    ),
]
