"""Signing keys with validity periods, read from a keys file that is never in the database.

One keyring per purpose (checkpoints now; documents can get their own file and keyring),
each a list of Ed25519 keys. A keys file has one key a line, then the time the key starts
signing and, optionally, the time it stops:

    PRIVATE+KEY+portal.example/log+1a2b3c4d+AZ...  2026-01-01T00:00:00Z
    portal.example/log+0badcafe+AS...              2025-01-01T00:00:00Z  2026-01-01T00:00:00Z

Keys are written as Go's golang.org/x/mod/sumdb/note writes them (`PRIVATE+KEY+name+hash+
base64(0x01 || seed)` for a signer, `name+hash+base64(0x01 || public key)` for a verifier),
so other tools can read them. A retired key may stay as its private line or, better, as
its public line alone: either way it is published, and what it signed stays verifiable.
A key stops signing at its own end time or when a newer key starts, whichever is first.
"""

import base64
import binascii
import secrets
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from immportal.errors import PortalError
from immportal.transparency_verify import (
    ED25519,
    VerificationFailed,
    VerifierKey,
    check_key_name,
    key_id,
    parse_time,
    parse_verifier_key,
)

PRIVATE_PREFIX = "PRIVATE+KEY+"


class KeysFileError(PortalError):
    """A keys file that cannot be read as keys (the message never quotes a private key)."""


class NoSigningKey(PortalError):
    """No private key of the keyring may sign at that time."""


@dataclass(frozen=True)
class SigningKey:
    """One key of a keyring: its name, public key, private key if held, and its period."""

    name: str
    public_key: bytes
    valid_from: datetime
    valid_until: datetime | None = None
    private: Ed25519PrivateKey | None = field(default=None, repr=False, compare=False)

    @property
    def key_id(self) -> int:
        """Its signed-note key ID."""
        return key_id(self.name, self.public_key)

    def sign(self, message: bytes) -> bytes:
        """The Ed25519 signature of the message."""
        if self.private is None:
            raise NoSigningKey(f"only the public part of {self.name} is held")
        return self.private.sign(message)

    def verifier_only(self) -> "SigningKey":
        """The same key without its private half (what a retired key should be kept as)."""
        return SigningKey(self.name, self.public_key, self.valid_from, self.valid_until)

    def line(self) -> str:
        """The key's line in a keys file: its private form if held, then its period."""
        if self.private is None:
            key = VerifierKey(self.name, self.public_key).line()
        else:
            seed = self.private.private_bytes_raw()
            encoded = base64.b64encode(bytes([ED25519]) + seed).decode()
            key = f"{PRIVATE_PREFIX}{self.name}+{self.key_id:08x}+{encoded}"
        until = f"  {_iso(self.valid_until)}" if self.valid_until else ""
        return f"{key}  {_iso(self.valid_from)}{until}"


def _iso(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def generate_key(name: str, valid_from: datetime) -> SigningKey:
    """A new Ed25519 key of that name, signing from `valid_from`."""
    check_name(name)
    private = Ed25519PrivateKey.from_private_bytes(secrets.token_bytes(32))
    return SigningKey(name, _public_bytes(private), valid_from, private=private)


def check_name(name: str) -> str:
    """The name, if a signed note may use it; else KeysFileError."""
    try:
        return check_key_name(name)
    except VerificationFailed as exc:
        raise KeysFileError(str(exc)) from exc


def _public_bytes(private: Ed25519PrivateKey) -> bytes:
    return private.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)


class Keyring:
    """The keys of one purpose, oldest first."""

    def __init__(self, purpose: str, keys: Sequence[SigningKey]) -> None:
        if not keys:
            raise KeysFileError(f"the {purpose} keys file lists no key")
        self.purpose = purpose
        self.keys = tuple(sorted(keys, key=lambda k: k.valid_from))

    def ends(self, key: SigningKey) -> datetime | None:
        """When the key stops signing: its own end, or when the next key starts."""
        later = [k.valid_from for k in self.keys if k.valid_from > key.valid_from]
        ends = [t for t in (key.valid_until, min(later, default=None)) if t is not None]
        return min(ends, default=None)

    def signing_key(self, at: datetime) -> SigningKey:
        """The key signing at that time; NoSigningKey if none may, or lacks its private half."""
        for key in reversed(self.keys):
            end = self.ends(key)
            if key.valid_from <= at and (end is None or at < end):
                if key.private is None:
                    raise NoSigningKey(
                        f"the {self.purpose} key {key.name} in use has no private key here"
                    )
                return key
        raise NoSigningKey(f"no {self.purpose} key is valid at {_iso(at)}")

    def verifiers(self) -> list[VerifierKey]:
        """Every key's public part, with the period it signs in."""
        return [VerifierKey(k.name, k.public_key, k.valid_from, self.ends(k)) for k in self.keys]

    def published(self) -> str:
        """The public keys file: what verifiers need, retired keys included."""
        lines = [
            f"# immportal {self.purpose} keys (c2sp.org/signed-note Ed25519 verifier keys)",
            "# key  valid-from  [valid-until]",
        ]
        for key in self.verifiers():
            until = f"  {_iso(key.valid_until)}" if key.valid_until else ""
            since = _iso(key.valid_from) if key.valid_from else ""
            lines.append(f"{key.line()}  {since}{until}")
        return "\n".join(lines) + "\n"


def read_keyring(purpose: str, text: str) -> Keyring:
    """The keyring of a keys file's text; KeysFileError says which line is wrong."""
    keys = []
    for number, raw in enumerate(text.splitlines(), start=1):
        words = raw.split("#", 1)[0].split()
        if not words:
            continue
        try:
            keys.append(_key(words))
        except (KeysFileError, VerificationFailed) as exc:
            raise KeysFileError(f"line {number} of the {purpose} keys file: {exc}") from None
    return Keyring(purpose, keys)


def _key(words: list[str]) -> SigningKey:
    if len(words) not in (2, 3):
        raise KeysFileError("expected a key, its start time and maybe its end time")
    times = [parse_time(word) for word in words[1:]]
    valid_from, valid_until = times[0], times[1] if len(times) > 1 else None
    if valid_until is not None and valid_until <= valid_from:
        raise KeysFileError("the key ends before it starts")
    if not words[0].startswith(PRIVATE_PREFIX):
        name, public_key = parse_verifier_key(words[0])
        return SigningKey(name, public_key, valid_from, valid_until)
    private, name = _private(words[0])
    return SigningKey(name, _public_bytes(private), valid_from, valid_until, private=private)


def _private(text: str) -> tuple[Ed25519PrivateKey, str]:
    # Base64 may hold "+" too: names cannot, so the first two "+" end the name and hash.
    parts = text.removeprefix(PRIVATE_PREFIX).split("+", 2)
    if len(parts) != 3:
        raise KeysFileError("a private key is PRIVATE+KEY+name+hash+base64")
    name, hash_hex, encoded = parts
    check_name(name)
    try:
        raw = base64.b64decode(encoded, validate=True)
        claimed = int(hash_hex, 16)
    except (binascii.Error, ValueError):
        raise KeysFileError(f"the private key {name!r} is not readable") from None
    if len(raw) != 33 or raw[0] != ED25519:
        raise KeysFileError(f"the private key {name!r} is not an Ed25519 key")
    private = Ed25519PrivateKey.from_private_bytes(raw[1:])
    if key_id(name, _public_bytes(private)) != claimed:
        raise KeysFileError(f"the private key {name!r} does not match its hash")
    return private, name
