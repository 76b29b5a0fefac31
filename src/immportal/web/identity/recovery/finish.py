"""Recovery, last steps: finish after the wait, or stop it with "this wasn't me"."""

from datetime import datetime

import structlog
from aiohttp import web

from immportal.domain.identity.errors import LinkInvalid
from immportal.domain.identity.recovery_errors import RecoveryNotReady
from immportal.i18n import _
from immportal.web.identity.common import posted
from immportal.web.identity.recovery import pages
from immportal.web.policy import PUBLIC, allow
from immportal.web.portal import portal
from immportal.web.rendering import render
from immportal.web.sessions import session_store

log = structlog.get_logger(__name__)


@allow(PUBLIC)
async def finish_form(request: web.Request) -> web.Response:
    """The finish button once the wait is over, else when it will be (nothing spent)."""
    token, now = request.query.get("token", ""), pages.utc_now()
    try:
        recovery = await portal(request).recovery.finish_status(token, now)
    except LinkInvalid:
        return pages.link_dead(request)
    ready_at = recovery.ready_at
    ready = recovery.approved_by is not None or (ready_at is not None and now >= ready_at)
    return _finish_page(request, token, ready=ready, ready_at=ready_at)


@allow(PUBLIC)
async def finish(request: web.Request) -> web.Response:
    """Remove the second factor; end every session of the account; never sign anyone in."""
    token = (await posted(request)).get("token", "")
    try:
        account_id = await portal(request).recovery.finish(token, pages.utc_now())
    except RecoveryNotReady as exc:
        return _finish_page(request, token, ready=False, ready_at=exc.until, status=409)
    except LinkInvalid:
        return pages.link_dead(request)
    ended = await session_store(request).revoke_all_for_account(account_id)
    log.info("sessions_ended_after_recovery", account_id=str(account_id), sessions=ended)
    context = {"title": _("Your old authenticator app was removed")}
    return render("identity/lost_done.html", request, context)


def _finish_page(
    request: web.Request, token: str, *, ready: bool, ready_at: datetime | None, status: int = 200
) -> web.Response:
    title = _("Finish getting back into your account") if ready else _("You cannot finish yet")
    context = {"title": title, "token": token, "ready": ready, "ready_at": ready_at}
    return render("identity/lost_finish.html", request, context, status=status)


@allow(PUBLIC)
async def cancel_form(request: web.Request) -> web.Response:
    """The "this wasn't me" button, if the link still works (opening it changes nothing)."""
    token = request.query.get("token", "")
    try:
        await portal(request).recovery.check_cancel_link(token, pages.utc_now())
    except LinkInvalid:
        return pages.link_dead(request)
    return render(
        "identity/lost_cancel.html", request, {"title": _("Stop this recovery"), "token": token}
    )


@allow(PUBLIC)
async def cancel(request: web.Request) -> web.Response:
    """Stop the recovery for good."""
    token = (await posted(request)).get("token", "")
    try:
        await portal(request).recovery.cancel(token, pages.utc_now())
    except LinkInvalid:
        return pages.link_dead(request)
    return render("identity/lost_cancelled.html", request, {"title": _("We stopped the recovery")})


def add_routes(app: web.Application) -> None:
    """Register the finish and cancel pages."""
    app.router.add_get(pages.FINISH_PATH, finish_form)
    app.router.add_post(pages.FINISH_PATH, finish)
    app.router.add_get(pages.CANCEL_PATH, cancel_form)
    app.router.add_post(pages.CANCEL_PATH, cancel)
