"""`/check-status`: an employer, a landlord or a school checks a status with a share code.

The checker types the code the holder gave them and the holder's date of birth, and sees
exactly the facts the holder chose, or one and the same refusal whatever went wrong.
The same statement downloads as a credential signed with a published key, which checks
offline (transparency_verify.py credential).
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from aiohttp import web

from immportal.domain.sharing.share import CheckRefused
from immportal.i18n import N_, _
from immportal.services.sharing.service import ChecksLimited
from immportal.services.sharing.statement import StatusStatement
from immportal.web.client_address import client_address
from immportal.web.identity.common import posted
from immportal.web.identity.recovery.start import DATE_FIELDS, birth_date
from immportal.web.policy import PUBLIC, allow
from immportal.web.portal import portal
from immportal.web.rendering import render

CHECK_PATH = "/check-status"
STATEMENT_PATH = f"{CHECK_PATH}/statement"
CREDENTIAL_KEYS_PATH = "/.well-known/immportal/credential-keys"
ENTER_CODE = N_("Enter the share code the person gave you")
ENTER_BIRTH_DATE = N_("Enter their date of birth as numbers, for example 4 28 1986")


def _page(
    request: web.Request, errors: dict[str, list[str]], values: dict[str, str], status: int = 200
) -> web.Response:
    shown = {name: values.get(name, "") for name in ("code", *DATE_FIELDS)}
    context: dict[str, Any] = {
        "title": _("Check someone's immigration status"),
        "errors": errors,
        "values": shown,
        "refused": False,
    }
    return render("sharing/check.html", request, context, status=status)


@allow(PUBLIC)
async def check_form(request: web.Request) -> web.Response:
    """The code and date-of-birth form."""
    return _page(request, {}, {})


def _typed(values: dict[str, str]) -> tuple[str, date | None, dict[str, list[str]]]:
    code, born_on = values.get("code", "").strip()[:40], birth_date(values)
    errors: dict[str, list[str]] = {}
    if not code:
        errors["code"] = [ENTER_CODE]
    if born_on is None:
        errors["born_on"] = [ENTER_BIRTH_DATE]
    return code, born_on, errors


async def _checked(
    request: web.Request, values: dict[str, str], *, statement: bool
) -> StatusStatement | web.Response:
    code, born_on, errors = _typed(values)
    if errors or born_on is None:
        return _page(request, errors, values, 422)
    try:
        return await portal(request).sharing.check(
            code,
            born_on,
            address=client_address(request),
            now=datetime.now(UTC),
            statement=statement,
        )
    except ChecksLimited as limited:
        wait = limited.retry_after_seconds
        response = render(
            "verify/limited.html",
            request,
            {"title": _("Too many checks"), "minutes": max(1, -(-wait // 60))},
            status=429,
        )
        response.headers["Retry-After"] = str(wait)
        return response
    except CheckRefused:
        # One answer for every reason: a checker learns nothing from a refusal.
        context = {"title": _("We could not check this status"), "errors": {}, "refused": True}
        context["values"] = dict.fromkeys(("code", *DATE_FIELDS), "")
        return render("sharing/check.html", request, context, status=404)


@allow(PUBLIC)
async def check(request: web.Request) -> web.Response:
    """The facts the holder chose to show, or the refusal."""
    values = await posted(request)
    checked = await _checked(request, values, statement=False)
    if isinstance(checked, web.Response):
        return checked
    context = {
        "title": _("Status checked"),
        "statement": checked,
        # The download form sends the same details again: it is a check of its own.
        "values": {name: values.get(name, "") for name in ("code", *DATE_FIELDS)},
    }
    return render("sharing/statement.html", request, context)


@allow(PUBLIC)
async def download_statement(request: web.Request) -> web.Response:
    """The statement as a signed credential (compact JWS) to keep and check offline."""
    checked = await _checked(request, await posted(request), statement=True)
    if isinstance(checked, web.Response):
        return checked
    token = portal(request).sharing.credential(checked)
    stamp = checked.checked_at.strftime("%Y%m%dT%H%M%SZ")
    return web.Response(
        text=token + "\n",
        content_type="application/jose",
        headers={
            "Content-Disposition": f'attachment; filename="status-statement-{stamp}.jws"',
            "Cache-Control": "no-store",
        },
    )


@allow(PUBLIC)
async def credential_keys(request: web.Request) -> web.Response:
    """Every key that signs or signed status credentials, with the period it signed in."""
    return web.Response(
        text=portal(request).credential_keys,
        content_type="text/plain",
        charset="utf-8",
        headers={"Cache-Control": "public, max-age=300", "Access-Control-Allow-Origin": "*"},
    )


def add_check_routes(app: web.Application) -> None:
    """Register the public status check, the statement download and the credential keys."""
    app.router.add_get(CHECK_PATH, check_form)
    app.router.add_post(CHECK_PATH, check)
    app.router.add_post(STATEMENT_PATH, download_statement)
    app.router.add_get(CREDENTIAL_KEYS_PATH, credential_keys)
