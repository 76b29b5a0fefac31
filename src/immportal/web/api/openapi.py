"""The OpenAPI 3.1 document, generated from the operations and their pydantic models.

Every model's JSON Schema comes from pydantic in one pass, so shared models are defined
once: pydantic's `$defs` become `components/schemas`, and its references point there.
"""

from collections.abc import Sequence
from typing import Any, cast

from pydantic import BaseModel
from pydantic.json_schema import JsonSchemaMode, JsonSchemaValue, models_json_schema

from immportal.services.identity.access_tokens import SCOPES
from immportal.web.api.operations import Operation
from immportal.web.api.problems import KINDS, PROBLEM_TYPE, Problem
from immportal.web.api.scopes import ANY_SCOPE, scope_needed
from immportal.web.csrf import TOKEN_HEADER
from immportal.web.policy import POLICY_ATTRIBUTE, PUBLIC, Policy

REF = "#/components/schemas/{model}"
Refs = dict[tuple[type[BaseModel], JsonSchemaMode], JsonSchemaValue]
JSON = "application/json"
SESSION_SCHEME = "session"
CSRF_SCHEME = "csrf"
BEARER_SCHEME = "bearer"
# Problems every operation of a kind may answer, and what each means there.
STANDARD = {
    400: "The body is not a JSON object, or the request carries both the session cookie "
    "and a bearer token.",
    401: "No signed-in session and no live personal access token.",
    403: "The X-CSRF-Token header or the Origin is missing or wrong (session), or the "
    "token's scopes do not cover this operation (bearer).",
    429: "Too many requests with this personal access token: wait a minute (Retry-After).",
    409: "The request with this Idempotency-Key is still being handled: retry shortly.",
    404: "Not found, or not yours: both answer the same.",
    415: "The body is not application/json.",
    422: "Values refused (a message per field under `errors`), or an Idempotency-Key "
    "already used for another request.",
    503: "The database is unavailable for a moment.",
}
IDEMPOTENCY_KEY = {
    "name": "Idempotency-Key",
    "in": "header",
    "required": False,
    "description": "A unique key per change (a UUID). Sent again with the same request, it "
    "answers the first outcome (marked Idempotent-Replayed: true) instead of acting twice; "
    "kept one day (web/idempotency.py).",
    "schema": {"type": "string", "minLength": 8, "maxLength": 255},
}
TITLE = "immportal applicant API"
DESCRIPTION = (
    "The applicant's and representative's side of the portal as JSON. Sign in on the "
    "portal; the API uses the same session cookie. Changes need the session's CSRF token "
    "(from GET /api/v1/session) in the X-CSRF-Token header and the portal's Origin. "
    "Programs send a personal access token instead, as Authorization: Bearer (no cookie, "
    "no CSRF token). "
    "Errors are RFC 9457 problem details."
)


def policy_of_handler(operation: Operation) -> Policy:
    """The route policy declared on the operation's handler (deny-by-default otherwise)."""
    policy = getattr(operation.handler, POLICY_ATTRIBUTE, None)
    if not isinstance(policy, Policy):
        raise TypeError(f"{operation.operation_id} has no route policy")
    return policy


def _problem_statuses(operation: Operation, public: bool) -> dict[int, str]:
    found: list[int] = [503]
    if not public:
        found += [400, 401, 403, 404, 429]
    if operation.unsafe:
        found += [400, 403, 409, 422]
    if operation.body is not None:
        found += [400, 415, 422]
    if operation.parameters:
        found.append(404)
    statuses = {status: STANDARD[status] for status in sorted(set(found))}
    return dict(sorted({**statuses, **operation.problems}.items()))


def _parameter(name: str) -> dict[str, Any]:
    schema: dict[str, Any] = {"type": "string", "format": "uuid"}
    if name == "position" or name.endswith("_size"):
        schema = {"type": "integer", "minimum": 1}
    elif not name.endswith("_id") or name == "page_id":
        schema = {"type": "string", "pattern": "^[a-z0-9_]+$"}
    return {"name": name, "in": "path", "required": True, "schema": schema}


