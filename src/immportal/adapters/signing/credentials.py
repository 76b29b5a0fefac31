"""Status credentials as compact JWS (RFC 7515), signed with Ed25519 (EdDSA, RFC 8037).

The key comes from a keyring of the purpose "credential", kept in a keys file outside the
database like the checkpoint keys; its public keys are published, so a credential checks
offline with nothing else (transparency_verify.py credential). The header's `kid` is the
key's name and signed-note key ID, as in the published keys file: `name+1a2b3c4d`.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Mapping
from datetime import datetime
from typing import Any

from immportal.adapters.signing.keyring import Keyring


def b64url(data: bytes) -> str:
    """Base64url without padding, as JWS writes every part."""
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _json(value: Mapping[str, Any]) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode()


class JwsCredentialSigner:
    """Signs claims with the credential key in use at the time of signing."""

    def __init__(self, keyring: Keyring) -> None:
        self._keyring = keyring

    def sign(self, claims: Mapping[str, Any], now: datetime) -> str:
        """The claims as a compact JWS; NoSigningKey if no key may sign now."""
        key = self._keyring.signing_key(now)
        header = {"alg": "EdDSA", "typ": "JWT", "kid": f"{key.name}+{key.key_id:08x}"}
        signing_input = f"{b64url(_json(header))}.{b64url(_json(claims))}"
        return f"{signing_input}.{b64url(key.sign(signing_input.encode()))}"
