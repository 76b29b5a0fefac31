"""Filling in an application: start, task list, question pages, check, declaration, delete."""

from aiohttp import web

from immportal.web.apply.check import check_answers
from immportal.web.apply.declaration import declaration_page, sign
from immportal.web.apply.delete import delete, delete_page
from immportal.web.apply.question import question_page, save_question
from immportal.web.apply.start import start, start_page
from immportal.web.apply.task_list import task_list


def add_apply_routes(app: web.Application) -> None:
    """Register the filling pages (each case route opens its case through open_case)."""
    app.router.add_get("/apply", start_page)
    app.router.add_post("/apply", start)
    app.router.add_get("/cases/{case_id}/apply", task_list)
    # Before the question pages, whose {page_id} would otherwise match these names.
    app.router.add_get("/cases/{case_id}/apply/check", check_answers)
    app.router.add_get("/cases/{case_id}/apply/declaration", declaration_page)
    app.router.add_post("/cases/{case_id}/apply/declaration", sign)
    app.router.add_get("/cases/{case_id}/apply/{page_id}", question_page)
    app.router.add_post("/cases/{case_id}/apply/{page_id}", save_question)
    app.router.add_get("/cases/{case_id}/delete", delete_page)
    app.router.add_post("/cases/{case_id}/delete", delete)
