"""The metrics listener: Prometheus text on its own port, counting what operators watch."""

import asyncio
import re

import aiohttp

from immportal.app.metrics_server import METRICS_PORT
from testkit.e2e_support import CATCH_UP_SECONDS, Portal, PortalOpener, accepted_case, new_applicant


async def scrape(portal: Portal) -> str:
    """The metrics page, fetched from the separate listener as Prometheus would."""
    port = portal.client.app[METRICS_PORT]
    async with (
        aiohttp.ClientSession() as session,
        session.get(f"http://127.0.0.1:{port}/metrics") as response,
    ):
        assert 200 == response.status
        assert response.headers["Content-Type"].startswith("text/plain")
        return await response.text()


def sample(text: str, name: str, **labels: str) -> float:
    """The value of one sample with exactly these labels (0 when absent)."""
    for line in text.splitlines():
        match = re.fullmatch(rf"{name}(?:\{{(.*)\}})? (\S+)", line)
        if match is None:
            continue
        found = dict(re.findall(r'(\w+)="([^"]*)"', match.group(1) or ""))
        if found == labels:
            return float(match.group(2))
    return 0.0


class TestMetricsListener:
    """Metrics are served apart from the site, by route template, never by path or person."""

    async def test_requests_counted_by_route_template(self, open_portal: PortalOpener) -> None:
        """Two /healthz answers add two to its count; a case path is labelled by its template."""
        portal = await open_portal(dev=True, metrics_port=0)
        before = await scrape(portal)
        for _ in range(2):
            assert 200 == (await portal.client.get("/healthz")).status
        case_path = "/cases/0f0e0d0c-0b0a-4998-8776-655443322110"
        await portal.client.get(case_path, allow_redirects=False)
        after = await scrape(portal)
        labels = {"route": "/healthz", "method": "GET", "status": "200"}
        count = "immportal_http_request_seconds_count"
        assert 2 == sample(after, count, **labels) - sample(before, count, **labels)
        assert "0f0e0d0c" not in after  # an id never becomes a label
        assert 'route="/cases/{case_id}"' in after

    async def test_the_site_does_not_serve_metrics(self, open_portal: PortalOpener) -> None:
        """The public site has no /metrics route: the listener is the only way in."""
        portal = await open_portal(dev=True, metrics_port=0)
        assert 404 == (await portal.client.get("/metrics")).status

    async def test_appends_and_projections_are_measured(self, open_portal: PortalOpener) -> None:
        """A filed case adds committed groups, and each read model reports its position."""
        portal = await open_portal(dev=True, metrics_port=0)
        before = await scrape(portal)
        await accepted_case(portal.runtime.cases, new_applicant())
        head = await portal.runtime.store.head()
        loop = asyncio.get_running_loop()
        deadline = loop.time() + CATCH_UP_SECONDS
        while True:
            after = await scrape(portal)
            position = sample(after, "immportal_projection_position", projection="case_summary")
            if position >= head or loop.time() > deadline:
                break
            await asyncio.sleep(0.05)
        groups = "immportal_event_append_seconds_count"
        assert sample(after, groups) - sample(before, groups) >= 1
        assert head <= position
        assert 0 == sample(after, "immportal_projection_lag_events", projection="case_summary")
