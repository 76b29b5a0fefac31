"""Every route declares who may use it; a route without a declaration is refused.

Policies are attached to handlers with `@allow(...)`. The `authorize` middleware
checks them on every request (deny by default), and a test walks the router so a
route without a policy fails the build.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

import structlog
from aiohttp import web
from aiohttp.typedefs import Handler
from aiohttp.web_urldispatcher import MatchInfoError

from immportal.domain.actor import Role
from immportal.errors import NotFound
from immportal.web.keys import SETTINGS

log = structlog.get_logger(__name__)

POLICY_ATTRIBUTE = "__immportal_policy__"
F = TypeVar("F", bound=Callable[..., Any])


@dataclass(frozen=True)
class Policy:
    """Who may use a route: anyone, development only, or people in given roles."""

    name: str
    roles: frozenset[Role] = frozenset()
    dev_only: bool = False


PUBLIC = Policy("public")
DEV_ONLY = Policy("dev-only", dev_only=True)


def roles(*allowed: Role) -> Policy:
    """Signed-in people acting in one of these roles."""
    return Policy("roles:" + ",".join(sorted(allowed)), roles=frozenset(allowed))


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
    if policy.roles:
        # Sign-in does not exist yet: nobody holds a role, so role routes stay closed.
        raise NotFound("sign-in required")
    return await handler(request)
