"""Secure messages and requests: the applicant's side under /cases, the office's under /staff."""

from aiohttp import web

from immportal.domain.correspondence.request_details import RequestKind
from immportal.web.correspondence import messages, requests, staff_case, staff_inbox


def add_correspondence_routes(app: web.Application) -> None:
    """Register the conversation and request pages (each declares its roles)."""
    app.router.add_get("/cases/{case_id}/messages", messages.messages_page)
    app.router.add_post("/cases/{case_id}/messages", messages.send)
    app.router.add_get("/cases/{case_id}/requests", requests.requests_page)
    for kind in RequestKind:
        show, submit = requests.request_form(kind)
        app.router.add_get(f"/cases/{{case_id}}/requests/{kind.value}", show)
        app.router.add_post(f"/cases/{{case_id}}/requests/{kind.value}", submit)
    app.router.add_get("/staff/messages", staff_inbox.inbox)
    app.router.add_get("/staff/requests", staff_inbox.waiting_requests)
    app.router.add_get("/staff/cases/{case_id}/messages", staff_case.messages_page)
    app.router.add_post("/staff/cases/{case_id}/messages", staff_case.reply)
    app.router.add_get("/staff/cases/{case_id}/requests", staff_case.requests_page)
    app.router.add_post("/staff/cases/{case_id}/requests", staff_case.decide)
