"""Every staff, auditor, admin and analyst URL refuses everyone but the roles it is for.

The table below lists every route under /staff, /audit, /admin and /analytics (the review
page's actions one row each); a router walk fails the build when a new one is added without
a row here. People signed in in another role get the same not-found page as for a page
that does not exist, and their forms change nothing: no event, no access record. Officers
and supervisors of another office are refused the case as if it did not exist.
"""

import re
from collections.abc import AsyncIterator
from typing import Any, NamedTuple
from uuid import uuid4

import asyncpg
import pytest
import pytest_asyncio
from aiohttp import ClientResponse, FormData
from yarl import URL

from immportal.app.web_app import create_app
from immportal.domain.actor import Role
from immportal.web.officer.registry import ACTIONS
from immportal.web.policy import policy_of
from testkit import evidence_samples as samples
from testkit.appointment_support import NEWARK
from testkit.e2e_support import form_token, parse_page
from testkit.module_portal_support import module_portal
from testkit.signed_in_support import Person, browsers
from testkit.staff_table_support import StaffScene, staff_scene
from testkit.support import make_settings

NOT_FOUND = "We cannot find that page or case"
PREFIXES = ("/staff", "/audit", "/admin", "/analytics")
ADJUDICATORS = frozenset({Role.OFFICER, Role.SUPERVISOR})
SUPERVISOR = frozenset({Role.SUPERVISOR})
AUDITOR = frozenset({Role.AUDITOR})
ADMIN = frozenset({Role.ADMIN})
ANALYST = frozenset({Role.ANALYST})


class StaffUrl(NamedTuple):
    """One URL: how to call it, with what form, and which roles may."""

    method: str
    template: str
    form: dict[str, str]
    allowed: frozenset[Role]

    @property
    def route(self) -> str:
        """The router's path for the URL: no query, the action and recovery as parameters."""
        path = self.template.partition("?")[0]
        path = re.sub(r"/actions/[a-z-]+$", "/actions/{action}", path)
        return path.replace("{other_recovery_id}", "{recovery_id}")

    @property
    def streamed(self) -> bool:
        """Whether the form is read as a stream (it has a file), its token checked last."""
        return "file" in self.form

    @property
    def case_bound(self) -> bool:
        """Whether the URL acts on or shows one case in the officer workspace."""
        return self.template.startswith("/staff/cases/{case_id}")


def action(slug: str, form: dict[str, str], allowed: frozenset[Role] = ADJUDICATORS) -> StaffUrl:
    """A review-page action on the case, sent at the version the case is at."""
    path = f"/staff/cases/{{case_id}}/actions/{slug}"
    return StaffUrl("POST", path, {"expected_version": "{version}", **form}, allowed)


