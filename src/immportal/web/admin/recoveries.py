"""Admins list open and locked account recoveries, then approve one (after checking identity)
or refuse an open one."""

from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

import structlog
from aiohttp import web

from immportal.domain.actor import Actor, Role
from immportal.domain.errors import NotPermitted, ReasonRequired
from immportal.domain.identity.recovery import CancelReason, Stage
from immportal.errors import NotFound
from immportal.web.identity.common import Errors, account_id_of, posted
from immportal.web.identity.recovery import pages
from immportal.web.policy import allow, roles
from immportal.web.portal import portal
from immportal.web.queries.recoveries import (
    WaitingRecovery,
    recoveries_waiting,
    recovery_waiting,
)
from immportal.web.rendering import format_datetime, render
from immportal.web.sessions import session_store

log = structlog.get_logger(__name__)

LIST_PATH = "/admin/recoveries"
ADMINS = roles(Role.ADMIN)
NOTICES = {
    "approved": "The recovery was approved. The person can now sign in with their password"
    " and set up a new authenticator app.",
    "refused": "The recovery was refused and has ended.",
}
HISTORY = {
    "Requested": "Recovery started from the emailed link",
    "ProofRefused": "Receipt number and date of birth did not match",
    "Proven": "Receipt number and date of birth matched; the 24-hour wait began",
    "HelpRequested": "Asked for an administrator to check identity, without a receipt number",
    "OpenedByAdmin": "Opened by an administrator for a person who was locked out",
    "ApprovedByAdmin": "Approved by an administrator",
    "Cancelled": "Cancelled",
    "Completed": "Second factor reset",
}
ENTER_NOTE = "Say how you checked the person's identity"
ENTER_REFUSAL = "Say why you are refusing this recovery"


@dataclass(frozen=True)
class Row:
    """One open recovery as the pages show it."""

    recovery_id: UUID
    email: str
    name: str
    requested_at: datetime
    stage: str
    wrong_proofs: int
    locked: bool
    with_admin: bool
    """The person asked for an administrator instead of giving a receipt number."""


def stage_label(found: WaitingRecovery, now: datetime) -> str:
    """Where the attempt stands, in a few words."""
    recovery = found.recovery
    ready_at = recovery.ready_at
    if found.locked_until is not None:
        until = format_datetime(found.locked_until)
        if recovery.cancel_reason is CancelReason.TOO_MANY_WRONG_PROOFS:
            return f"Locked after wrong answers until {until}"
        return f'Stopped with "this wasn\'t me" after wrong answers; locked until {until}'
    if recovery.stage is Stage.WITH_ADMIN:
        return "Asked for an administrator"
    if recovery.stage is Stage.AWAITING_PROOF or ready_at is None:
        return "Waiting for receipt number and date of birth"
    if now < ready_at:
        return f"Proven; waiting until {format_datetime(ready_at)}"
    return "Proven; the person can finish now"


def row_of(found: WaitingRecovery, now: datetime) -> Row:
    """The row for an open attempt."""
    recovery = found.recovery
    return Row(
        recovery.id,
        found.email,
        " ".join(found.names),
        recovery.requested_at,
        stage_label(found, now),
        recovery.wrong_proofs,
        found.locked_until is not None,
        recovery.stage is Stage.WITH_ADMIN,
    )


@allow(ADMINS)
async def list_page(request: web.Request) -> web.Response:
    """Every open or locked recovery, oldest first."""
    now = pages.utc_now()
    found = await recoveries_waiting(portal(request), now)
    context = {
        "title": "Account recoveries",
        "rows": [row_of(item, now) for item in found],
        "notice": NOTICES.get(request.query.get("done", ""), ""),
    }
    return render("admin/recoveries.html", request, context)


@allow(ADMINS)
async def detail_page(request: web.Request) -> web.Response:
    """One recovery with its history so far, and the approve (and, if open, refuse) forms."""
    return await _detail(request, {}, {})


@allow(ADMINS)
async def approve(request: web.Request) -> web.Response:
    """Approve with a note on how identity was checked; the second factor is reset at once."""
    values = await posted(request)
    note = values.get("note", "").strip()
    if not note:
        return await _detail(request, {"note": [ENTER_NOTE]}, values)
    try:
        account_id = await portal(request).recovery_admin.approve(
            _recovery_id(request), _admin(request), note, pages.utc_now()
        )
    except (NotPermitted, ReasonRequired) as exc:
        return await _detail(request, {"note": [str(exc)]}, values)
    ended = await session_store(request).revoke_all_for_account(account_id)
    log.info("sessions_ended_after_recovery", account_id=str(account_id), sessions=ended)
    raise web.HTTPSeeOther(f"{LIST_PATH}?done=approved")


@allow(ADMINS)
async def refuse(request: web.Request) -> web.Response:
    """Refuse, saying why; the attempt ends."""
    values = await posted(request)
    reason = values.get("reason", "").strip()
    if not reason:
        return await _detail(request, {"reason": [ENTER_REFUSAL]}, values)
    try:
        await portal(request).recovery_admin.refuse(
            _recovery_id(request), _admin(request), reason, pages.utc_now()
        )
    except (NotPermitted, ReasonRequired) as exc:
        return await _detail(request, {"reason": [str(exc)]}, values)
    raise web.HTTPSeeOther(f"{LIST_PATH}?done=refused")


async def _detail(request: web.Request, errors: Errors, values: dict[str, str]) -> web.Response:
    services, now = portal(request), pages.utc_now()
    found = await recovery_waiting(services, _recovery_id(request), now)
    # The attempt's history is its events, shown one by one (read, not replayed).
    events = await services.events.read_stream(found.recovery.id)
    context = {
        "title": "Account recovery",
        "row": row_of(found, now),
        "history": [
            (
                HISTORY.get(type(e).__name__, ""),
                getattr(e, "at", None),
                getattr(e, "actor_role", ""),
            )
            for e in events
        ],
        "errors": errors,
        "values": values,
    }
    return render("admin/recovery.html", request, context, status=422 if errors else 200)


def _recovery_id(request: web.Request) -> UUID:
    try:
        return UUID(request.match_info["recovery_id"])
    except ValueError as exc:
        raise NotFound("no such recovery") from exc


def _admin(request: web.Request) -> Actor:
    return Actor(str(account_id_of(request)), Role.ADMIN)


def add_routes(app: web.Application) -> None:
    """Register the admin recovery pages."""
    app.router.add_get(LIST_PATH, list_page)
    app.router.add_get(LIST_PATH + "/{recovery_id}", detail_page)
    app.router.add_post(LIST_PATH + "/{recovery_id}/approve", approve)
    app.router.add_post(LIST_PATH + "/{recovery_id}/refuse", refuse)
