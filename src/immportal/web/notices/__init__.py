"""The correspondence inbox: every notice of a person's cases, each as a page and a PDF."""

from aiohttp import web

from immportal.web.notices.pages import inbox, notice_page, notice_pdf


def add_notice_routes(app: web.Application) -> None:
    """Register the inbox and the notice routes (each notice opens its case through open_case)."""
    app.router.add_get("/inbox", inbox)
    # The PDF first: "{notice_id}" alone would also match "<id>.pdf".
    app.router.add_get("/cases/{case_id}/notices/{notice_id}.pdf", notice_pdf)
    app.router.add_get("/cases/{case_id}/notices/{notice_id}", notice_page)
