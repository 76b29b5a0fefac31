"""New recovery codes, shown (and downloadable) until the person says they saved them."""

import hashlib
import secrets

from aiohttp import web
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from immportal.i18n import _
from immportal.services.identity.sessions import Session
from immportal.web.identity.common import (
    ACCOUNT_PATH,
    next_path,
    posted,
    session_of,
)
from immportal.web.policy import SIGNED_IN, allow
from immportal.web.rendering import render
from immportal.web.sessions import session_store

RECOVERY_CODES_PATH = "/account/recovery-codes"
DOWNLOAD_PATH = f"{RECOVERY_CODES_PATH}/download"
DOWNLOAD_NAME = "immportal-recovery-codes.txt"
_NONCE_BYTES = 12


def _key(session: Session) -> bytes:
    # Derived from the session id, which only the cookie holds: the table stores its
    # digest, so codes sealed with this key cannot be read from the database alone.
    return hashlib.sha256(b"immportal recovery codes\0" + session.id.encode()).digest()


async def hold_codes(request: web.Request, session: Session, codes: list[str]) -> None:
    """Keep the new codes, sealed, with the session until the person has saved them."""
    nonce = secrets.token_bytes(_NONCE_BYTES)
    sealed = nonce + AESGCM(_key(session)).encrypt(nonce, "\n".join(codes).encode(), None)
    await session_store(request).hold_recovery_codes(session.id, sealed)


async def held_codes(request: web.Request) -> list[str]:
    """The codes this session holds, or [] if none (saved already, or another session)."""
    session = session_of(request)
    sealed = await session_store(request).held_recovery_codes(session.id)
    if not sealed:
        return []
    try:
        plain = AESGCM(_key(session)).decrypt(sealed[:_NONCE_BYTES], sealed[_NONCE_BYTES:], None)
    except InvalidTag:
        return []
    return plain.decode().split("\n")


@allow(SIGNED_IN)
async def show(request: web.Request) -> web.Response:
    """The codes, once, with a download link and an "I have saved my codes" button."""
    context = {
        "title": _("Save your recovery codes"),
        "codes": await held_codes(request),
        "next": next_path(request) or "",
    }
    return render("identity/recovery_codes.html", request, context)


@allow(SIGNED_IN)
async def download(request: web.Request) -> web.Response:
    """The codes as a text file."""
    codes = await held_codes(request)
    if not codes:
        raise web.HTTPNotFound()
    text = "\n".join(
        [
            "immportal recovery codes",
            "",
            "Each code works once. Use one to sign in if you cannot use your authenticator app.",
            "Keep them somewhere safe, away from your phone.",
            "",
            *codes,
            "",
        ]
    )
    return web.Response(
        text=text,
        content_type="text/plain",
        headers={"Content-Disposition": f'attachment; filename="{DOWNLOAD_NAME}"'},
    )


@allow(SIGNED_IN)
async def saved(request: web.Request) -> web.Response:
    """Forget the codes: from now on only their digests remain, on the account."""
    values = await posted(request)
    await session_store(request).hold_recovery_codes(session_of(request).id, None)
    raise web.HTTPSeeOther(next_path(request, values) or ACCOUNT_PATH)


def add_routes(app: web.Application) -> None:
    """Register the recovery code pages."""
    app.router.add_get(RECOVERY_CODES_PATH, show)
    app.router.add_get(DOWNLOAD_PATH, download)
    app.router.add_post(RECOVERY_CODES_PATH, saved)
