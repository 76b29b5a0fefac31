"""The sandbox provider's aiohttp application: a merchant API and hosted card pages."""

from __future__ import annotations

import hmac
import secrets
from collections.abc import AsyncIterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import jinja2
import structlog
from aiohttp import web
from yarl import URL

from immportal.dev.payments_sandbox.cards import check_card
from immportal.dev.payments_sandbox.store import (
    KeyConflict,
    SandboxSession,
    SessionNotFound,
    SessionStore,
)
from immportal.dev.payments_sandbox.webhooks import RETRY_DELAYS, WebhookSender

log = structlog.get_logger(__name__)
TEMPLATES = jinja2.Environment(
    loader=jinja2.FileSystemLoader(Path(__file__).parent / "templates"),
    autoescape=jinja2.select_autoescape(default=True),
)
EVENT_TYPES = {
    "paid": "session.paid",
    "declined": "session.declined",
    "cancelled": "session.cancelled",
    "expired": "session.expired",
}


@dataclass
class Sandbox:
    """The provider's state: its settings, sessions and webhook sender."""

    api_key: str = field(repr=False)
    webhook_secret: bytes = field(repr=False)
    webhook_url: str
    retry_delays: Sequence[float] = RETRY_DELAYS
    base_url: str = ""
    """Where the provider is reached; known once it listens."""
    store: SessionStore = field(default_factory=SessionStore)
    sender: WebhookSender = field(init=False)

    def __post_init__(self) -> None:
        self.sender = WebhookSender(
            self.webhook_url, self.webhook_secret, retry_delays=self.retry_delays
        )

    def finish(
        self, session: SandboxSession, status: str, last4: str = "", brand: str = ""
    ) -> None:
        """End a session and tell the merchant, once."""
        if self.store.finish(session, status, last4=last4, brand=brand):
            log.info("sandbox_session_finished", session_id=session.id, status=status)
            self.sender.send(EVENT_TYPES[status], session.public(self.base_url))


SANDBOX = web.AppKey("sandbox", Sandbox)


def create_sandbox_app(sandbox: Sandbox) -> web.Application:
    """The provider's application; its webhook sender opens and closes with it."""
    app = web.Application(middlewares=[_headers], client_max_size=64 * 1024)
    app[SANDBOX] = sandbox
    app.router.add_post("/api/sessions", create_session)
    app.router.add_get("/api/sessions/{session_id}", show_session)
    app.router.add_post("/api/sessions/{session_id}/expire", expire_session)
    app.router.add_post("/api/events/{event_id}/resend", resend_event)
    app.router.add_get("/pay/{session_id}", card_page)
    app.router.add_post("/pay/{session_id}", pay)
    app.router.add_post("/pay/{session_id}/cancel", cancel)

    async def sender_ctx(_app: web.Application) -> AsyncIterator[None]:
        await sandbox.sender.start()
        yield
        await sandbox.sender.close()

    app.cleanup_ctx.append(sender_ctx)
    return app


@web.middleware
async def _headers(request: web.Request, handler: Any) -> web.StreamResponse:
    response: web.StreamResponse = await handler(request)
    response.headers.setdefault("Cache-Control", "no-store")
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Referrer-Policy"] = "no-referrer"
    return response


def _merchant(request: web.Request) -> Sandbox:
    sandbox = request.app[SANDBOX]
    sent = request.headers.get("Authorization", "").removeprefix("Bearer ")
    if not hmac.compare_digest(sent.encode(), sandbox.api_key.encode()):
        raise web.HTTPUnauthorized(text="wrong API key")
    return sandbox


def _session(sandbox: Sandbox, request: web.Request) -> SandboxSession:
    try:
        return sandbox.store.get(request.match_info["session_id"])
    except SessionNotFound:
        raise web.HTTPNotFound(text="no such session") from None


