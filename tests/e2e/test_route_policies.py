"""Every route declares who may use it; undeclared routes are refused."""

from aiohttp import web
from pytest_aiohttp import AiohttpClient

from immportal.app.web_app import create_app
from immportal.web.policy import DEV_ONLY, PUBLIC, authorize, policy_of
from testkit.support import make_settings


class TestEveryRouteHasAPolicy:
    """Walking the router finds no route without a policy."""

    def test_router_walk(self, database_url: str) -> None:
        """All routes of the dev-mode app (the largest set) declare a policy."""
        app = create_app(make_settings(database_url, dev=True))
        missing = [
            f"{route.method} {route.resource.canonical if route.resource else '?'}"
            for route in app.router.routes()
            if policy_of(route) is None
        ]
        assert [] == missing

    def test_dev_pages_are_dev_only_and_probes_public(self, database_url: str) -> None:
        """The policies say what they should for a few known routes."""
        app = create_app(make_settings(database_url, dev=True))
        by_path = {
            (r.method, r.resource.canonical): policy_of(r)
            for r in app.router.routes()
            if r.resource is not None
        }
        assert DEV_ONLY == by_path[("GET", "/dev/cases/{case_id}")]
        assert DEV_ONLY == by_path[("POST", "/dev/cases/{case_id}/address")]
        assert PUBLIC == by_path[("GET", "/healthz")]


class TestDenyByDefault:
    """A handler registered without a policy is not served."""

    async def test_undeclared_route_is_refused(
        self, database_url: str, aiohttp_client: AiohttpClient
    ) -> None:
        """A route added without @allow answers 404 and its handler never runs."""
        ran: list[bool] = []

        async def sneaky(_request: web.Request) -> web.Response:
            ran.append(True)
            return web.Response(text="secret")

        app = create_app(make_settings(database_url, dev=True))
        app.router.add_get("/sneaky", sneaky)
        client = await aiohttp_client(app)
        response = await client.get("/sneaky")
        assert (404, []) == (response.status, ran)
        assert authorize in app.middlewares
