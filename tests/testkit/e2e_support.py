"""What the end-to-end tests share: a portal under test, case builders, page reading."""

import asyncio
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Protocol
from urllib.parse import urlsplit
from uuid import UUID, uuid4

import asyncpg
from aiohttp import ClientResponse, web
from aiohttp.test_utils import TestClient
from yarl import URL

from immportal.app.container import RUNTIME, Runtime
from immportal.domain.actor import Actor, Role
from immportal.domain.cases.forms import FormType
from immportal.projections.case_summary import CaseSummary, get_case_summary
from immportal.projections.case_timeline import get_timeline
from immportal.services.cases.service import CaseService
from immportal.web.keys import SETTINGS

# Generous: the projections normally catch up in milliseconds; this only bounds a failure.
CATCH_UP_SECONDS = 10.0


@dataclass(frozen=True)
class Portal:
    """The real application served on a local port, with a client for it."""

    client: TestClient[web.Request, web.Application]

    @property
    def runtime(self) -> Runtime:
        """The event store, pool and services the application opened."""
        return self.client.app[RUNTIME]

    @property
    def origin(self) -> str:
        """The origin of the configured public URL: what a browser on the portal sends."""
        return str(URL(self.client.app[SETTINGS].public_url).origin())


class PortalOpener(Protocol):
    """The `open_portal` fixture: start the application with settings overrides."""

    async def __call__(self, url: str | None = None, **overrides: object) -> Portal: ...


def new_applicant() -> Actor:
    """An applicant with an id no other test uses."""
    return Actor(f"applicant-{uuid4().hex[:12]}", Role.APPLICANT)


async def accepted_case(cases: CaseService, applicant: Actor) -> UUID:
    """A case started, answered, submitted and accepted (version 4, with a receipt number)."""
    case_id = await cases.start(
        actor=applicant, applicant_id=applicant.user_id, form_type=FormType.I765, office="NBC"
    )
    await cases.update(
        case_id, None, lambda c: c.save_answers(applicant, "about_you", {"family_name": "Doe"})
    )
    await cases.update(case_id, None, lambda c: c.submit(applicant, fee_cents=47_000))
    await cases.accept(case_id, actor=Actor.system())
    return case_id


async def wait_until_projected(
    runtime: Runtime, case_id: UUID, version: int, *, seconds: float = CATCH_UP_SECONDS
) -> CaseSummary:
    """Poll until the case's summary and timeline both show `version`; fail if they never do."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + seconds
    while loop.time() < deadline:
        summary = await get_case_summary(runtime.pool, case_id)
        timeline = await get_timeline(runtime.pool, case_id, include_staff_only=True)
        if summary and timeline and min(summary.version, timeline[-1].version) >= version:
            return summary
        await asyncio.sleep(0.02)
    raise AssertionError(f"case {case_id} was not projected to version {version}")


async def count_events(database_url: str) -> int:
    """Events in the log, counted straight from the database (not through the application)."""
    conn = await asyncpg.connect(database_url)
    try:
        count: int = await conn.fetchval("SELECT count(*) FROM events")
    finally:
        await conn.close()
    return count


async def form_token(portal: Portal, path: str) -> str:
    """Open a page as a browser would; return the CSRF token its form carries."""
    response = await portal.client.get(path)
    token = parse_page(await response.text()).inputs.get("csrf_token", "")
    assert token, f"{path} answered {response.status} without a CSRF token"
    return token


async def post_form(
    portal: Portal, path: str, form: dict[str, str], *, token: str
) -> ClientResponse:
    """Post a form as a browser on the portal would: our Origin, the page's token, no redirects."""
    return await portal.client.post(
        path,
        data={**form, "csrf_token": token},
        headers={"Origin": portal.origin},
        allow_redirects=False,
    )


def with_host_port(url: str, host: str, port: int) -> str:
    """The same database URL, pointed at another host and port."""
    parts = urlsplit(url)
    userinfo, at, _ = parts.netloc.rpartition("@")
    return parts._replace(netloc=f"{userinfo}{at}{host}:{port}").geturl()


@dataclass
class Page:
    """The parts of an HTML page the tests read."""

    text: str = ""
    inputs: dict[str, str] = field(default_factory=dict)
    script_nonces: list[str] = field(default_factory=list)
    timeline: list[str] = field(default_factory=list)
    error_summary: list[str] = field(default_factory=list)
    references: list[str] = field(default_factory=list)


class _PageParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.page = Page()
        self._words: list[str] = []
        self._in_error_summary = False
        self._capture: tuple[str, list[str], list[str]] | None = None  # tag, target, text

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = {name: value or "" for name, value in attrs}
        classes = found.get("class", "").split()
        if tag == "script":
            self.page.script_nonces.append(found.get("nonce", ""))
        elif tag == "input" and "name" in found:
            self.page.inputs[found["name"]] = found.get("value", "")
        elif tag == "div" and found.get("id") == "error-summary":
            self._in_error_summary = True
        elif tag == "li" and self._in_error_summary:
            self._capture = (tag, self.page.error_summary, [])
        elif tag == "h3" and "usa-process-list__heading" in classes:
            self._capture = (tag, self.page.timeline, [])
        elif "site-reference__code" in classes:
            self._capture = (tag, self.page.references, [])

    def handle_endtag(self, tag: str) -> None:
        if tag == "ul":
            self._in_error_summary = False
        if self._capture is not None and self._capture[0] == tag:
            _, target, text = self._capture
            target.append(" ".join("".join(text).split()))
            self._capture = None

    def handle_data(self, data: str) -> None:
        self._words.extend(data.split())
        if self._capture is not None:
            self._capture[2].append(data)

    def close(self) -> None:
        super().close()
        self.page.text = " ".join(self._words)


def parse_page(html: str) -> Page:
    """Read a page: its visible text, form inputs, script nonces, timeline and errors."""
    parser = _PageParser()
    parser.feed(html)
    parser.close()
    return parser.page
