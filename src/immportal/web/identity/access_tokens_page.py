"""`/account/tokens`: personal access tokens for programs (make, see once, list, revoke)."""

from __future__ import annotations

from datetime import UTC, datetime
from uuid import UUID

from aiohttp import web

from immportal.domain.actor import Role
from immportal.domain.errors import InvalidArgument
from immportal.i18n import _
from immportal.services.identity.access_tokens import LIFETIME_CHOICES, SCOPES
from immportal.services.identity.sessions import approximate_place
from immportal.web.client_address import client_address
from immportal.web.identity.common import ACCOUNT_PATH, account_id_of, posted, session_of
from immportal.web.policy import allow, roles
from immportal.web.portal import portal
from immportal.web.rendering import render

TOKENS_PATH = f"{ACCOUNT_PATH}/tokens"
REVOKE_PATH = f"{TOKENS_PATH}/revoke"
TOKEN_PEOPLE = roles(Role.APPLICANT, Role.REPRESENTATIVE)


@allow(TOKEN_PEOPLE)
async def tokens_page(request: web.Request) -> web.Response:
    """The account's tokens and the form to make one."""
    done = request.query.get("done", "")
    return await _render(request, notice="revoked" if done == "revoked" else "")


@allow(TOKEN_PEOPLE)
async def create_token(request: web.Request) -> web.Response:
    """Make a token and show it, once: the answer to the POST, never a page with a URL."""
    form = await posted(request)
    session = session_of(request)
    assert session.role is not None  # the policy admitted a role
    days = form.get("days", "")
    try:
        secret, token = await portal(request).access_tokens.create(
            account_id=account_id_of(request),
            role=session.role,
            name=form.get("name", ""),
            scopes=[scope for scope in SCOPES if form.get(f"scope_{scope}") == "on"],
            days=int(days) if days.isdigit() and len(days) < 4 else 0,
            now=datetime.now(UTC),
            network=approximate_place(client_address(request)),
        )
    except InvalidArgument as exc:
        return await _render(request, error=str(exc), form=form, status=422)
    return await _render(request, secret=secret, made=token.name)


@allow(TOKEN_PEOPLE)
async def revoke_token(request: web.Request) -> web.Response:
    """Revoke one of the account's tokens."""
    sent = (await posted(request)).get("token_id", "")
    try:
        token_id = UUID(sent)
    except ValueError:
        raise web.HTTPSeeOther(TOKENS_PATH) from None
    await portal(request).access_tokens.revoke(account_id_of(request), token_id, datetime.now(UTC))
    raise web.HTTPSeeOther(f"{TOKENS_PATH}?done=revoked")


async def _render(
    request: web.Request,
    *,
    error: str = "",
    form: dict[str, str] | None = None,
    secret: str = "",
    made: str = "",
    notice: str = "",
    status: int = 200,
) -> web.Response:
    now = datetime.now(UTC)
    tokens = await portal(request).access_tokens.of_account(account_id_of(request))
    context = {
        "title": _("Tokens for programs"),
        "tokens": [(token, token.live(now)) for token in tokens],
        "scopes": SCOPES,
        "lifetimes": LIFETIME_CHOICES,
        "action": TOKENS_PATH,
        "revoke_action": REVOKE_PATH,
        "error": error,
        "form": form or {},
        "secret": secret,
        "made": made,
        "notice": notice,
    }
    return render("identity/tokens.html", request, context, status=status)


def add_routes(app: web.Application) -> None:
    """Register the tokens page, making a token and revoking one."""
    app.router.add_get(TOKENS_PATH, tokens_page)
    app.router.add_post(TOKENS_PATH, create_token)
    app.router.add_post(REVOKE_PATH, revoke_token)
