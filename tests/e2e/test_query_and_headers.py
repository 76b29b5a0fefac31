"""No 500 from a query string, and the headers every answer carries, streamed ones too."""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from uuid import uuid4

import pytest
from aiohttp import web

from immportal.domain.actor import Role
from testkit import evidence_samples as samples
from testkit.documents_support import Filer, filer, upload, uploaded_id
from testkit.e2e_support import Portal, PortalOpener, parse_page
from testkit.officer_support import staff

CANNOT_READ = "We cannot read that web address"
# Every query parameter a page reads (grep `request.query` in web/), on a route that reads
# it, with who opens it. A NUL in any of them once reached PostgreSQL as a 500.
QUERY_READS = [
    ("/staff/decisions", "office", Role.SUPERVISOR),
    ("/staff/decisions", "officer", Role.SUPERVISOR),
    ("/staff/queue", "status", Role.OFFICER),
    ("/staff/appointments", "location", Role.OFFICER),
    ("/staff/appointments", "day", Role.OFFICER),
    ("/audit", "q", Role.AUDITOR),
    ("/analytics", "office", Role.ANALYST),
    ("/processing-times", "form", None),
    ("/case-status", "receipt_number", None),
    ("/verify", "code", None),
    ("/sign-in", "done", None),
    ("/sign-in", "next", None),
    ("/account/verify", "token", None),
    ("/account/reset", "token", None),
    ("/", "lang", None),
    ("/cases", "deleted", Role.APPLICANT),
    ("/account", "done", Role.APPLICANT),
    ("/account/sessions", "done", Role.APPLICANT),
]
# Values that are not control characters but that no parser expects: never a 500.
ODD_VALUES = [
    ("/staff/decisions?office=ZZZ&officer=not-an-id", Role.SUPERVISOR),
    ("/staff/decisions?office=" + "N" * 1500, Role.SUPERVISOR),
    ("/staff/appointments?day=2026-13-45&location=nowhere", Role.OFFICER),
    ("/staff/queue?status=%FF%FE&office=%E2%80", Role.OFFICER),
    ("/audit?q=%25%27%22%3B--", Role.AUDITOR),
    ("/analytics?office=%27&start=yesterday&end=9999-99-99", Role.ANALYST),
    ("/processing-times?form=I-000&office=%3Cscript%3E", None),
]


@pytest.fixture
async def production_portal(open_portal: PortalOpener) -> Portal:
    """The portal as production runs it (no development pages)."""
    return await open_portal()


@asynccontextmanager
async def browsers_by_role(portal: Portal) -> AsyncIterator[dict[Role | None, Portal]]:
    """One browser per role of the tables (NBC staff), and one nobody signed in to."""
    async with staff(portal) as sign_in:
        found: dict[Role | None, Portal] = {None: portal}
        for role in (Role.SUPERVISOR, Role.OFFICER, Role.AUDITOR, Role.ANALYST, Role.APPLICANT):
            office = "NBC" if role in (Role.OFFICER, Role.SUPERVISOR) else None
            found[role] = (await sign_in(role, office)).portal
        yield found


