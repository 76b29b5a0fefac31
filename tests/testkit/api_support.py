"""Calling the JSON API as a client signed in on the portal would (same session cookie)."""

import asyncio
from collections.abc import Awaitable, Callable
from typing import Any

from aiohttp import ClientResponse

from testkit.e2e_support import CATCH_UP_SECONDS, Portal

PROBLEM = "application/problem+json"


async def csrf_token(portal: Portal) -> str:
    """The session's CSRF token, as GET /api/v1/session tells it."""
    response = await portal.client.get("/api/v1/session")
    assert 200 == response.status, await response.text()
    token: str = (await response.json())["csrf_token"]
    return token


async def send(
    portal: Portal, method: str, path: str, body: Any = None, *, token: str | None = None
) -> ClientResponse:
    """A change with a JSON body, our Origin and the session's token in X-CSRF-Token."""
    headers = {"Origin": portal.origin, "X-CSRF-Token": token or await csrf_token(portal)}
    return await portal.client.request(
        method, path, json=body, headers=headers, allow_redirects=False
    )


async def read(portal: Portal, path: str) -> Any:
    """GET a resource that must answer 200; its JSON body."""
    response = await portal.client.get(path, allow_redirects=False)
    assert 200 == response.status, await response.text()
    return await response.json()


async def problem(response: ClientResponse, status: int) -> dict[str, Any]:
    """Assert the response is a problem+json of this status; its body."""
    assert (status, PROBLEM) == (response.status, response.content_type), await response.text()
    body: dict[str, Any] = await response.json(content_type=PROBLEM)
    assert status == body["status"]
    assert {"type", "title", "status", "detail"} <= set(body)
    return body


async def eventually(probe: Callable[[], Awaitable[Any]], *, what: str) -> Any:
    """Poll until the probe returns something truthy; that value (fail after a while)."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + CATCH_UP_SECONDS
    while loop.time() < deadline:
        found = await probe()
        if found:
            return found
        await asyncio.sleep(0.05)
    raise AssertionError(f"never happened: {what}")
