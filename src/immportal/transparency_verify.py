"""Check immportal's checkpoints and proofs with nothing but the published public keys.

Standalone on purpose: this file imports only the standard library and `cryptography`,
so anyone can copy it and check the portal without trusting (or installing) the rest of
it. The portal uses the same functions for its own checks. See docs/transparency.md.

    python transparency_verify.py checkpoint  --keys keys.txt checkpoint.txt
    python transparency_verify.py inclusion   --keys keys.txt --checkpoint cp.txt proof.json
    python transparency_verify.py consistency --keys keys.txt --old a.txt --new b.txt proof.json
    python transparency_verify.py credential  --keys credential-keys.txt statement.jws

Formats: checkpoints are C2SP signed notes (c2sp.org/tlog-checkpoint) signed with Ed25519
(c2sp.org/signed-note); the keys file has one verifier key a line (`name+hash+base64`,
as Go's golang.org/x/mod/sumdb/note writes them) followed by the time it was first used
and, once retired, the time it stopped; tree hashing is RFC 9162's. A status statement
(from a share code) is a compact JWS (RFC 7515) signed with EdDSA (RFC 8037) by a key of
the published credential keys file, named in its header's `kid` as `name+hash`.
"""

import argparse
import base64
import binascii
import hashlib
import json
import struct
import sys
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

ED25519 = 0x01
"""The signed-note signature type of Ed25519."""
SIGNATURE_PREFIX = "\u2014 "
MAX_SIGNATURES = 100
LEAF = struct.Struct(">Bq32s")
FACTS = struct.Struct(">q16sq32s")
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


class VerificationFailed(Exception):
    """A signature, a proof or an input did not check out; the message says which."""


def leaf_hash(leaf: bytes) -> bytes:
    """RFC 9162 leaf hash: SHA-256(0x00 || leaf)."""
    return hashlib.sha256(b"\x00" + leaf).digest()


def node_hash(left: bytes, right: bytes) -> bytes:
    """RFC 9162 interior node hash: SHA-256(0x01 || left || right)."""
    return hashlib.sha256(b"\x01" + left + right).digest()


def key_id(name: str, public_key: bytes) -> int:
    """The signed-note key ID: SHA-256(name || 0x0A || 0x01 || public key), first 4 bytes."""
    digest = hashlib.sha256(name.encode() + b"\n" + bytes([ED25519]) + public_key).digest()
    return int.from_bytes(digest[:4], "big")


def check_key_name(name: str) -> str:
    """The name, if signed notes allow it: non-empty, without spaces or '+'."""
    if not name or "+" in name or any(c.isspace() for c in name) or not name.isprintable():
        raise VerificationFailed(f"{name!r} is not a valid key name")
    return name


@dataclass(frozen=True)
class VerifierKey:
    """A public key that may have signed checkpoints, and when it was in use."""

    name: str
    public_key: bytes
    valid_from: datetime | None = None
    valid_until: datetime | None = None

    @property
    def key_id(self) -> int:
        """Its signed-note key ID."""
        return key_id(self.name, self.public_key)

    def line(self) -> str:
        """The key as `name+hash+base64(0x01 || key)`, as Go's note package writes it."""
        encoded = base64.b64encode(bytes([ED25519]) + self.public_key).decode()
        return f"{self.name}+{self.key_id:08x}+{encoded}"

    def period(self) -> str:
        """When it signed, in words."""
        since = _iso(self.valid_from) if self.valid_from else "always"
        return f"{since} until {_iso(self.valid_until)}" if self.valid_until else f"{since} on"


