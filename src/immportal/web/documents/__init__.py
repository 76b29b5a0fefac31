"""A case's evidence documents: the list, uploads (streamed), downloads and the RFE response."""

from aiohttp import web

from immportal.web.documents.checklist_page import checklist_page
from immportal.web.documents.download import download
from immportal.web.documents.listing import documents_page
from immportal.web.documents.preview import preview_image, preview_page
from immportal.web.documents.response import send_response
from immportal.web.documents.upload import upload


def add_document_routes(app: web.Application) -> None:
    """Register the documents pages (each opens its case through open_case)."""
    app.router.add_get("/cases/{case_id}/documents", documents_page)
    app.router.add_get("/cases/{case_id}/documents/checklist", checklist_page)
    app.router.add_post("/cases/{case_id}/documents", upload)
    app.router.add_post("/cases/{case_id}/documents/response", send_response)
    app.router.add_get("/cases/{case_id}/documents/{document_id}/download", download)
    app.router.add_get("/cases/{case_id}/documents/{document_id}/preview", preview_page)
    app.router.add_get("/cases/{case_id}/documents/{document_id}/preview/{page}", preview_image)
