"""Each request to the portal is a server span named by its route, when tracing is on."""

from opentelemetry import trace

from testkit.e2e_support import PortalOpener
from testkit.tracing_support import recorded_spans


class TestRequestSpans:
    """The aiohttp server instrumentation wraps every request; appends nest inside it."""

    async def test_a_request_is_a_server_span(self, open_portal: PortalOpener) -> None:
        """GET /healthz and the create-account page each end one SERVER span."""
        with recorded_spans() as exporter:
            portal = await open_portal(dev=True)
            assert 200 == (await portal.client.get("/healthz")).status
            await portal.client.get("/sign-in")
            spans = exporter.get_finished_spans()
        servers = [s for s in spans if s.kind == trace.SpanKind.SERVER]
        routes = {(s.attributes or {}).get("http.route") for s in servers}
        assert "/healthz" in routes
        assert "/sign-in" in routes
        assert all("token" not in str(s.attributes) for s in servers)
