"""The applicant's side of the portal: their cases, each case page, their representatives."""

from aiohttp import web

from immportal.web.applicant.case_page import case_page, change_address
from immportal.web.applicant.dashboard import your_cases
from immportal.web.applicant.inquiry import submit_inquiry
from immportal.web.applicant.paper_case import PATH as PAPER_CASE_PATH
from immportal.web.applicant.paper_case import add_paper_case, paper_case_page
from immportal.web.applicant.representatives import authorize, representatives_page, revoke
from immportal.web.applicant.withdraw import check_withdrawal, confirm_withdrawal, withdraw_page
from immportal.web.documents.filed_copy import FILED_COPY_PATH, filed_copy


def add_applicant_routes(app: web.Application) -> None:
    """Register the applicant's pages (each case route checks ownership in access.py)."""
    app.router.add_get("/cases", your_cases)
    app.router.add_get("/cases/{case_id}", case_page)
    app.router.add_post("/cases/{case_id}/address", change_address)
    app.router.add_post("/cases/{case_id}/inquiry", submit_inquiry)
    app.router.add_get("/cases/{case_id}/representatives", representatives_page)
    app.router.add_post("/cases/{case_id}/representatives", authorize)
    app.router.add_post("/cases/{case_id}/representatives/revoke", revoke)
    app.router.add_get("/cases/{case_id}/withdraw", withdraw_page)
    app.router.add_post("/cases/{case_id}/withdraw", check_withdrawal)
    app.router.add_post("/cases/{case_id}/withdraw/confirm", confirm_withdrawal)
    app.router.add_get(PAPER_CASE_PATH, paper_case_page)
    app.router.add_get(FILED_COPY_PATH, filed_copy)
    app.router.add_post(PAPER_CASE_PATH, add_paper_case)