class TestQueryStrings:
    """Control characters in any query parameter are a 400 page, never a 500."""

    async def test_nul_in_every_parameter_read_is_400(self, production_portal: Portal) -> None:
        """The probe's `/staff/decisions?office=%00`, and every other parameter a page reads."""
        answers, expected = {}, {}
        async with browsers_by_role(production_portal) as browser:
            for path, name, role in QUERY_READS:
                url = f"{path}?{name}=a%00b"
                response = await browser[role].client.get(url, allow_redirects=False)
                page = parse_page(await response.text()).text
                answers[url] = (response.status, CANNOT_READ in page)
                expected[url] = (400, True)
        assert expected == answers

    @pytest.mark.parametrize("value", ["%01", "%0A", "%1B", "%7F", "%C2%85", "%E2%80%AE"])
    async def test_other_controls_are_400(self, production_portal: Portal, value: str) -> None:
        """Line breaks, escape, DEL, C1 controls and the bidi override are refused alike."""
        response = await production_portal.client.get(f"/sign-in?next=/cases{value}")
        assert 400 == response.status

    async def test_every_get_route_refuses_a_nul(self, production_portal: Portal) -> None:
        """A router walk: whatever the route and whoever asks, a NUL query is a 400."""
        app: web.Application = production_portal.client.app  # type: ignore[assignment]
        paths = sorted(
            {
                route.resource.canonical.replace("{case_id}", str(uuid4()))
                .replace("{document_id}", str(uuid4()))
                .replace("{notice_id}", str(uuid4()))
                for route in app.router.routes()
                if route.method == "GET" and route.resource is not None
            }
        )
        statuses = {}
        for path in paths:
            response = await production_portal.client.get(f"{path}?x=%00", allow_redirects=False)
            statuses[path] = response.status
        assert dict.fromkeys(paths, 400) == statuses

    async def test_api_answers_a_problem(self, production_portal: Portal) -> None:
        """On the JSON API the refusal is problem+json."""
        response = await production_portal.client.get("/api/v1/openapi.json?x=%00")
        assert (400, "application/problem+json") == (response.status, response.content_type)
        assert "urn:immportal:problem:bad-request" == (await response.json())["type"]

    async def test_odd_values_are_never_a_server_error(self, production_portal: Portal) -> None:
        """Unknown offices, impossible dates, broken UTF-8 and quotes get a page, not a 500."""
        errors = {}
        async with browsers_by_role(production_portal) as browser:
            for url, role in ODD_VALUES:
                response = await browser[role].client.get(url, allow_redirects=False)
                errors[url] = response.status >= 500
        assert dict.fromkeys(errors, False) == errors


class TestHeaders:
    """No versions in Server, Allow on 405, hardening headers on streamed answers."""

    async def test_server_names_no_version(self, production_portal: Portal) -> None:
        """A page and a 404 say `immportal`, not aiohttp's and Python's versions."""
        for path in ("/", "/no-such-page"):
            response = await production_portal.client.get(path)
            assert "immportal" == response.headers["Server"]

    async def test_page_405_has_allow(self, production_portal: Portal) -> None:
        """OPTIONS (a method CSRF lets through) on a page: 405 naming the methods it takes."""
        response = await production_portal.client.options("/sign-in")
        assert 405 == response.status
        assert {"GET", "POST"} <= {m.strip() for m in response.headers["Allow"].split(",")}

    async def test_api_405_has_allow(self, production_portal: Portal) -> None:
        """The API's 405 is problem+json and names the methods too."""
        response = await production_portal.client.options("/api/v1/openapi.json")
        assert (405, "application/problem+json") == (response.status, response.content_type)
        assert "GET" in response.headers["Allow"]


@pytest.fixture
async def applicant(open_portal: PortalOpener, tmp_path: Path) -> AsyncIterator[Filer]:
    """A signed-in applicant's accepted case at NBC, blobs on disk (streamed downloads)."""
    portal = await open_portal(blob_dir=tmp_path / "blobs")
    async with filer(portal, tmp_path / "blobs") as who:
        yield who


class TestStreamedDownloads:
    """A response its handler prepares itself carries the same headers as any page."""

    async def test_officer_download_is_hardened(self, applicant: Filer) -> None:
        """The review page's streamed download: Referrer-Policy, CSP, nosniff, Server."""
        data = samples.pdf("Streamed")
        document_id = await uploaded_id(await upload(applicant, data, "streamed.pdf"))
        async with staff(applicant.portal) as sign_in:
            officer = await sign_in(Role.OFFICER, "NBC")
            url = f"/staff/cases/{applicant.case_id}/documents/{document_id}"
            response = await officer.portal.client.get(url)
            assert (200, data) == (response.status, await response.read())
        headers = response.headers
        assert "same-origin" == headers["Referrer-Policy"]
        assert "frame-ancestors 'none'" in headers["Content-Security-Policy"]
        assert ("nosniff", "immportal") == (headers["X-Content-Type-Options"], headers["Server"])
