"""Record staff views of case pages and documents from any page that shows one."""

from uuid import UUID

from aiohttp import web

from immportal.services.audit.access import STAFF_ROLES, record_access
from immportal.services.audit.ports import AccessLog, Viewed
from immportal.web.portal import PORTAL
from immportal.web.queries.staff import office_of
from immportal.web.sessions import current_session


def access_log(request: web.Request) -> AccessLog:
    """The access records on the application's pool."""
    return request.app[PORTAL].access_log


async def record_staff_view(
    request: web.Request,
    case_id: UUID,
    what: Viewed = Viewed.PAGE,
    document_id: str | None = None,
) -> bool:
    """Record the view if a signed-in staff member makes it; say whether it was recorded."""
    session = current_session(request)
    if session is None or not session.signed_in or session.account_id is None:
        return False
    if session.role not in STAFF_ROLES:
        return False
    # The office the staff member works in (officers and supervisors); others have none,
    # and the record says so (null) rather than guess.
    return await record_access(
        access_log(request),
        viewer_id=session.account_id,
        viewer_role=session.role,
        case_id=case_id,
        what=what,
        office=await office_of(request.app[PORTAL], session.account_id),
        document_id=document_id,
    )
