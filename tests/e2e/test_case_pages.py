"""End-to-end tests of the development case pages (immportal.dev.case_pages) and page headers."""

import re
import uuid

from immportal.domain.actor import Actor, Role
from immportal.domain.cases.forms import FormType
from immportal.domain.cases.status import CaseStatus, describe
from testkit.e2e_support import (
    Portal,
    PortalOpener,
    accepted_case,
    new_applicant,
    parse_page,
    wait_until_projected,
)

NOT_FOUND = "We cannot find that page or case"


class TestCaseList:
    async def test_lists_seeded_cases(self, portal: Portal) -> None:
        """The case list links to every seeded case under its receipt number."""
        cases = portal.runtime.cases
        ids = [await accepted_case(cases, new_applicant()) for _ in range(2)]
        summaries = [await wait_until_projected(portal.runtime, i, 4) for i in ids]

        response = await portal.client.get("/dev/cases")
        html = await response.text()

        assert 200 == response.status
        for case_id, summary in zip(ids, summaries, strict=True):
            assert f'href="/dev/cases/{case_id}"' in html
            assert summary.receipt_number is not None
            assert summary.receipt_number in parse_page(html).text

    async def test_lists_a_case_just_started(self, portal: Portal) -> None:
        """A draft case that has only been started appears in the case list."""
        applicant = new_applicant()
        case_id = await portal.runtime.cases.start(
            actor=applicant, applicant_id=applicant.user_id, form_type=FormType.N400, office="NYC"
        )
        await wait_until_projected(portal.runtime, case_id, 1)

        response = await portal.client.get("/dev/cases")

        assert f'href="/dev/cases/{case_id}"' in await response.text()


class TestCaseDetail:
    async def test_shows_receipt_status_and_timeline_in_order(self, portal: Portal) -> None:
        """The case page shows the receipt number, status label and history, oldest first."""
        case_id = await accepted_case(portal.runtime.cases, new_applicant())
        summary = await wait_until_projected(portal.runtime, case_id, 4)

        response = await portal.client.get(f"/dev/cases/{case_id}")
        page = parse_page(await response.text())

        assert 200 == response.status
        assert summary.receipt_number is not None
        assert f"Case {summary.receipt_number}" in page.text
        assert describe(CaseStatus.ACCEPTED) in page.text
        expected = [
            "Application started",
            "You worked on your application on 1 day",
            "Application submitted and fee received",
            "Case received and receipt number issued",
        ]
        assert expected == page.timeline

    async def test_hides_staff_only_entries(self, portal: Portal) -> None:
        """An internal staff note is neither listed on the timeline nor quoted on the page."""
        cases = portal.runtime.cases
        case_id = await accepted_case(cases, new_applicant())
        officer = Actor(f"officer-{uuid.uuid4().hex[:12]}", Role.OFFICER)
        note = f"Staff only: check the lease {uuid.uuid4().hex[:8]}"
        await cases.update(case_id, None, lambda c: c.add_note(officer, note))
        await wait_until_projected(portal.runtime, case_id, 5)

        response = await portal.client.get(f"/dev/cases/{case_id}")
        html = await response.text()

        assert 200 == response.status
        assert "Internal note added" not in parse_page(html).timeline
        assert note not in html
        assert 4 == len(parse_page(html).timeline)


class TestNotFound:
    async def test_malformed_case_id(self, portal: Portal) -> None:
        """A case id that is not a UUID answers the plain 404 page."""
        response = await portal.client.get("/dev/cases/not-a-uuid")

        assert 404 == response.status
        assert NOT_FOUND in parse_page(await response.text()).text

    async def test_unknown_case(self, portal: Portal) -> None:
        """A well-formed id of a case that does not exist answers the plain 404 page."""
        response = await portal.client.get(f"/dev/cases/{uuid.uuid4()}")

        assert 404 == response.status
        assert NOT_FOUND in parse_page(await response.text()).text

    async def test_unknown_case_before_any_worker_ran(self, open_portal: PortalOpener) -> None:
        """A web-only process on a fresh database answers 404 for an unknown case, not 500."""
        portal = await open_portal(dev=True, run_workers=False)

        response = await portal.client.get(f"/dev/cases/{uuid.uuid4()}")

        assert 404 == response.status

    async def test_unknown_path(self, portal: Portal) -> None:
        """A path nothing is routed to answers the plain 404 page."""
        response = await portal.client.get(f"/no-such-page-{uuid.uuid4().hex[:8]}")

        assert 404 == response.status
        assert NOT_FOUND in parse_page(await response.text()).text

    async def test_dev_pages_absent_outside_dev_mode(self, open_portal: PortalOpener) -> None:
        """Without dev mode the development pages are not routed, so they answer 404."""
        portal = await open_portal(dev=False)
        case_id = await accepted_case(portal.runtime.cases, new_applicant())

        statuses = [
            (await portal.client.get("/dev/cases")).status,
            (await portal.client.get(f"/dev/cases/{case_id}")).status,
        ]

        assert [404, 404] == statuses


class TestSecurityHeaders:
    async def test_csp_nonce_matches_every_script(self, portal: Portal) -> None:
        """The CSP allows scripts by a nonce, and every script tag on the page carries it."""
        response = await portal.client.get("/")
        nonce = re.search(r"'nonce-([^']+)'", response.headers["Content-Security-Policy"])
        scripts = parse_page(await response.text()).script_nonces

        assert nonce is not None
        assert 3 == len(scripts)
        assert [nonce.group(1)] * 3 == scripts

    async def test_each_response_gets_a_new_nonce(self, portal: Portal) -> None:
        """Two responses never share a CSP nonce."""
        policies = [(await portal.client.get("/")).headers["Content-Security-Policy"] for _ in "ab"]

        nonces = {re.findall(r"'nonce-([^']+)'", policy)[0] for policy in policies}

        assert 2 == len(nonces)

    async def test_hardening_headers(self, portal: Portal) -> None:
        """Pages forbid plugins and framing, and stop browsers from sniffing content types."""
        response = await portal.client.get("/")
        policy = response.headers["Content-Security-Policy"]

        assert "object-src 'none'" in policy
        assert "frame-ancestors 'none'" in policy
        assert "nosniff" == response.headers["X-Content-Type-Options"]

    async def test_error_page_has_headers_and_reference(self, portal: Portal) -> None:
        """An error page has the security headers and shows its X-Request-Id as the reference."""
        response = await portal.client.get("/dev/cases/not-a-uuid")
        html = await response.text()

        request_id = response.headers["X-Request-Id"]
        assert "nosniff" == response.headers["X-Content-Type-Options"]
        assert "object-src 'none'" in response.headers["Content-Security-Policy"]
        assert [request_id] == parse_page(html).references
        assert f"Reference: {request_id}" in parse_page(html).text

    async def test_raised_responses_have_headers(self, portal: Portal) -> None:
        """A response aiohttp raises rather than returns (405 here) still gets the headers."""
        response = await portal.client.get(f"/dev/cases/{uuid.uuid4()}/address")

        assert 405 == response.status
        assert "nosniff" == response.headers.get("X-Content-Type-Options")
        assert "frame-ancestors 'none'" in response.headers.get("Content-Security-Policy", "")
        assert response.headers.get("X-Request-Id")
