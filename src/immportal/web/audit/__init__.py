"""Pages for auditors: search the log, replay a case, export, verify the hash chain."""

from aiohttp import web

from immportal.web.audit import case_history, search, verify


def add_audit_routes(app: web.Application) -> None:
    """Register every auditor page (all read-only)."""
    router = app.router
    router.add_get("/audit", search.search)
    router.add_get("/audit/search.jsonl", search.export_jsonl)
    router.add_get("/audit/search.csv", search.export_csv)
    router.add_get("/audit/verify", verify.verify_form)
    router.add_post("/audit/verify", verify.verify_log)
    router.add_get("/audit/cases/{case_id}", case_history.history)
    router.add_get("/audit/cases/{case_id}/history.jsonl", case_history.history_jsonl)
    router.add_get("/audit/cases/{case_id}/history.csv", case_history.history_csv)
    router.add_get("/audit/cases/{case_id}/as-of/{version}", case_history.as_of)
    router.add_get("/audit/cases/{case_id}/verify", verify.verify_case)