async def create_session(request: web.Request) -> web.Response:
    """Open a hosted session; the Idempotency-Key header makes a retry return the same one."""
    sandbox = _merchant(request)
    key = request.headers.get("Idempotency-Key", "")
    body = await request.json()
    wanted = ("reference", "amount", "currency", "description", "return_url")
    if not key or not isinstance(body, dict) or any(name not in body for name in wanted):
        raise web.HTTPBadRequest(text="Idempotency-Key and " + ", ".join(wanted) + " required")
    try:
        session = sandbox.store.open(key, {name: body[name] for name in wanted})
    except KeyConflict:
        raise web.HTTPConflict(text="idempotency key reused with another request") from None
    return web.json_response(session.public(sandbox.base_url))


async def show_session(request: web.Request) -> web.Response:
    """Where a session stands."""
    sandbox = _merchant(request)
    return web.json_response(_session(sandbox, request).public(sandbox.base_url))


async def expire_session(request: web.Request) -> web.Response:
    """Close an open session so it can no longer be paid; answer its final state."""
    sandbox = _merchant(request)
    session = _session(sandbox, request)
    sandbox.finish(session, "expired")
    return web.json_response(session.public(sandbox.base_url))


async def resend_event(request: web.Request) -> web.Response:
    """Deliver an event again, unchanged, as a provider's dashboard lets merchants do."""
    sandbox = _merchant(request)
    event_id = request.match_info["event_id"]
    if event_id not in sandbox.sender.events:
        raise web.HTTPNotFound(text="no such event")
    sandbox.sender.resend(event_id)
    return web.json_response({"id": event_id, "resent": True})


async def card_page(request: web.Request) -> web.Response:
    """The hosted card form (or the end of a finished session)."""
    sandbox = request.app[SANDBOX]
    return _page(_session(sandbox, request), {}, {})


async def pay(request: web.Request) -> web.Response:
    """Charge a test card, send the applicant back, and tell the merchant by webhook."""
    sandbox = request.app[SANDBOX]
    session = _session(sandbox, request)
    form = {k: v for k, v in (await request.post()).items() if isinstance(v, str)}
    if session.status != "open" or not _token_ok(session, form):
        return _page(session, {}, {}, status=409)
    check = check_card(form, datetime.now(UTC).date())
    if check.errors:
        # The card number is never echoed back into the page.
        return _page(session, check.errors, {"name": form.get("name", "")}, status=422)
    sandbox.finish(session, check.outcome, check.last4, check.brand)
    raise web.HTTPSeeOther(_back(session))


async def cancel(request: web.Request) -> web.Response:
    """The applicant gave up: end the session and send them back."""
    sandbox = request.app[SANDBOX]
    session = _session(sandbox, request)
    form = {k: v for k, v in (await request.post()).items() if isinstance(v, str)}
    if session.status == "open" and _token_ok(session, form):
        sandbox.finish(session, "cancelled")
    raise web.HTTPSeeOther(_back(session))


def _token_ok(session: SandboxSession, form: dict[str, str]) -> bool:
    return hmac.compare_digest(form.get("form_token", "").encode(), session.form_token.encode())


def _back(session: SandboxSession) -> str:
    return str(URL(session.return_url).update_query(session_id=session.id))


def _page(
    session: SandboxSession, errors: dict[str, str], values: dict[str, str], *, status: int = 200
) -> web.Response:
    nonce = secrets.token_urlsafe(16)
    back = URL(session.return_url)
    merchant = str(back.origin()) if back.absolute else ""
    html = TEMPLATES.get_template("pay.html").render(
        session=session,
        amount=f"{session.currency} {session.amount // 100:,}.{session.amount % 100:02d}",
        errors=errors,
        values=values,
        back_url=_back(session),
        nonce=nonce,
    )
    response = web.Response(text=html, content_type="text/html", status=status)
    response.headers["Content-Security-Policy"] = (
        f"default-src 'none'; style-src 'nonce-{nonce}'; form-action 'self' {merchant}; "
        "frame-ancestors 'none'; base-uri 'none'"
    )
    return response
