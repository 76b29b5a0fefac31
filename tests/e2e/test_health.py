"""End-to-end tests of /healthz and /readyz in immportal.web.health."""

import asyncio
from typing import Any

import asyncpg

from immportal.app.container import all_projections
from immportal.projections.engine import ensure_projection, process_batch
from testkit.e2e_support import CATCH_UP_SECONDS, Portal, PortalOpener, accepted_case, new_applicant
from testkit.tcp_proxy import TcpProxy


async def _ready_body(portal: Portal) -> tuple[int, dict[str, Any]]:
    """Poll /readyz until every projection has caught up with the log; return the last answer."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + CATCH_UP_SECONDS
    while True:
        response = await portal.client.get("/readyz")
        body: dict[str, Any] = await response.json()
        lags = body.get("projections", {})
        caught_up = len(lags) == len(all_projections()) and not any(lags.values())
        if caught_up or loop.time() > deadline:
            return response.status, body
        await asyncio.sleep(0.05)


class TestHealthz:
    async def test_alive(self, portal: Portal) -> None:
        """/healthz answers 200 with a JSON body saying the process is alive."""
        response = await portal.client.get("/healthz")

        assert (200, {"status": "alive"}) == (response.status, await response.json())

    async def test_alive_while_database_down(
        self, proxied_portal: Portal, db_proxy: TcpProxy
    ) -> None:
        """/healthz keeps answering 200 while the database cannot be reached."""
        await db_proxy.close()

        response = await proxied_portal.client.get("/healthz")

        assert (200, {"status": "alive"}) == (response.status, await response.json())


class TestReadyz:
    async def test_ready_when_projections_caught_up(self, portal: Portal) -> None:
        """/readyz answers 200 listing each projection with no lag once they have caught up."""
        await accepted_case(portal.runtime.cases, new_applicant())

        status, body = await _ready_body(portal)

        expected = {
            "status": "ready",
            "database": "ok",
            "projections": {p.name: 0 for p in all_projections()},
        }
        assert (200, expected) == (status, body)

    async def test_unavailable_while_database_down(
        self, proxied_portal: Portal, db_proxy: TcpProxy
    ) -> None:
        """/readyz answers 503 saying the database is unreachable once it goes away."""
        await db_proxy.close()

        response = await proxied_portal.client.get("/readyz")
        body = await response.json()

        assert (503, "unavailable", "unreachable") == (
            response.status,
            body["status"],
            body["database"],
        )


class TestReadyzPerRole:
    """A web node is ready when its pages can be served, whatever the notices' PDFs lag."""

    async def test_notices_behind_do_not_make_a_web_node_unready(
        self, open_portal: PortalOpener
    ) -> None:
        """Every page read model caught up, notices far behind: 200, with the notices' lag shown."""
        portal = await open_portal(dev=True, run_workers=False, readiness_max_lag=0)
        await accepted_case(portal.runtime.cases, new_applicant())
        conn = await asyncpg.connect(portal.runtime.dsn)
        try:
            for projection in all_projections(portal.runtime):
                if projection.name != "notices":
                    await ensure_projection(conn, projection)
                    while (await process_batch(conn, portal.runtime.store, projection, 500)).read:
                        pass
        finally:
            await conn.close()

        response = await portal.client.get("/readyz")
        body = await response.json()

        assert (200, "ready") == (response.status, body["status"])
        assert body["projections"]["notices"] > 0

    async def test_a_page_read_model_behind_makes_it_unready(
        self, open_portal: PortalOpener
    ) -> None:
        """Nothing projected at all: the page read models lag, so the node says it is lagging."""
        portal = await open_portal(dev=True, run_workers=False, readiness_max_lag=0)
        await accepted_case(portal.runtime.cases, new_applicant())

        response = await portal.client.get("/readyz")

        assert (503, "lagging") == (response.status, (await response.json())["status"])
