"""End-to-end tests of the portal while PostgreSQL is unreachable (cut off by a TCP proxy)."""

import asyncio

from testkit.e2e_support import (
    Portal,
    PortalOpener,
    accepted_case,
    count_events,
    form_token,
    new_applicant,
    parse_page,
    post_form,
    wait_until_projected,
    with_host_port,
)
from testkit.tcp_proxy import TcpProxy

UNAVAILABLE = "The service is temporarily unavailable"
# Bounds a hang only: a clean shutdown takes well under a second.
SHUTDOWN_SECONDS = 20


class TestPagesWhileDatabaseDown:
    async def test_case_page_answers_503(self, proxied_portal: Portal, db_proxy: TcpProxy) -> None:
        """A case page that worked answers the plain 503 page once the database goes away."""
        case_id = await accepted_case(proxied_portal.runtime.cases, new_applicant())
        await wait_until_projected(proxied_portal.runtime, case_id, 4)
        before = await proxied_portal.client.get(f"/dev/cases/{case_id}")

        await db_proxy.close()
        response = await proxied_portal.client.get(f"/dev/cases/{case_id}")
        html = await response.text()

        assert (200, 503) == (before.status, response.status)
        assert UNAVAILABLE in parse_page(html).text
        assert "Traceback" not in html

    async def test_case_list_answers_503(self, proxied_portal: Portal, db_proxy: TcpProxy) -> None:
        """The case list answers the plain 503 page while the database is away."""
        await db_proxy.close()

        response = await proxied_portal.client.get("/dev/cases")

        assert 503 == response.status
        assert UNAVAILABLE in parse_page(await response.text()).text


class TestWritesWhileDatabaseDown:
    async def test_address_change_answers_503_and_writes_nothing(
        self, proxied_portal: Portal, db_proxy: TcpProxy, database_url: str
    ) -> None:
        """A change posted during an outage answers 503 and leaves the log as it was."""
        case_id = await accepted_case(proxied_portal.runtime.cases, new_applicant())
        await wait_until_projected(proxied_portal.runtime, case_id, 4)
        events_before = await count_events(database_url)
        form = {
            "expected_version": "4",
            "line1": "8 Cedar Way",
            "city": "Omaha",
            "state": "NE",
            "postal_code": "68102",
        }

        token = await form_token(proxied_portal, f"/dev/cases/{case_id}")

        await db_proxy.close()
        response = await post_form(
            proxied_portal, f"/dev/cases/{case_id}/address", form, token=token
        )
        html = await response.text()
        await db_proxy.start(db_proxy.port)
        after = await proxied_portal.client.get(f"/dev/cases/{case_id}")

        assert 503 == response.status
        assert UNAVAILABLE in parse_page(html).text
        assert events_before == await count_events(database_url)
        assert 4 == len(await proxied_portal.runtime.store.read_stream(case_id))
        assert 200 == after.status


class TestShutdownWhileDatabaseDown:
    async def test_stops_without_hanging(self, proxied_portal: Portal, db_proxy: TcpProxy) -> None:
        """The application shuts down (pool, writer, notifier, workers) with the database gone."""
        case_id = await accepted_case(proxied_portal.runtime.cases, new_applicant())
        await wait_until_projected(proxied_portal.runtime, case_id, 4)
        await db_proxy.close()
        await proxied_portal.client.get(f"/dev/cases/{case_id}")

        async with asyncio.timeout(SHUTDOWN_SECONDS):
            await proxied_portal.client.close()

        assert proxied_portal.client.server.closed


class TestNetworkPartition:
    async def test_silent_database_gives_503_and_shutdown_completes(
        self, open_portal: PortalOpener, db_proxy: TcpProxy, database_url: str
    ) -> None:
        """When the server stops answering but keeps sockets open, pages fail fast and stop."""
        url = with_host_port(database_url, "127.0.0.1", db_proxy.port)
        portal = await open_portal(url, dev=True, database_command_timeout=1)
        case_id = await accepted_case(portal.runtime.cases, new_applicant())
        await wait_until_projected(portal.runtime, case_id, 4)

        await db_proxy.freeze()
        response = await portal.client.get(f"/dev/cases/{case_id}")
        html = await response.text()
        async with asyncio.timeout(SHUTDOWN_SECONDS):
            await portal.client.close()

        assert 503 == response.status
        assert UNAVAILABLE in parse_page(html).text
        assert portal.client.server.closed