# A case's conversation (the reply sends a new PDF) and requests (this one is unknown: the
# page says so, and nothing changes).
CORRESPONDENCE_PAGES = [
    StaffUrl("GET", "/staff/cases/{case_id}/messages", {}, ADJUDICATORS),
    StaffUrl("GET", "/staff/cases/{case_id}/requests", {}, ADJUDICATORS),
]
CORRESPONDENCE_FORMS = [
    StaffUrl(
        "POST",
        "/staff/cases/{case_id}/messages",
        {"message_id": "{new_id}", "text": "We received your letter.", "file": ""},
        ADJUDICATORS,
    ),
    StaffUrl(
        "POST",
        "/staff/cases/{case_id}/requests",
        {"request_id": "{new_id}", "outcome": "granted", "reason": "Letter shows it."},
        ADJUDICATORS,
    ),
]
DAY_LIST = "/staff/appointments?location={location}&day={day}"
OUTCOME = {"booking_id": "{booking_id}", "location": "{location}", "day": "{day}"}
STAFF_URLS = [
    StaffUrl("GET", "/staff/queue", {}, ADJUDICATORS),
    StaffUrl("GET", "/staff/queue?office=NBC&view=unassigned", {}, ADJUDICATORS),
    StaffUrl("GET", "/staff/decisions", {}, SUPERVISOR),
    StaffUrl("GET", DAY_LIST, {}, ADJUDICATORS),
    StaffUrl("POST", "/staff/appointments/attended", OUTCOME, ADJUDICATORS),
    StaffUrl(
        "POST", "/staff/appointments/missed", {**OUTCOME, "reason": "Did not come"}, ADJUDICATORS
    ),
    # Messages and requests (web/correspondence): the office's inbox and waiting requests.
    StaffUrl("GET", "/staff/messages", {}, ADJUDICATORS),
    StaffUrl("GET", "/staff/requests", {}, ADJUDICATORS),
    *CORRESPONDENCE_PAGES,
    *CORRESPONDENCE_FORMS,
    StaffUrl("GET", "/staff/cases/{case_id}", {}, ADJUDICATORS),
    StaffUrl("GET", "/staff/cases/{case_id}/documents/{document_id}", {}, ADJUDICATORS),
    # The review page's actions, each with a form that would change the case if admitted.
    action("note", {"note": "Checked the passport."}),
    action("claim", {}),
    action("assign", {"officer_email": "{officer_email}"}, SUPERVISOR),
    action(
        "evidence-request",
        {"items": "Passport\nBirth certificate", "due_on": "", "reason": "Identity"},
    ),
    action("interview-slot", {"slot": f"{NEWARK}|1"}),
    action("interview", {"date": "2031-05-06", "time": "10:30", "location": "Room 4"}),
    action("interview-outcome", {"outcome": "Answers were consistent."}),
    action("proposal", {"outcome": "deny", "reason": "No status", "legal_basis": "INA 212"}),
    action("approve", {"comments": "Agreed."}, SUPERVISOR),
    action("return", {"comments": "Look again."}, SUPERVISOR),
    action("issue", {}),
    action("reopen", {"motion": "Motion granted."}),
    action("transfer", {"office": "CSC", "reason": "Workload."}, SUPERVISOR),
    action("withdrawal", {"reason": "Asked by phone."}),
    action("fee-waiver", {"decision": "approve", "reason": "SNAP award letter."}),
    action("reject", {"reason": "The form is unsigned."}),
    action("refund", {"reason": "Rejected filing."}),
]
AUDIT_URLS = [
    StaffUrl("GET", "/audit", {}, AUDITOR),
    StaffUrl("GET", "/audit?case={case_id}", {}, AUDITOR),
    StaffUrl("GET", "/audit/search.jsonl?case={case_id}", {}, AUDITOR),
    StaffUrl("GET", "/audit/search.csv", {}, AUDITOR),
    StaffUrl("GET", "/audit/verify", {}, AUDITOR),
    # Verification only reads, but it is a form: nobody else may make the portal walk the log.
    StaffUrl("POST", "/audit/verify", {}, AUDITOR),
    StaffUrl("GET", "/audit/cases/{case_id}", {}, AUDITOR),
    StaffUrl("GET", "/audit/cases/{case_id}/as-of/{version}", {}, AUDITOR),
    StaffUrl("GET", "/audit/cases/{case_id}/history.jsonl", {}, AUDITOR),
    StaffUrl("GET", "/audit/cases/{case_id}/history.csv", {}, AUDITOR),
    StaffUrl("GET", "/audit/cases/{case_id}/verify", {}, AUDITOR),
]
ADMIN_URLS = [
    StaffUrl("GET", "/admin/recoveries", {}, ADMIN),
    StaffUrl("GET", "/admin/recoveries/{recovery_id}", {}, ADMIN),
    StaffUrl(
        "POST", "/admin/recoveries/{recovery_id}/approve", {"note": "Video call; badge."}, ADMIN
    ),
    StaffUrl(
        "POST", "/admin/recoveries/{other_recovery_id}/refuse", {"reason": "No proof."}, ADMIN
    ),
]
ANALYTICS_URLS = [
    StaffUrl("GET", "/analytics", {}, ANALYST),
    *(
        StaffUrl("GET", f"/analytics/{name}.{suffix}", {}, ANALYST)
        for name in ("backlog", "throughput", "processing-times", "processing-time-summary")
        for suffix in ("csv", "parquet")
    ),
]
URLS = STAFF_URLS + AUDIT_URLS + ADMIN_URLS + ANALYTICS_URLS


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def scene(
    admin_url: str, tmp_path_factory: pytest.TempPathFactory
) -> AsyncIterator[StaffScene]:
    """One portal and scene for the module: the refusal tests change nothing on it."""
    data_dir = tmp_path_factory.mktemp("staff-table")
    async with (
        module_portal(admin_url, data_dir) as portal,
        staff_scene(portal, data_dir / "mailbox") as staged,
    ):
        yield staged


