"""What the sign-in pages share: form values, where to go next, the current account."""

from datetime import UTC, datetime
from urllib.parse import urlencode
from uuid import UUID

import structlog
from aiohttp import web

from immportal.domain.identity.account import Account
from immportal.errors import NotFound
from immportal.i18n import _
from immportal.metrics import sign_ins
from immportal.services.identity.sessions import Session, digest
from immportal.web.identity.browser_key import browser_key
from immportal.web.policy import local_path
from immportal.web.portal import portal
from immportal.web.sessions import current_session, rotate_session

log = structlog.get_logger(__name__)

ACCOUNT_PATH = "/account"
Errors = dict[str, list[str]]


def done_notice(request: web.Request, notices: dict[str, str]) -> str:
    """The success message named by ?done= (marked with N_()), in the page's language."""
    message = notices.get(request.query.get("done", ""), "")
    return _(message) if message else ""


def utc_now() -> datetime:
    """The current time, with its time zone."""
    return datetime.now(UTC)


async def posted(request: web.Request) -> dict[str, str]:
    """The form's text fields (files and repeated names ignored)."""
    return {k: v for k, v in (await request.post()).items() if isinstance(v, str)}


def next_path(request: web.Request, values: dict[str, str] | None = None) -> str | None:
    """The local page to return to after signing in, from the form or the query."""
    sent = (values or {}).get("next") or request.query.get("next")
    return local_path(sent)


def with_next(path: str, return_to: str | None) -> str:
    """A path carrying the page to return to, if there is one."""
    return path if return_to is None else f"{path}?{urlencode({'next': return_to})}"


def session_of(request: web.Request) -> Session:
    """The session of a request the policy admitted as (partly) signed in."""
    session = current_session(request)
    if session is None or session.account_id is None:
        raise NotFound("no signed-in session")  # the policy should have stopped this
    return session


def account_id_of(request: web.Request) -> UUID:
    """The account of a request the policy admitted as (partly) signed in."""
    account_id = session_of(request).account_id
    assert account_id is not None  # session_of checked it
    return account_id


async def finish_sign_in(request: web.Request, account: Account, now: datetime) -> Session:
    """The second factor is done: a new session id, signed in, and the sign-in recorded."""
    before = session_of(request)
    session = await rotate_session(
        request,
        account_id=account.id,
        role=account.role,
        password_checked_at=before.password_checked_at or now,
        second_factor_at=now,
    )
    ref = digest(session.id).hex()
    browser = request.headers.get("User-Agent", "")[:256]
    key = browser_key(request)
    await portal(request).accounts.record_sign_in(account.id, ref, browser, now, key)
    log.info("signed_in", account_id=str(account.id))
    sign_ins.labels("signed_in").inc()
    return session
