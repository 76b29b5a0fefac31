"""`Authorization: Bearer <token>` on the API: a program's personal access token.

A bearer request stands alone: it carries no session cookie (one with both is refused,
so a browser's ambient cookie can never lend a program rights or the other way round),
needs no CSRF token (a browser never attaches a bearer token by itself), and may use only
the routes its token's scopes name (`scopes.py`). It is answered as the token's holder,
signed in with both factors, through a session that lives only for the request and is
never stored.
"""

import secrets
from datetime import UTC, datetime

import structlog
from aiohttp import web
from aiohttp.typedefs import Handler
from aiohttp.web_urldispatcher import MatchInfoError

from immportal.metrics import sign_ins
from immportal.services.identity.access_tokens import TokenUse
from immportal.services.identity.sessions import Session, approximate_place, idle_timeout
from immportal.web.api.problems import ApiProblem
from immportal.web.api.scopes import ANY_SCOPE, scope_needed
from immportal.web.client_address import client_address
from immportal.web.csrf import API_PATH_PREFIX, BEARER_AUTHENTICATED
from immportal.web.policy import Stage, policy_of
from immportal.web.portal import PORTAL
from immportal.web.sessions import SESSION_STATE

log = structlog.get_logger(__name__)

BEARER_USE = web.RequestKey("bearer_use", TokenUse)
MIXED_DETAIL = "Send either the session cookie or a bearer token, not both."
REFUSED_DETAIL = "The token is unknown, revoked or expired. Make a new one on your account page."
SCOPE_DETAIL = "The token may not do this. Make a token with the scope this request needs."
LIMIT_DETAIL = "Too many requests with this token. Wait a minute, then try again."
RETRY_SECONDS = "60"


def bearer_token(request: web.Request) -> str | None:
    """The token of an `Authorization: Bearer` header; None without the header."""
    header = request.headers.get("Authorization")
    if header is None:
        return None
    scheme, _, token = header.strip().partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise ApiProblem(401, REFUSED_DETAIL, kind="invalid-token")
    return token.strip()


def is_bearer(request: web.Request) -> bool:
    """Whether the request was authenticated by a personal access token."""
    return BEARER_USE in request


def _session_for(request: web.Request, used: TokenUse, now: datetime) -> Session:
    token = used.token
    return Session(
        # Never stored or sent: nothing can name this session again.
        id=secrets.token_urlsafe(32),
        account_id=token.account_id,
        role=token.role,
        created_at=now,
        last_seen_at=now,
        idle_timeout=idle_timeout(token.role),
        expires_at=token.expires_at,
        csrf_token="",
        user_agent=request.headers.get("User-Agent", "")[:256],
        approximate_place=approximate_place(client_address(request)),
        password_checked_at=now,
        second_factor_at=now,
    )


@web.middleware
async def api_bearer(request: web.Request, handler: Handler) -> web.StreamResponse:
    """Authenticate an API request by its bearer token, and hold it to the token's scopes."""
    if not request.path.startswith(API_PATH_PREFIX):
        return await handler(request)
    if isinstance(request.match_info, MatchInfoError):
        return await handler(request)  # no such route or method: the router answers 404/405
    secret = bearer_token(request)
    if secret is None:
        return await handler(request)
    state = request[SESSION_STATE]
    # A cookie naming no live session carries no authority; one that does must not be
    # combined with a token.
    if state.session is not None:
        raise ApiProblem(400, MIXED_DETAIL, kind="mixed-credentials")
    now = datetime.now(UTC)
    place = approximate_place(client_address(request))
    used = await request.app[PORTAL].access_tokens.use(secret, now, place)
    if used is None:
        sign_ins.labels("token_refused").inc()
        log.info("bearer_refused")
        raise ApiProblem(401, REFUSED_DETAIL, kind="invalid-token")
    if used.over_limit:
        log.info("bearer_rate_limited", token_id=str(used.token.id))
        raise ApiProblem(
            429, LIMIT_DETAIL, kind="rate-limited", headers={"Retry-After": RETRY_SECONDS}
        )
    _check_scope(request, used)
    sign_ins.labels("token").inc()
    request[BEARER_USE] = used
    request[BEARER_AUTHENTICATED] = True
    state.session = _session_for(request, used, now)
    # The session lives for this request only: no row, no cookie.
    state.unsaved = state.send_cookie = state.clear_cookie = False
    return await handler(request)


def _check_scope(request: web.Request, used: TokenUse) -> None:
    route = request.match_info.route
    policy = policy_of(route)
    if policy is not None and policy.stage is Stage.ANYONE:
        return
    method = "GET" if request.method == "HEAD" else request.method
    needed = scope_needed(method, route.resource.canonical if route.resource else "")
    if needed is None or (needed != ANY_SCOPE and needed not in used.token.scopes):
        log.info("bearer_scope_refused", token_id=str(used.token.id), needed=needed)
        raise ApiProblem(403, SCOPE_DETAIL, kind="insufficient-scope")
