"""The transparency log's well-known addresses: the latest checkpoint and the public keys.

Plain text, as the standalone verifier and other signed-note tools read them; anyone
may fetch them, and should keep copies: a checkpoint saved today is what proves
tomorrow that the log was not rewritten.
"""

from aiohttp import web

from immportal.errors import NotFound
from immportal.web.policy import PUBLIC, allow
from immportal.web.portal import PORTAL

CHECKPOINT_PATH = "/.well-known/immportal/checkpoint"
KEYS_PATH = "/.well-known/immportal/keys"


def _text(body: str, status: int = 200, max_age: int = 0) -> web.Response:
    cache = f"public, max-age={max_age}" if max_age else "no-cache"
    return web.Response(
        text=body,
        status=status,
        content_type="text/plain",
        charset="utf-8",
        headers={"Cache-Control": cache, "Access-Control-Allow-Origin": "*"},
    )


@allow(PUBLIC)
async def latest_checkpoint(request: web.Request) -> web.Response:
    """The newest signed checkpoint, as a C2SP signed note."""
    try:
        checkpoint = await request.app[PORTAL].transparency.latest_checkpoint()
    except NotFound:
        return _text("No checkpoint has been signed yet.\n", status=404)
    return _text(checkpoint.note)


@allow(PUBLIC)
async def public_keys(request: web.Request) -> web.Response:
    """Every key that signs or signed checkpoints, with the period it signed in."""
    return _text(request.app[PORTAL].transparency.public_keys, max_age=300)


def add_transparency_routes(app: web.Application) -> None:
    """Register the well-known addresses."""
    app.router.add_get(CHECKPOINT_PATH, latest_checkpoint)
    app.router.add_get(KEYS_PATH, public_keys)
