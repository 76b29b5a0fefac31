"""Hash-chain verification from the auditor pages: the whole log, or one case."""

from aiohttp import web

from immportal.errors import NotFound
from immportal.web.audit.access import record_staff_view
from immportal.web.audit.common import AUDITORS
from immportal.web.case_pages import parse_case_id
from immportal.web.policy import allow
from immportal.web.portal import PORTAL
from immportal.web.rendering import render


@allow(AUDITORS)
async def verify_form(request: web.Request) -> web.Response:
    """What verification checks, and the button to start it."""
    return render("audit/verify.html", request, {"title": "Verify the event log", "report": None})


@allow(AUDITORS)
async def verify_log(request: web.Request) -> web.Response:
    """Walk the whole log (it only reads, so sending the form again is harmless)."""
    report = await request.app[PORTAL].chain.verify_log()
    return render("audit/verify.html", request, {"title": "Verify the event log", "report": report})


@allow(AUDITORS)
async def verify_case(request: web.Request) -> web.Response:
    """Recompute the hash of each of one case's events and check its neighbours link."""
    case_id = parse_case_id(request)
    report = await request.app[PORTAL].chain.verify_case(case_id)
    if report.head == 0:
        raise NotFound(f"no case {case_id}")
    await record_staff_view(request, case_id)
    return render(
        "audit/verify_case.html",
        request,
        {"title": f"Verify case {case_id}", "case_id": case_id, "report": report},
    )