def _operation(operation: Operation, refs: Refs) -> dict[str, Any]:
    public = policy_of_handler(operation) == PUBLIC
    responses: dict[str, Any] = {}
    for status, model in sorted(operation.responses.items()):
        schema = {"type": "object"} if model is None else refs[(model, "serialization")]
        described = model.__doc__ if model is not None and model.__doc__ else operation.summary
        responses[str(status)] = {
            "description": described.strip().splitlines()[0],
            "content": {JSON: {"schema": schema}},
        }
    problem = refs[(Problem, "serialization")]
    for status, meaning in _problem_statuses(operation, public).items():
        responses[str(status)] = {
            "description": f"{KINDS[status][1]}. {meaning}",
            "content": {PROBLEM_TYPE: {"schema": problem}},
        }
    found: dict[str, Any] = {
        "operationId": operation.operation_id,
        "summary": operation.summary,
        "tags": [operation.tag],
        "responses": responses,
    }
    if operation.description:
        found["description"] = operation.description
    parameters = [_parameter(name) for name in operation.parameters]
    if operation.unsafe and not public:
        parameters.append(IDEMPOTENCY_KEY)
    if parameters:
        found["parameters"] = parameters
    if operation.body is not None:
        found["requestBody"] = {
            "required": True,
            "content": {JSON: {"schema": refs[(operation.body, "validation")]}},
        }
    if public:
        found["security"] = []
        return found
    session: dict[str, list[str]] = (
        {SESSION_SCHEME: [], CSRF_SCHEME: []} if operation.unsafe else {SESSION_SCHEME: []}
    )
    found["security"] = [session]
    scope = scope_needed(operation.method, operation.path)
    if scope is not None:
        found["security"].append({BEARER_SCHEME: [] if scope == ANY_SCOPE else [scope]})
    return found


def _schemas(operations: Sequence[Operation]) -> tuple[Refs, dict[str, Any]]:
    wanted: dict[tuple[type[BaseModel], JsonSchemaMode], None] = {(Problem, "serialization"): None}
    for operation in operations:
        if operation.body is not None:
            wanted[(operation.body, "validation")] = None
        for model in operation.responses.values():
            if model is not None:
                wanted[(model, "serialization")] = None
    refs, top = models_json_schema(list(wanted), ref_template=REF)
    found: Refs = {(cast(type[BaseModel], model), mode): ref for (model, mode), ref in refs.items()}
    return found, top.get("$defs", {})


def build_document(
    operations: Sequence[Operation], *, cookie_name: str, server_url: str
) -> dict[str, Any]:
    """The OpenAPI 3.1 document of the operations, for a portal at `server_url`."""
    refs, schemas = _schemas(operations)
    paths: dict[str, dict[str, Any]] = {}
    for operation in operations:
        paths.setdefault(operation.path, {})[operation.method.lower()] = _operation(operation, refs)
    return {
        "openapi": "3.1.0",
        "info": {"title": TITLE, "version": "1", "description": DESCRIPTION},
        "servers": [{"url": server_url}],
        "paths": paths,
        "components": {
            "schemas": schemas,
            "securitySchemes": {
                SESSION_SCHEME: {
                    "type": "apiKey",
                    "in": "cookie",
                    "name": cookie_name,
                    "description": "The portal's session cookie, set when signing in.",
                },
                BEARER_SCHEME: {
                    "type": "http",
                    "scheme": "bearer",
                    "description": "A personal access token made on the account page "
                    "(Tokens for programs). Needs no CSRF token; never send it together "
                    "with the session cookie. The scopes each operation needs are listed "
                    "in its security requirement: " + ", ".join(SCOPES) + ".",
                },
                CSRF_SCHEME: {
                    "type": "apiKey",
                    "in": "header",
                    "name": TOKEN_HEADER,
                    "description": "The session's CSRF token (GET /api/v1/session), "
                    "required on every change together with the portal's Origin.",
                },
            },
        },
    }
