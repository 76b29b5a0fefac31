"""The officer workspace: queues, the case review page, its actions, the decision history."""

from aiohttp import web

from immportal.web.officer.act import act
from immportal.web.officer.decisions import decisions
from immportal.web.officer.queue import queue
from immportal.web.officer.review import download_document, review_page


def add_officer_routes(app: web.Application) -> None:
    """Register the workspace's routes under /staff (each declares its roles)."""
    app.router.add_get("/staff/queue", queue)
    app.router.add_get("/staff/decisions", decisions)
    app.router.add_get("/staff/cases/{case_id}", review_page)
    app.router.add_get("/staff/cases/{case_id}/documents/{document_id}", download_document)
    app.router.add_post("/staff/cases/{case_id}/actions/{action}", act)