async def values_of(scene: StaffScene) -> dict[str, str]:
    """What the templates name, as things stand now (the case's version moves)."""
    case = await scene.portal.runtime.cases.get(scene.case_id)
    return {
        "case_id": str(scene.case_id),
        "version": str(case.version),
        "document_id": str(scene.document_id),
        "booking_id": str(scene.booking.id),
        "location": NEWARK,
        "day": scene.booking_day,
        "recovery_id": str(scene.recovery_ids[0]),
        "other_recovery_id": str(scene.recovery_ids[1]),
        "officer_email": scene.people["officer"].email,
        "new_id": str(uuid4()),
    }


async def call(scene: StaffScene, person: Person, url: StaffUrl) -> ClientResponse:
    """Call one URL of the table as the person's browser would, with a valid form token."""
    values = await values_of(scene)
    path = url.template.format(**values)
    client = person.portal.client
    if url.method == "GET":
        return await client.get(path, allow_redirects=False)
    # A token from a page everyone signed in may open: a refusal must not hide behind CSRF.
    token = await form_token(person.portal, "/account")
    form = {name: value.format(**values) for name, value in url.form.items()}
    data: FormData | dict[str, str] = {**form, "csrf_token": token}
    if url.streamed:
        # A streamed form: the token first, the small fields, a new file last.
        fields = {name: value for name, value in form.items() if name != "file"}
        data = FormData({"csrf_token": token, **fields}, quote_fields=False)
        data.add_field("file", samples.pdf(f"Staff table {uuid4()}"), filename="reply.pdf")
    return await client.post(
        path,
        data=data,
        headers={"Origin": person.portal.origin},
        allow_redirects=False,
    )


async def traces(scene: StaffScene) -> tuple[int, int, list[Any]]:
    """What a change would leave: the events, the access records, the bookings' outcomes."""
    pool: asyncpg.Pool = scene.portal.runtime.pool
    events = await pool.fetchval("SELECT count(*) FROM events")
    accesses = await pool.fetchval("SELECT count(*) FROM access_log")
    bookings = await pool.fetch("SELECT id, status FROM appointment_bookings ORDER BY id")
    return int(events), int(accesses), [tuple(row) for row in bookings]


async def page_text(response: ClientResponse) -> str:
    """The visible text of an answer (a download that got through is not a page)."""
    return parse_page((await response.read()).decode(errors="replace")).text


async def assert_refused(scene: StaffScene, person: Person, urls: list[StaffUrl]) -> None:
    """Each URL answers the not-found page to the person, and nothing changes."""
    assert urls
    before = await traces(scene)
    answers = []
    for url in urls:
        response = await call(scene, person, url)
        text = await page_text(response)
        answers.append((url.method, url.template, response.status, NOT_FOUND in text))
    assert [(u.method, u.template, 404, True) for u in urls] == answers
    assert before == await traces(scene)


def not_for(role: Role) -> list[StaffUrl]:
    """The rows a role may not use."""
    return [url for url in URLS if role not in url.allowed]


@pytest.mark.asyncio(loop_scope="module")
class TestRefusals:
    """Anyone outside a row's roles (or the case's office) is refused, and nothing changes."""

    @pytest.mark.parametrize("seat", ["applicant", "representative"])
    async def test_applicants_and_representatives_everywhere(
        self, scene: StaffScene, seat: str
    ) -> None:
        """The case's own applicant, and its representative, are refused every row."""
        await assert_refused(scene, scene.people[seat], URLS)

    async def test_an_auditor_changes_nothing(self, scene: StaffScene) -> None:
        """Every form of /staff and /admin (every state-changing row) refuses an auditor."""
        changing = [u for u in STAFF_URLS + ADMIN_URLS if u.method == "POST"]
        assert len(changing) == 2 + len(CORRESPONDENCE_FORMS) + len(ACTIONS) + 2
        await assert_refused(scene, scene.people["auditor"], changing)

    @pytest.mark.parametrize("seat", ["officer", "supervisor", "auditor", "analyst", "admin"])
    async def test_staff_outside_their_roles(self, scene: StaffScene, seat: str) -> None:
        """Each staff role is refused every row that is not for its role."""
        person = scene.people[seat]
        await assert_refused(scene, person, not_for(person.role))

    @pytest.mark.parametrize("seat", ["officer-elsewhere", "supervisor-elsewhere"])
    async def test_staff_of_another_office(self, scene: StaffScene, seat: str) -> None:
        """An officer or supervisor of CSC is refused the NBC case's page, document and actions."""
        person = scene.people[seat]
        bound = [u for u in URLS if u.case_bound and person.role in u.allowed]
        pages = 2 + len(CORRESPONDENCE_PAGES) + len(CORRESPONDENCE_FORMS)
        supervisors_only = sum(action.supervisor_only for action in ACTIONS.values())
        officer = person.role is Role.OFFICER
        assert len(bound) == pages + len(ACTIONS) - (supervisors_only if officer else 0)
        await assert_refused(scene, person, bound)

    async def test_signed_out_visitors(self, scene: StaffScene) -> None:
        """Pages send a new browser to sign in and back; its forms are refused; nothing changes."""
        before = await traces(scene)
        async with browsers(scene.portal) as open_browser:
            browser = open_browser()
            values = await values_of(scene)
            answers = []
            for url in URLS:
                path = url.template.format(**values)
                if url.method == "GET":
                    response = await browser.client.get(path, allow_redirects=False)
                    back = URL(response.headers["Location"])
                    answers.append((url.template, response.status, (back.path, back.query["next"])))
                    continue
                form = {name: value.format(**values) for name, value in url.form.items()}
                response = await browser.client.post(
                    path, data=form, headers={"Origin": browser.origin}, allow_redirects=False
                )
                answers.append((url.template, response.status, response.headers.get("Location")))
        assert [
            (u.template, 303, ("/sign-in", u.template.format(**values)))
            if u.method == "GET"
            # A streamed form's token is checked by its handler, after the route's policy.
            else (u.template, 404 if u.streamed else 403, None)
            for u in URLS
        ] == answers
        assert before == await traces(scene)


