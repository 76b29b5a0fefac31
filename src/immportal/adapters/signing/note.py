"""Sign a note in the C2SP signed-note format (c2sp.org/signed-note), with Ed25519."""

import base64

from immportal.adapters.signing.keyring import SigningKey
from immportal.transparency_verify import SIGNATURE_PREFIX


def sign_note(text: str, key: SigningKey) -> str:
    """The signed note: the text, a blank line, and the signature line of the key."""
    if not text.endswith("\n") or "\n\n" in text:
        raise ValueError("a note's text ends with one newline and has no blank line")
    signature = key.key_id.to_bytes(4, "big") + key.sign(text.encode())
    return f"{text}\n{SIGNATURE_PREFIX}{key.name} {base64.b64encode(signature).decode()}\n"
