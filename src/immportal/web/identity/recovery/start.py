"""Recovery, first steps: ask for a link by email, then give a receipt number and date of birth."""

from datetime import date

import structlog
from aiohttp import web

from immportal.domain.errors import InvalidArgument, InvalidReceiptNumber
from immportal.domain.identity.emails import normalise_email
from immportal.domain.identity.errors import LinkInvalid
from immportal.domain.identity.recovery_errors import (
    ProofMismatch,
    RecoveryClosed,
    RecoveryLocked,
    RecoveryUnderWay,
)
from immportal.i18n import N_, _
from immportal.web.identity.common import Errors, posted
from immportal.web.identity.recovery import pages
from immportal.web.policy import PUBLIC, allow
from immportal.web.portal import portal
from immportal.web.rendering import render

log = structlog.get_logger(__name__)

ENTER_EMAIL = N_("Enter your email address")
ENTER_RECEIPT = N_("Enter the receipt number of one of your applications")
ENTER_BIRTH_DATE = N_("Enter your date of birth as numbers, for example 4 28 1986")
TOO_MANY_WRONG = (
    "The details you gave did not match our records too many times, so we stopped this"
    " recovery. For your safety, you can try again after 24 hours."
)
DATE_FIELDS = ("born_month", "born_day", "born_year")


@allow(PUBLIC)
async def start_form(request: web.Request) -> web.Response:
    """The form asking for the account's email address."""
    return _start_page(request, {}, "")


@allow(PUBLIC)
async def start(request: web.Request) -> web.Response:
    """Email a link if an account uses the address; the answer is the same either way."""
    email = (await posted(request)).get("email", "").strip()
    problem = _email_problem(email)
    if problem is not None:
        return _start_page(request, {"email": [problem]}, email)
    await portal(request).recovery.request(email, pages.utc_now())
    return render("identity/lost_sent.html", request, {"title": _("Check your email")})


def _email_problem(email: str) -> str | None:
    """What is wrong with the typed address, if anything (this reveals no account)."""
    if not email:
        return ENTER_EMAIL
    try:
        normalise_email(email)
    except InvalidArgument as exc:
        return str(exc)
    return None


def _start_page(request: web.Request, errors: Errors, email: str) -> web.Response:
    context = {"title": _("Lost your authenticator app"), "errors": errors, "email": email}
    return render("identity/lost_start.html", request, context, status=422 if errors else 200)


@allow(PUBLIC)
async def proof_form(request: web.Request) -> web.Response:
    """The receipt number and date of birth fields, if the link still works (nothing spent)."""
    token = request.query.get("token", "")
    try:
        await portal(request).recovery.check_start_link(token, pages.utc_now())
    except (RecoveryUnderWay, RecoveryLocked) as exc:
        return pages.link_dead(request, str(exc))
    except LinkInvalid:
        return pages.link_dead(request)
    return _proof_page(request, token, {}, {})


@allow(PUBLIC)
async def prove(request: web.Request) -> web.Response:
    """Check the proof; on a match the 24-hour wait starts and the account's email is told."""
    values = await posted(request)
    token, receipt = values.get("token", ""), values.get("receipt_number", "").strip()
    born_on = birth_date(values)
    errors: Errors = {}
    if not receipt:
        errors["receipt_number"] = [ENTER_RECEIPT]
    if born_on is None:
        errors["born_on"] = [ENTER_BIRTH_DATE]
    service = portal(request).recovery
    try:
        if errors or born_on is None:
            await service.check_start_link(token, pages.utc_now())
            return _proof_page(request, token, errors, values)
        ready_at = await service.prove(token, receipt, born_on, pages.utc_now())
    except InvalidReceiptNumber as exc:
        return _proof_page(request, token, {"receipt_number": [str(exc)]}, values)
    except ProofMismatch as exc:
        return _proof_page(request, token, {"receipt_number": [str(exc)]}, values)
    except RecoveryClosed:
        return pages.link_dead(request, TOO_MANY_WRONG)
    except (RecoveryUnderWay, RecoveryLocked) as exc:
        return pages.link_dead(request, str(exc))
    except LinkInvalid:
        return pages.link_dead(request)
    context = {"title": _("We checked your details"), "ready_at": ready_at}
    return render("identity/lost_proven.html", request, context)


def birth_date(values: dict[str, str]) -> date | None:
    """The date typed as month, day and year, or None if it is not a real past date."""
    parts = [values.get(name, "").strip() for name in DATE_FIELDS]
    if not all(part.isdigit() and part.isascii() for part in parts):
        return None
    month, day, year = (int(part) for part in parts)
    try:
        born = date(year, month, day)
    except ValueError:
        return None
    return born if year >= 1900 and born <= pages.utc_now().date() else None


def _proof_page(
    request: web.Request, token: str, errors: Errors, values: dict[str, str]
) -> web.Response:
    shown = {k: values.get(k, "") for k in ("receipt_number", *DATE_FIELDS)}
    context = {"title": _("Check it is you"), "token": token, "errors": errors, "values": shown}
    return render("identity/lost_proof.html", request, context, status=422 if errors else 200)


def add_routes(app: web.Application) -> None:
    """Register the start and proof pages."""
    app.router.add_get(pages.START_PATH, start_form)
    app.router.add_post(pages.START_PATH, start)
    app.router.add_get(pages.PROOF_PATH, proof_form)
    app.router.add_post(pages.PROOF_PATH, prove)
