"""Retry-safe commands: a request sent again with the same key gets the first outcome.

Keys come from the API's `Idempotency-Key` header (the IETF HTTP API draft) and, for pages,
from the form itself: every rendered form's CSRF field carries a fresh nonce after the token
(`token.nonce`, see `web/sessions.py`), so a double click or a browser's resend of the same
form is the same submission. The first outcome of a signed-in person's request is kept for a
day: its status, redirect and body (a replayed page's scripts may not run, its old nonce no
longer matching the page's policy; every page works without them). A refusal or a failure changed
nothing, so it is not kept and a retry runs anew.

Reusing an API key for a different request is refused (422), as the draft says. A page form
sent again with other answers (Back, change, send) is a new submission and runs.
"""

import asyncio
import contextlib
import hashlib

import structlog
from aiohttp import hdrs, payload, web
from aiohttp.typedefs import Handler

from immportal.i18n import N_, _
from immportal.services.idempotency import IdempotentRequests, Recorded
from immportal.web.csrf import (
    API_PATH_PREFIX,
    FORM_TYPES,
    SAFE_METHODS,
    SIGNATURE_CHECKED_PATHS,
    TOKEN_FIELD,
    streams_form,
)
from immportal.web.sessions import current_session

log = structlog.get_logger(__name__)

IDEMPOTENT_REQUESTS = web.AppKey("idempotent_requests", IdempotentRequests)
KEY_HEADER = "Idempotency-Key"
REPLAYED_HEADER = "Idempotent-Replayed"
MAX_KEPT_BODY = 64 * 1024
"""Larger answers are not kept (and their key is released): API answers here are small."""
FIRST_REQUEST_WAIT = 10.0
"""How long a repeat waits for the first request still running, before saying so."""
POLL_SECONDS = 0.1


class KeyProblem(Exception):
    """The Idempotency-Key header is not a usable key."""


def _api(request: web.Request) -> bool:
    return request.path.startswith(API_PATH_PREFIX)


async def request_key(request: web.Request) -> str | None:
    """The request's idempotency key: the API header, or the page form's nonce; else None."""
    if _api(request):
        key = request.headers.get(KEY_HEADER)
        if key is None:
            return None
        key = key.strip().strip('"')  # the draft sends it as a quoted structured-field string
        if not 8 <= len(key) <= 255 or not key.isascii() or not key.isprintable():
            raise KeyProblem(N_("An Idempotency-Key is 8 to 255 printable ASCII characters."))
        return key
    if request.content_type not in FORM_TYPES or streams_form(request):
        return None
    sent = (await request.post()).get(TOKEN_FIELD)
    if not isinstance(sent, str) or "." not in sent:
        return None
    return "form:" + sent.rsplit(".", 1)[1]


async def fingerprint(request: web.Request) -> bytes:
    """What makes two requests the same: method, path with query, and body."""
    body = await request.read()  # aiohttp keeps it: the handler reads it again
    digest = hashlib.sha256(f"{request.method}\0{request.path_qs}\0".encode())
    digest.update(body)
    return digest.digest()


def _replay(recorded: Recorded) -> web.Response:
    assert recorded.status is not None
    headers = {REPLAYED_HEADER: "true"}
    if recorded.location:
        headers[hdrs.LOCATION] = recorded.location
    if recorded.content_type:
        headers[hdrs.CONTENT_TYPE] = recorded.content_type
    return web.Response(status=recorded.status, body=recorded.body, headers=headers)


def _problem(request: web.Request, status: int, title: str) -> web.Response:
    if _api(request):
        body = {"type": "about:blank", "title": title, "status": status, "detail": title}
        return web.json_response(body, status=status, content_type="application/problem+json")
    return web.Response(status=status, text=title, content_type="text/plain")


async def _first_outcome(
    store: IdempotentRequests, scope: str, key: str, fp: bytes, recorded: Recorded
) -> Recorded | None:
    """The first request's outcome once it is done; None when this request now holds the key."""
    # A double click arrives while the first press is still being handled: wait for it.
    loop = asyncio.get_running_loop()
    deadline = loop.time() + FIRST_REQUEST_WAIT
    while not recorded.done and loop.time() < deadline:
        await asyncio.sleep(POLL_SECONDS)
        again = await store.claim(scope, key, fp)
        if again is None:  # the first one changed nothing and let go: this one runs
            return None
        recorded = again
    return recorded


def body_bytes(response: web.StreamResponse) -> bytes | None:
    """A response's whole body, when it is held in memory (not a stream or a file)."""
    body = response.body if isinstance(response, web.Response) else None
    if isinstance(body, bytes):
        return body
    if isinstance(body, payload.BytesPayload):  # text bodies, in some aiohttp releases
        return body.decode(body.encoding or "utf-8").encode(body.encoding or "utf-8")
    return None


def _keepable(response: web.StreamResponse) -> bool:
    # A response that sets a cookie (a sign-in step) belongs to its one request only.
    if response.cookies or hdrs.SET_COOKIE in response.headers or response.status >= 400:
        return False
    if 300 <= response.status < 400:
        return True
    body = body_bytes(response)
    return body is not None and len(body) <= MAX_KEPT_BODY


@web.middleware
async def idempotent_commands(request: web.Request, handler: Handler) -> web.StreamResponse:
    """Answer a repeated state-changing request with its first outcome."""
    store = request.app.get(IDEMPOTENT_REQUESTS)

    session = current_session(request)
    if (
        store is None
        or request.method in SAFE_METHODS
        or request.path in SIGNATURE_CHECKED_PATHS
        or session is None
        or session.account_id is None
    ):
        return await handler(request)
    try:
        key = await request_key(request)
    except KeyProblem as problem:
        return _problem(request, 400, _(str(problem)))
    if key is None:
        return await handler(request)
    scope, fp = str(session.account_id), await fingerprint(request)
    recorded = await store.claim(scope, key, fp)
    if recorded is not None and recorded.fingerprint != fp:
        if _api(request):
            return _problem(request, 422, _("This Idempotency-Key was used for another request."))
        key += ":" + fp.hex()[:32]  # the same form sent with other answers: a new submission
        recorded = await store.claim(scope, key, fp)
    if recorded is not None:
        first = await _first_outcome(store, scope, key, fp, recorded)
        if first is not None and first.done:
            log.info("request_replayed", status=first.status)
            return _replay(first)
        if first is not None:
            return _problem(request, 409, _("Your earlier request is still being handled."))
    return await _run_first(request, handler, store, scope, key)


async def _run_first(
    request: web.Request, handler: Handler, store: IdempotentRequests, scope: str, key: str
) -> web.StreamResponse:
    try:
        response = await handler(request)
    except web.HTTPException as exc:  # redirects are raised, not returned
        if _keepable(exc):
            location = exc.headers.get(hdrs.LOCATION)
            await store.complete(scope, key, exc.status, location, None, None)
        else:
            await store.release(scope, key)
        raise
    except BaseException:
        # If even this fails (the database went away), the claim lapses after a while.
        with contextlib.suppress(Exception):
            await store.release(scope, key)
        raise
    if _keepable(response):
        location = response.headers.get(hdrs.LOCATION)
        body = body_bytes(response)
        await store.complete(scope, key, response.status, location, response.content_type, body)
    else:
        await store.release(scope, key)
    return response
