"""`GET /api/v1/session`: who is signed in, in which role, the CSRF token and the idle limit."""

from datetime import datetime
from uuid import UUID

from aiohttp import web
from pydantic import BaseModel, ConfigDict, Field

from immportal.domain.actor import Role
from immportal.web.api.bodies import reply
from immportal.web.api.operations import Operation
from immportal.web.api.problems import ApiProblem
from immportal.web.csrf import TOKEN_HEADER
from immportal.web.policy import SIGNED_IN, allow
from immportal.web.portal import PORTAL
from immportal.web.queries.profiles import read_profile
from immportal.web.sessions import current_session


class SessionInfo(BaseModel):
    """The signed-in session, and what a client needs to change things through it."""

    model_config = ConfigDict(frozen=True)

    account_id: UUID
    role: Role
    name: str
    email: str
    csrf_token: str = Field(description="Send it in the X-CSRF-Token header of every change.")
    csrf_header: str = Field(default=TOKEN_HEADER, description="The header's name.")
    idle_timeout_seconds: int = Field(description="Idle time after which the session ends.")
    idle_expires_at: datetime = Field(description="When the session ends if nothing happens.")
    expires_at: datetime = Field(description="When the session ends whatever happens.")


@allow(SIGNED_IN)
async def get_session(request: web.Request) -> web.Response:
    """The session of the request (the route policy has checked it is signed in)."""
    session = current_session(request)
    if session is None or session.account_id is None or session.role is None:
        raise ApiProblem(401)
    profile = await read_profile(request.app[PORTAL], session.account_id)
    return reply(
        SessionInfo(
            account_id=session.account_id,
            role=session.role,
            name=" ".join(profile.names),
            email=profile.email,
            csrf_token=session.csrf_token,
            idle_timeout_seconds=int(session.idle_timeout.total_seconds()),
            idle_expires_at=session.idle_expires_at,
            expires_at=session.expires_at,
        )
    )


OPERATIONS = [
    Operation(
        "GET",
        "/api/v1/session",
        get_session,
        "getSession",
        "The signed-in session",
        "session",
        {200: SessionInfo},
        description="Who is signed in, their role, the CSRF token for changes and when the "
        "session ends. Every API request counts as activity, like a page.",
    ),
]
