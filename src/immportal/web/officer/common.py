"""What the officer workspace shares: its policies, the service, the signed-in staff member."""

from aiohttp import web

from immportal.domain.actor import Actor, Role
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
