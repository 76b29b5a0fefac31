"""What the officer workspace shares: its policies, the service, the signed-in staff member."""

from collections.abc import Iterable
from uuid import UUID

from aiohttp import web

from immportal.domain.actor import Actor, Role
from immportal.errors import NotFound
from immportal.services.cases.adjudication import AdjudicationService
from immportal.web.applicant.access import signed_in_actor
from immportal.web.policy import roles
from immportal.web.portal import PORTAL

ADJUDICATORS = roles(Role.OFFICER, Role.SUPERVISOR)
"""Every workspace page: officers and supervisors."""
SUPERVISORS = roles(Role.SUPERVISOR)
"""Pages for supervisors only: the decision history."""


def adjudication(request: web.Request) -> AdjudicationService:
    """The adjudication use cases on this process's event store."""
    return request.app[PORTAL].adjudication


def staff_actor(request: web.Request) -> Actor:
    """The signed-in officer or supervisor as events record them."""
    return signed_in_actor(request)


def case_path(case_id: object) -> str:
    """Where a case's review page is."""
    return f"/staff/cases/{case_id}"


async def staff_names(request: web.Request, ids: Iterable[str | None]) -> dict[str, str]:
    """The names of staff accounts by id, for pages that list who acted."""
    accounts = request.app[PORTAL].accounts
    names: dict[str, str] = {}
    for account_id in {i for i in ids if i}:
        try:
            account = await accounts.get(UUID(account_id))
        except (NotFound, ValueError):
            continue  # an id from before accounts (or a system actor): shown as it is
        names[account_id] = " ".join(account.names) or account.email
    return names
