"""Every route declares who may use it; a route without a declaration is refused.

Policies are attached to handlers with `@allow(...)`. The `authorize` middleware
checks them on every request (deny by default), and a test walks the router so a
route without a policy fails the build.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from enum import IntEnum
from typing import Any, TypeVar
from urllib.parse import urlencode

import structlog
from aiohttp import web
from aiohttp.typedefs import Handler
from aiohttp.web_urldispatcher import MatchInfoError

from immportal.domain.actor import Role
from immportal.errors import NotFound
from immportal.services.identity.sessions import Session
from immportal.web.keys import SETTINGS
from immportal.web.sessions import current_session

log = structlog.get_logger(__name__)

POLICY_ATTRIBUTE = "__immportal_policy__"
SIGN_IN_PATH = "/sign-in"
SECOND_STEP_LIMIT = timedelta(minutes=15)
"""How long after the password the second step (code or set-up) may still be done."""
F = TypeVar("F", bound=Callable[..., Any])


class Stage(IntEnum):
    """How far a session must have signed in to use a route."""

    ANYONE = 0
    PASSWORD_CHECKED = 1
    SIGNED_IN = 2


@dataclass(frozen=True)
class Policy:
    """Who may use a route: anyone, development only, or signed-in people (in given roles)."""

    name: str
    roles: frozenset[Role] = frozenset()
    dev_only: bool = False
    stage: Stage = Stage.ANYONE


PUBLIC = Policy("public")
DEV_ONLY = Policy("dev-only", dev_only=True)
SIGNED_IN = Policy("signed-in", stage=Stage.SIGNED_IN)
PASSWORD_CHECKED = Policy("password-checked", stage=Stage.PASSWORD_CHECKED)
"""Between the password and the second factor: the code and authenticator set-up pages."""


def roles(*allowed: Role) -> Policy:
    """Signed-in people acting in one of these roles."""
    return Policy(
        "roles:" + ",".join(sorted(allowed)), roles=frozenset(allowed), stage=Stage.SIGNED_IN
    )


def local_path(value: str | None) -> str | None:
    """The value if it is a path on this site (to return to after sign-in), else None."""
    # "//host" and "/\\host" are read by browsers as other sites; refuse anything odd.
    if not value or not value.startswith("/") or value.startswith(("//", "/\\")):
        return None
    if any(ord(char) < 0x21 or char == "\\" for char in value) or len(value) > 2000:
        return None
    return value


def sign_in_url(return_to: str | None) -> str:
    """The sign-in page, remembering a local page to return to."""
    path = local_path(return_to)
    return SIGN_IN_PATH if path is None else f"{SIGN_IN_PATH}?{urlencode({'next': path})}"


def password_checked(session: Session | None, now: datetime | None = None) -> bool:
    """Whether the session has passed the password step, recently enough for the second."""
    if session is None or session.account_id is None or session.password_checked_at is None:
        return False
    return (now or datetime.now(UTC)) - session.password_checked_at < SECOND_STEP_LIMIT


def admits(policy: Policy, session: Session | None) -> bool:
    """Whether the session has signed in far enough (and in a role) for the policy."""
    if policy.stage is Stage.ANYONE:
        return True
    if session is not None and session.signed_in:
        return not policy.roles or session.role in policy.roles
    return policy.stage is Stage.PASSWORD_CHECKED and password_checked(session)


def allow(policy: Policy) -> Callable[[F], F]:
    """Declare the policy of a handler."""

    def attach(handler: F) -> F:
        setattr(handler, POLICY_ATTRIBUTE, policy)
        return handler

    return attach


def policy_of(route: web.AbstractRoute) -> Policy | None:
    """The declared policy of a route (static files are public), or None."""
    if isinstance(route.resource, web.StaticResource):
        return PUBLIC
    return getattr(route.handler, POLICY_ATTRIBUTE, None)


@web.middleware
async def authorize(request: web.Request, handler: Handler) -> web.StreamResponse:
    """Refuse requests to routes whose policy does not admit them."""
    if isinstance(request.match_info, MatchInfoError):
        return await handler(request)  # the router's own 404/405
    policy = policy_of(request.match_info.route)
    if policy is None:
        log.error("route_without_policy", path=request.path)
        raise NotFound("route without a declared policy")
    if policy.dev_only and not request.app[SETTINGS].dev:
        raise NotFound("development page")
    session = current_session(request)
    if admits(policy, session):
        return await handler(request)
    if request.method in ("GET", "HEAD") and not (session is not None and session.signed_in):
        raise web.HTTPSeeOther(sign_in_url(request.path_qs))
    # Signed in but in another role, or not a page: say nothing about what is here.
    raise NotFound("sign-in required")
