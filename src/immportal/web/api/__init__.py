"""The JSON API under /api/v1: the applicant's and representative's capabilities.

Handlers parse request models, call the same services and ownership check as the
pages, and answer with response models; the OpenAPI document is generated from the
same operations, so the router and the document cannot drift apart.
"""

from functools import lru_cache

import orjson
from aiohttp import web

from immportal.web.api import (
    address,
    application,
    appointments,
    cases,
    documents,
    forms,
    notices,
    payments,
    session,
    transparency,
)
from immportal.web.api.bearer import api_bearer
from immportal.web.api.bodies import JSON_TYPE
from immportal.web.api.middleware import api_problems, api_sign_in
from immportal.web.api.openapi import build_document
from immportal.web.api.operations import Operation, add_operations
from immportal.web.keys import SETTINGS
from immportal.web.policy import PUBLIC, allow
from immportal.web.sessions import cookie_name

__all__ = ["OPERATIONS", "add_api_routes", "api_bearer", "api_problems", "api_sign_in"]

DOCUMENT_PATH = "/api/v1/openapi.json"


@allow(PUBLIC)
async def openapi_document(request: web.Request) -> web.Response:
    """The OpenAPI 3.1 document of this API."""
    settings = request.app[SETTINGS]
    body = _document_json(cookie_name(settings), settings.public_url)
    return web.Response(body=body, content_type=JSON_TYPE)


@lru_cache(maxsize=4)
def _document_json(cookie: str, server_url: str) -> bytes:
    return orjson.dumps(build_document(OPERATIONS, cookie_name=cookie, server_url=server_url))


OPERATIONS: list[Operation] = [
    *session.OPERATIONS,
    *cases.OPERATIONS,
    *address.OPERATIONS,
    *forms.OPERATIONS,
    *application.OPERATIONS,
    *payments.OPERATIONS,
    *notices.OPERATIONS,
    *documents.OPERATIONS,
    *appointments.OPERATIONS,
    *transparency.OPERATIONS,
    Operation(
        "GET",
        DOCUMENT_PATH,
        openapi_document,
        "getOpenApiDocument",
        "This document",
        "meta",
        {200: None},
    ),
]


def add_api_routes(app: web.Application) -> None:
    """Register every API operation (each handler declares its route policy)."""
    add_operations(app, OPERATIONS)
