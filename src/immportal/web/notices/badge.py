"""The unread-notices count beside "Inbox" in the account navigation."""

from aiohttp import web

from immportal.domain.actor import Role
from immportal.projections.notices import count_unread_notices
from immportal.web.portal import PORTAL
from immportal.web.sessions import current_session

READERS = frozenset({Role.APPLICANT, Role.REPRESENTATIVE})


async def unread_notices(request: web.Request) -> int:
    """Unread notices of the signed-in applicant or representative, for pages (GET) only."""
    session = current_session(request)
    if request.method != "GET" or request.path.startswith("/static/"):
        return 0
    if session is None or not session.signed_in or session.account_id is None:
        return 0
    if session.role not in READERS:
        return 0
    return await count_unread_notices(request.app[PORTAL].pool, session.account_id, session.role)
