"""The OpenAPI 3.1 document: valid, served, and describing exactly the API's routes."""

from typing import Any

from openapi_spec_validator import validate
from pytest_aiohttp import AiohttpClient

from immportal.app.web_app import create_app
from immportal.web.api.scopes import scope_needed
from immportal.web.policy import PUBLIC, policy_of
from testkit.support import make_settings

UNSAFE = {"post", "put", "patch", "delete"}


async def served_document(database_url: str, aiohttp_client: AiohttpClient) -> dict[str, Any]:
    """The document as GET /api/v1/openapi.json serves it, without signing in."""
    client = await aiohttp_client(create_app(make_settings(database_url)))
    response = await client.get("/api/v1/openapi.json")
    assert (200, "application/json") == (response.status, response.content_type)
    document: dict[str, Any] = await response.json()
    return document


def operations(document: dict[str, Any]) -> dict[tuple[str, str], dict[str, Any]]:
    """Every operation of the document by (METHOD, path)."""
    return {
        (method.upper(), path): operation
        for path, item in document["paths"].items()
        for method, operation in item.items()
    }


class TestTheDocument:
    """The document generated from the pydantic models."""

    async def test_it_validates(self, database_url: str, aiohttp_client: AiohttpClient) -> None:
        """openapi-spec-validator accepts it as OpenAPI 3.1."""
        document = await served_document(database_url, aiohttp_client)
        validate(document)
        assert "3.1.0" == document["openapi"]

    async def test_it_covers_the_router(
        self, database_url: str, aiohttp_client: AiohttpClient
    ) -> None:
        """Every /api/v1 route is an operation, and every operation a route."""
        document = await served_document(database_url, aiohttp_client)
        app = create_app(make_settings(database_url, dev=True))
        routes = {
            (route.method, route.resource.canonical)
            for route in app.router.routes()
            if route.resource is not None
            and route.resource.canonical.startswith("/api/")
            and route.method != "HEAD"
        }
        assert routes == set(operations(document))

    async def test_each_operation_is_complete(
        self, database_url: str, aiohttp_client: AiohttpClient
    ) -> None:
        """Unique ids, parameters, bodies, problems and security as the route's policy says."""
        document = await served_document(database_url, aiohttp_client)
        app = create_app(make_settings(database_url))
        policies = {
            (r.method, r.resource.canonical): policy_of(r)
            for r in app.router.routes()
            if r.resource is not None
        }
        found = operations(document)
        ids = [operation["operationId"] for operation in found.values()]
        assert len(ids) == len(set(ids))
        for (method, path), operation in found.items():
            responses = operation["responses"]
            problems = {
                status
                for status, response in responses.items()
                if "application/problem+json" in response["content"]
            }
            parameters = operation.get("parameters", [])
            named = [p["name"] for p in parameters if p["in"] == "path"]
            headers = [p["name"] for p in parameters if p["in"] == "header"]
            assert [part[1:-1] for part in path.split("/") if part.startswith("{")] == named
            if policies[(method, path)] == PUBLIC:
                assert [] == operation["security"]
                continue
            assert {"401", "404", "503"} <= problems, path
            # A program's token is the other way in, with the scope the route needs.
            scope = scope_needed(method.upper(), path)
            token = [] if scope is None else [{"bearer": [scope] if scope else []}]
            if method.lower() in UNSAFE:
                assert [{"session": [], "csrf": []}, *token] == operation["security"]
                assert {"403", "409", "422"} <= problems
                assert ["Idempotency-Key"] == headers
            else:
                assert [{"session": []}, *token] == operation["security"]
            assert {"400", "403", "429"} <= problems, path
            if "requestBody" in operation:
                assert {"400", "422"} <= problems
                schema = operation["requestBody"]["content"]["application/json"]["schema"]
                assert schema["$ref"].startswith("#/components/schemas/")

    async def test_request_models_refuse_extra_fields(
        self, database_url: str, aiohttp_client: AiohttpClient
    ) -> None:
        """Every request body's schema forbids properties it does not name."""
        document = await served_document(database_url, aiohttp_client)
        schemas = document["components"]["schemas"]
        for operation in operations(document).values():
            if "requestBody" in operation:
                ref = operation["requestBody"]["content"]["application/json"]["schema"]["$ref"]
                assert schemas[ref.rsplit("/", 1)[1]]["additionalProperties"] is False, ref
        assert "immportal_session" == (document["components"]["securitySchemes"]["session"]["name"])


async def test_both_schemes_are_declared(database_url: str, aiohttp_client: AiohttpClient) -> None:
    """The session cookie (with its CSRF header) and the bearer token are both declared."""
    client = await aiohttp_client(create_app(make_settings(database_url)))
    document = await (await client.get("/api/v1/openapi.json")).json()
    schemes = document["components"]["securitySchemes"]
    assert {"type": "http", "scheme": "bearer"} == {
        key: schemes["bearer"][key] for key in ("type", "scheme")
    }
    assert ("apiKey", "cookie") == (schemes["session"]["type"], schemes["session"]["in"])