def seat_for(role: Role) -> str:
    """The NBC staff member who may use a row for the role."""
    return {Role.OFFICER: "officer", Role.SUPERVISOR: "supervisor"}.get(role, role.value)


@pytest.mark.asyncio(loop_scope="module")
class TestAdmitted:
    """The roles a row is for get through (so the refusals above are the policy's, not luck)."""

    async def test_every_page_opens(self, scene: StaffScene) -> None:
        """Each GET row answers 200 to each role it is for."""
        results = [
            (
                url.template,
                role.value,
                (await call(scene, scene.people[seat_for(role)], url)).status,
            )
            for url in URLS
            if url.method == "GET"
            for role in sorted(url.allowed)
        ]
        assert [(t, r, 200) for t, r, _ in results] == results

    async def test_every_form_is_taken_up(self, scene: StaffScene) -> None:
        """Each POST row is handled for a role it is for: done, or refused by the case's state.

        Runs last: the forms change the scene.
        """
        results = []
        for url in URLS:
            if url.method != "POST":
                continue
            role = Role.OFFICER if Role.OFFICER in url.allowed else min(url.allowed)
            response = await call(scene, scene.people[seat_for(role)], url)
            text = await page_text(response)
            results.append((url.template, response.status != 404 and NOT_FOUND not in text))
        assert [(t, True) for t, _ in results] == results


class TestEveryStaffUrlIsInTheTable:
    """New staff, auditor, admin and analyst URLs must be added to the table."""

    def test_router_walk(self) -> None:
        """Every route under the staff prefixes is a row, and every row is a route."""
        app = create_app(make_settings("postgresql://unused@127.0.0.1/unused", dev=True))
        routes = set()
        for route in app.router.routes():
            canonical = route.resource.canonical if route.resource else ""
            # HEAD is served by the GET handler.
            if canonical.startswith(PREFIXES) and route.method != "HEAD":
                routes.add((route.method, canonical))
        assert routes == {(url.method, url.route) for url in URLS}

    def test_every_action_is_a_row(self) -> None:
        """Each action of the review page has a row, with the roles the registry gives it."""
        rows = {
            url.template.rsplit("/", 1)[1]: url.allowed
            for url in STAFF_URLS
            if url.route.endswith("{action}")
        }
        expected = {
            slug: SUPERVISOR if found.supervisor_only else ADJUDICATORS
            for slug, found in ACTIONS.items()
        }
        assert expected == rows

    def test_the_table_names_the_declared_roles(self) -> None:
        """Each row's roles are the roles its route's policy admits."""
        app = create_app(make_settings("postgresql://unused@127.0.0.1/unused", dev=True))
        declared = {
            (route.method, route.resource.canonical): policy_of(route)
            for route in app.router.routes()
            if route.resource is not None and route.resource.canonical.startswith(PREFIXES)
        }
        mismatched = []
        for url in URLS:
            policy = declared[(url.method, url.route)]
            assert policy is not None
            # Supervisor-only actions share the route of all actions; the handler narrows it.
            if not url.allowed <= policy.roles or (
                url.allowed != policy.roles and not url.route.endswith("{action}")
            ):
                mismatched.append(url.template)
        assert [] == mismatched