def _iso(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def parse_time(text: str) -> datetime:
    """An ISO 8601 time with its zone (UTC `Z` allowed)."""
    try:
        moment = datetime.fromisoformat(text)
    except ValueError as exc:
        raise VerificationFailed(f"{text!r} is not an ISO 8601 time") from exc
    if moment.tzinfo is None:
        raise VerificationFailed(f"{text!r} has no time zone")
    return moment


def parse_verifier_key(text: str) -> tuple[str, bytes]:
    """Name and Ed25519 public key of a `name+hash+base64` verifier key; its hash checked."""
    # Base64 may hold "+" too: names cannot, so the first two "+" end the name and hash.
    parts = text.split("+", 2)
    if len(parts) != 3:
        raise VerificationFailed("a verifier key is name+hash+base64")
    name, hash_hex, encoded = parts
    check_key_name(name)
    try:
        raw = base64.b64decode(encoded, validate=True)
        claimed = int(hash_hex, 16)
    except (binascii.Error, ValueError) as exc:
        raise VerificationFailed(f"the key {name!r} is not readable") from exc
    if len(hash_hex) != 8 or len(raw) != 33 or raw[0] != ED25519:
        raise VerificationFailed(f"the key {name!r} is not an Ed25519 verifier key")
    if key_id(name, raw[1:]) != claimed:
        raise VerificationFailed(f"the key {name!r} does not match its hash")
    return name, raw[1:]


def read_keys(text: str) -> list[VerifierKey]:
    """The keys of a keys file: `key [valid-from [valid-until]]` a line, `#` comments."""
    keys = []
    for raw in text.splitlines():
        words = raw.split("#", 1)[0].split()
        if not words:
            continue
        if words[0].startswith("PRIVATE+KEY+"):
            raise VerificationFailed("the keys file holds a private key: publish public keys only")
        if len(words) > 3:
            raise VerificationFailed(f"too many fields in the key line {raw!r}")
        name, public_key = parse_verifier_key(words[0])
        times = [parse_time(word) for word in words[1:]]
        keys.append(VerifierKey(name, public_key, *times))
    if not keys:
        raise VerificationFailed("the keys file lists no key")
    return keys


def open_note(note: str, keys: Sequence[VerifierKey]) -> tuple[str, VerifierKey]:
    """The text of a signed note and the known key whose signature on it verified.

    As c2sp.org/signed-note says: signatures by unknown keys are ignored; a known key's
    signature that fails rejects the note; and at least one known key must have signed.
    """
    if not note.endswith("\n") or any(ord(c) < 0x20 and c != "\n" for c in note):
        raise VerificationFailed("not a signed note: control characters, or no final newline")
    cut = note.rfind("\n\n")
    if cut < 0:
        raise VerificationFailed("not a signed note: no blank line before the signatures")
    text, signatures = note[: cut + 1], note[cut + 2 :].splitlines()
    if not signatures or len(signatures) > MAX_SIGNATURES:
        raise VerificationFailed("not a signed note: no signature lines, or too many")
    known = {(k.name, k.key_id): k for k in keys}
    verified: VerifierKey | None = None
    for line in signatures:
        name, signature = _signature(line)
        key = known.get((name, int.from_bytes(signature[:4], "big")))
        if key is None:
            continue
        try:
            Ed25519PublicKey.from_public_bytes(key.public_key).verify(signature[4:], text.encode())
        except InvalidSignature as exc:
            raise VerificationFailed(f"the signature of {name} does not verify") from exc
        verified = verified or key
    if verified is None:
        raise VerificationFailed("no signature by a known key")
    return text, verified


def _signature(line: str) -> tuple[str, bytes]:
    if not line.startswith(SIGNATURE_PREFIX):
        raise VerificationFailed("a signature line starts with an em dash and a space")
    name, _, encoded = line[len(SIGNATURE_PREFIX) :].partition(" ")
    check_key_name(name)
    try:
        signature = base64.b64decode(encoded, validate=True)
    except binascii.Error as exc:
        raise VerificationFailed(f"the signature of {name} is not base64") from exc
    if len(signature) < 5:
        raise VerificationFailed(f"the signature of {name} is too short")
    return name, signature


@dataclass(frozen=True)
class TreeHead:
    """A verified checkpoint: the log's origin, its size and root, and who signed it."""

    origin: str
    size: int
    root: bytes
    key: VerifierKey


def open_checkpoint(note: str, keys: Sequence[VerifierKey]) -> TreeHead:
    """The tree head of a checkpoint whose signature verifies with one of the keys."""
    text, key = open_note(note, keys)
    lines = text.split("\n")[:-1]
    if len(lines) < 3 or not all(lines):
        raise VerificationFailed("a checkpoint is at least three non-empty lines")
    origin, size, root = lines[:3]
    if not (size.isascii() and size.isdigit()) or (size != "0" and size.startswith("0")):
        raise VerificationFailed("the checkpoint's tree size is not a plain decimal number")
    digest = _hash(root, "the checkpoint's root hash")
    return TreeHead(origin, int(size), digest, key)


def _hash(encoded: str, what: str) -> bytes:
    try:
        digest = base64.b64decode(encoded, validate=True)
    except (binascii.Error, TypeError) as exc:
        raise VerificationFailed(f"{what} is not base64") from exc
    if len(digest) != 32:
        raise VerificationFailed(f"{what} is not 32 bytes")
    return digest


def verify_inclusion(
    leaf: bytes, index: int, size: int, proof: Sequence[bytes], root: bytes
) -> None:
    """RFC 9162 §2.1.3.2: the leaf hash is at `index` of the tree of `size` with this root."""
    if not 0 <= index < size:
        raise VerificationFailed(f"leaf {index} is outside a tree of {size}")
    fn, sn, found = index, size - 1, leaf
    for sibling in proof:
        if sn == 0:
            raise VerificationFailed("the inclusion proof is too long")
        if fn & 1 or fn == sn:
            found = node_hash(sibling, found)
            while not fn & 1 and fn != 0:
                fn, sn = fn >> 1, sn >> 1
        else:
            found = node_hash(found, sibling)
        fn, sn = fn >> 1, sn >> 1
    if sn != 0 or found != root:
        raise VerificationFailed("the inclusion proof does not lead to the root")


def verify_consistency(
    first: int, second: int, proof: Sequence[bytes], first_root: bytes, second_root: bytes
) -> None:
    """RFC 9162 §2.1.4.2: the tree of `second` leaves extends the tree of `first` leaves."""
    if not 0 < first <= second:
        raise VerificationFailed(f"no consistency between sizes {first} and {second}")
    if first == second:
        if proof or first_root != second_root:
            raise VerificationFailed("one size, two different roots")
        return
    if not proof:
        raise VerificationFailed("the consistency proof is empty")
    path = list(proof)
    if first & (first - 1) == 0:
        path.insert(0, first_root)
    fn, sn = first - 1, second - 1
    while fn & 1:
        fn, sn = fn >> 1, sn >> 1
    fr = sr = path[0]
    for step in path[1:]:
        if sn == 0:
            raise VerificationFailed("the consistency proof is too long")
        if fn & 1 or fn == sn:
            fr, sr = node_hash(step, fr), node_hash(step, sr)
            while not fn & 1 and fn != 0:
                fn, sn = fn >> 1, sn >> 1
        else:
            sr = node_hash(sr, step)
        fn, sn = fn >> 1, sn >> 1
    if sn != 0 or fr != first_root or sr != second_root:
        raise VerificationFailed("the consistency proof does not join the two roots")


@dataclass(frozen=True)
class EventFacts:
    """What an event's leaf commits to, as an auditor's proof spells it out."""

    position: int
    aggregate_id: uuid.UUID
    version: int
    topic: str
    recorded_at: datetime
    payload_sha256: bytes

    def digest(self) -> bytes:
        """SHA-256 of the facts' encoding (docs/transparency.md)."""
        micros = (self.recorded_at - EPOCH) // timedelta(microseconds=1)
        head = FACTS.pack(self.version, self.aggregate_id.bytes, micros, self.payload_sha256)
        return hashlib.sha256(head + self.topic.encode()).digest()


def read_facts(data: dict[str, Any]) -> EventFacts:
    """The facts of an auditor's proof (its `event` object)."""
    try:
        when = EPOCH + timedelta(microseconds=int(data["recorded_at_us"]))
        return EventFacts(
            int(data["position"]),
            uuid.UUID(str(data["aggregate_id"])),
            int(data["version"]),
            str(data["topic"]),
            when,
            _hash(str(data["payload_sha256"]), "the payload's SHA-256"),
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise VerificationFailed(f"the event's facts are incomplete ({exc})") from exc


@dataclass(frozen=True)
class Included:
    """A verified inclusion: the position, and the event's facts when the proof gave them."""

    position: int
    event: EventFacts | None


def check_inclusion(proof: dict[str, Any], head: TreeHead) -> Included:
    """An inclusion proof (the portal's JSON) checked against a verified checkpoint."""
    if proof.get("tree_size") != head.size:
        raise VerificationFailed(
            f"the proof is for a tree of {proof.get('tree_size')}, the checkpoint of {head.size}"
        )
    leaf = base64.b64decode(str(proof.get("leaf", "")))
    if len(leaf) != LEAF.size or leaf[0] != 1:
        raise VerificationFailed("not an immportal event leaf (format 1)")
    _, position, digest = LEAF.unpack(leaf)
    index = proof.get("leaf_index")
    if not isinstance(index, int) or position != index + 1:
        raise VerificationFailed("the leaf's position does not match the proof's leaf index")
    hashes = [_hash(h, "a proof hash") for h in proof.get("hashes", [])]
    verify_inclusion(leaf_hash(leaf), index, head.size, hashes, head.root)
    event = read_facts(proof["event"]) if proof.get("event") is not None else None
    if event is not None and (event.position != position or event.digest() != digest):
        raise VerificationFailed("the event's facts are not what its leaf commits to")
    return Included(position, event)


def check_consistency(proof: dict[str, Any], old: TreeHead, new: TreeHead) -> None:
    """A consistency proof (the portal's JSON) checked between two verified checkpoints."""
    if old.origin != new.origin:
        raise VerificationFailed("the checkpoints come from different logs")
    if (proof.get("first_size"), proof.get("second_size")) != (old.size, new.size):
        raise VerificationFailed("the proof is for other sizes than the checkpoints'")
    hashes = [_hash(h, "a proof hash") for h in proof.get("hashes", [])]
    verify_consistency(old.size, new.size, hashes, old.root, new.root)


def _b64url(part: str) -> bytes:
    try:
        return base64.urlsafe_b64decode(part + "=" * (-len(part) % 4))
    except (binascii.Error, ValueError) as exc:
        raise VerificationFailed("the credential is not base64url") from exc


def check_credential(token: str, keys: Sequence[VerifierKey]) -> dict[str, Any]:
    """The claims of a status credential (compact JWS, EdDSA) signed by one of the keys.

    The key must have been in use when the credential says it was issued (`iat`).
    """
    parts = token.strip().split(".")
    if len(parts) != 3:
        raise VerificationFailed("a credential is three base64url parts joined by dots")
    try:
        header = json.loads(_b64url(parts[0]))
        claims = json.loads(_b64url(parts[1]))
    except ValueError as exc:
        raise VerificationFailed("the credential's header or claims are not JSON") from exc
    if not isinstance(header, dict) or not isinstance(claims, dict):
        raise VerificationFailed("the credential's header and claims must be JSON objects")
    if header.get("alg") != "EdDSA" or "crit" in header:
        raise VerificationFailed("only EdDSA credentials without critical headers are known")
    known = {f"{k.name}+{k.key_id:08x}": k for k in keys}
    key = known.get(str(header.get("kid")))
    if key is None:
        raise VerificationFailed(f"the credential names an unknown key {header.get('kid')!r}")
    try:
        Ed25519PublicKey.from_public_bytes(key.public_key).verify(
            _b64url(parts[2]), f"{parts[0]}.{parts[1]}".encode()
        )
    except InvalidSignature as exc:
        raise VerificationFailed(f"the signature of {key.name} does not verify") from exc
    issued = claims.get("iat")
    if not isinstance(issued, int):
        raise VerificationFailed("the credential does not say when it was issued")
    when = EPOCH + timedelta(seconds=issued)
    if (key.valid_from and when < key.valid_from) or (key.valid_until and when >= key.valid_until):
        raise VerificationFailed(f"{key.name} did not sign credentials at {_iso(when)}")
    return claims


def _read(path: str) -> str:
    if path == "-":
        return sys.stdin.read()
    with open(path, encoding="utf-8") as file:
        return file.read()


def _opened(path: str, keys: list[VerifierKey]) -> TreeHead:
    head = open_checkpoint(_read(path), keys)
    print(f"{path}: signed by {head.key.name} ({head.key.key_id:08x}, {head.key.period()})")
    print(f"  {head.origin}, {head.size} events, root {base64.b64encode(head.root).decode()}")
    return head


def main(argv: Sequence[str] | None = None) -> int:
    """The command line; exit 0 when everything verified, 1 when something did not."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    checkpoint = commands.add_parser("checkpoint", help="check a checkpoint's signature")
    checkpoint.add_argument("file")
    inclusion = commands.add_parser("inclusion", help="check that an event is in a checkpoint")
    inclusion.add_argument("--checkpoint", required=True)
    inclusion.add_argument("proof")
    consistency = commands.add_parser("consistency", help="check that a log only grew")
    consistency.add_argument("--old", required=True)
    consistency.add_argument("--new", required=True)
    consistency.add_argument("proof")
    credential = commands.add_parser("credential", help="check a status statement (JWS)")
    credential.add_argument("statement")
    for command in (checkpoint, inclusion, consistency, credential):
        command.add_argument("--keys", required=True, help="the published keys file")
    args = parser.parse_args(argv)
    try:
        keys = read_keys(_read(args.keys))
        if args.command == "checkpoint":
            _opened(args.file, keys)
        elif args.command == "credential":
            claims = check_credential(_read(args.statement), keys)
            when = EPOCH + timedelta(seconds=claims["iat"])
            print(f"a status statement by {claims.get('iss')}, checked {_iso(when)}:")
            for name, value in claims.items():
                if name not in ("iss", "iat", "type"):
                    print(f"  {name}: {value}")
        elif args.command == "inclusion":
            found = check_inclusion(json.loads(_read(args.proof)), _opened(args.checkpoint, keys))
            print(f"the event at position {found.position} is in the log")
            if found.event is not None:
                event = found.event
                print(f"  {event.topic}, aggregate {event.aggregate_id} version {event.version},")
                print(f"  recorded {event.recorded_at}")
        else:
            proof = json.loads(_read(args.proof))
            check_consistency(proof, _opened(args.old, keys), _opened(args.new, keys))
            print("the newer checkpoint extends the older one: nothing was rewritten")
    except (VerificationFailed, OSError, ValueError) as failure:
        print(f"NOT VERIFIED: {failure}", file=sys.stderr)
        return 1
    print("verified")
    return 0


if __name__ == "__main__":
    sys.exit(main())
