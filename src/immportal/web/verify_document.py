"""`/verify`: anyone may check a signed document by the code printed on it.

The answer is the document's public facts (what it is, its receipt number, its date, its
outcome), whether a newer document replaced it, and whether the event that issued it is
in the latest signed checkpoint of the log: never a name or an address. Each check with
a code counts against the client address's allowance, so codes cannot be tried in bulk.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from aiohttp import web

from immportal.domain.documents.codes import DOCUMENT_CODE_LENGTH, grouped, normalise_code
from immportal.errors import NotFound
from immportal.i18n import N_, _
from immportal.projections.verified_documents import VerifiedDocument, document_by_code
from immportal.services.transparency.ports import StoredCheckpoint
from immportal.web.client_address import client_address
from immportal.web.policy import PUBLIC, allow
from immportal.web.portal import PORTAL, Portal
from immportal.web.rendering import render

PATH = "/verify"
CERTIFICATES_PATH = "/.well-known/immportal/document-certificates"
FIELD = "code"
BLANK = N_("Enter the verification code printed on the document")
MALFORMED = N_("A verification code has 12 letters and numbers, like 4F7K-2M9Q-XD3A")
INCLUSION_PROOF = "/api/v1/transparency/inclusion/{position}"


async def _latest_checkpoint(portal: Portal) -> StoredCheckpoint | None:
    try:
        return await portal.transparency.latest_checkpoint()
    except NotFound:
        return None


def _limited(request: web.Request, wait: int) -> web.Response:
    response = render(
        "verify/limited.html",
        request,
        {"title": _("Too many checks"), "minutes": max(1, -(-wait // 60))},
        status=429,
    )
    response.headers["Retry-After"] = str(wait)
    return response


def in_log(document: VerifiedDocument, checkpoint: StoredCheckpoint | None) -> dict[str, Any]:
    """Where the document's issuing event stands in the transparency log, for the page."""
    position = document.position
    if position is None:
        return {}
    included = checkpoint is not None and position <= checkpoint.size
    return {
        "position": position,
        "included": included,
        "checkpoint": checkpoint if included else None,
        "proof_url": INCLUSION_PROOF.format(position=position) if included else None,
    }


@allow(PUBLIC)
async def verify_page(request: web.Request) -> web.Response:
    """The check form; with a code in the query, what that code's document is."""
    typed = request.query.get(FIELD, "").strip()[:40]
    context: dict[str, Any] = {
        "title": _("Check a document"),
        "typed": typed,
        "error": "",
        "document": None,
        "not_found": False,
        "certificates_path": CERTIFICATES_PATH,
    }
    if FIELD not in request.query:
        return render("verify/document.html", request, context)
    if not typed:
        return render("verify/document.html", request, context | {"error": BLANK}, status=400)
    portal = request.app[PORTAL]
    allowance = await portal.document_lookups.record(client_address(request), datetime.now(UTC))
    if not allowance.allowed:
        return _limited(request, allowance.retry_after_seconds)
    code = normalise_code(typed, DOCUMENT_CODE_LENGTH)
    if code is None:
        return render("verify/document.html", request, context | {"error": MALFORMED}, status=400)
    document = await document_by_code(portal.pool, code)
    context["typed"] = grouped(code, 4)
    if document is None:
        return render("verify/document.html", request, context | {"not_found": True}, status=404)
    checkpoint = await _latest_checkpoint(portal)
    context |= {"document": document, "log": in_log(document, checkpoint)}
    return render("verify/document.html", request, context)


@allow(PUBLIC)
async def document_certificates(request: web.Request) -> web.Response:
    """The certificate that signs documents and those above it (PEM), for readers to trust."""
    return web.Response(
        text=request.app[PORTAL].document_certificates,
        content_type="application/x-pem-file",
        charset="utf-8",
        headers={"Cache-Control": "public, max-age=300", "Access-Control-Allow-Origin": "*"},
    )


def add_verify_routes(app: web.Application) -> None:
    """Register the public document check and the signing certificates."""
    app.router.add_get(PATH, verify_page)
    app.router.add_get(CERTIFICATES_PATH, document_certificates)
