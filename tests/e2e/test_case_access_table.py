"""Every applicant case URL refuses everyone but the case's applicant and representatives.

The table below must list every route with a case id that an applicant or representative
can reach, pages and JSON API alike; a router walk fails the build when a new one
(documents, notices, payments …) is added without a row here.
"""

from collections.abc import AsyncIterator
from typing import Any, NamedTuple
from uuid import UUID, uuid4

import pytest
from aiohttp import ClientResponse, FormData

from immportal.app.web_app import create_app
from immportal.domain.actor import Role
from immportal.domain.cases.permissions import Standing
from immportal.web.policy import policy_of
from testkit import evidence_samples as samples
from testkit.e2e_support import Portal, accepted_case, form_token, parse_page, wait_until_projected
from testkit.notice_support import receipt_notice_id, wait_for_notices
from testkit.signed_in_support import Person, people
from testkit.support import make_settings

NOT_FOUND = "We cannot find that page or case"
BOTH = frozenset({Standing.APPLICANT, Standing.REPRESENTATIVE})
APPLICANT = frozenset({Standing.APPLICANT})


class CaseUrl(NamedTuple):
    """One case URL: how to call it, with what, and who may."""

    method: str
    template: str
    form: dict[str, Any]
    allowed: frozenset[Standing]
    api_status: int = 0
    """For a JSON API row (its form is the JSON body): the status those allowed get here."""
    page_status: int = 0
    """For a page row whose rule (not access) refuses those allowed here: the status they get."""

    @property
    def is_api(self) -> bool:
        """Whether the URL is one of the JSON API's (problem+json refusals, header token)."""
        return self.template.startswith(API)


ADDRESS = {"line1": "8 Quay Road", "city": "Salem", "state": "MA", "postal_code": "01970"}
API = "/api/v1/cases/{case_id}"
# In the order the applicant's own walk through them works: the representative authorized
# by one row is the one the next row revokes.
CASE_URLS = [
    CaseUrl("GET", "/cases/{case_id}", {}, BOTH),
    CaseUrl("POST", "/cases/{case_id}/address", {"expected_version": "{version}", **ADDRESS}, BOTH),
    CaseUrl("GET", "/cases/{case_id}/representatives", {}, APPLICANT),
    CaseUrl(
        "POST",
        "/cases/{case_id}/representatives",
        {"expected_version": "{version}", "email": "{representative_email}"},
        APPLICANT,
    ),
    CaseUrl(
        "POST",
        "/cases/{case_id}/representatives/revoke",
        {"expected_version": "{version}", "representative_id": "{representative_id}"},
        APPLICANT,
    ),
    # Asking about the case: this case was received today, so the question is refused (422)
    # and nothing is recorded; test_case_inquiry.py asks after the date.
    CaseUrl("POST", "/cases/{case_id}/inquiry", {"inquiry": "Any news?"}, BOTH, page_status=422),
    # Withdrawing (web/applicant/withdraw.py): the check page changes nothing, and the
    # confirm row names no reason, so it is refused (422) and the case stays open.
    CaseUrl("GET", "/cases/{case_id}/withdraw", {}, BOTH),
    CaseUrl(
        "POST",
        "/cases/{case_id}/withdraw",
        {"expected_version": "{version}", "ground": "filed_again"},
        BOTH,
        page_status=200,
    ),
    CaseUrl(
        "POST",
        "/cases/{case_id}/withdraw/confirm",
        {"expected_version": "{version}"},
        BOTH,
        page_status=422,
    ),
    CaseUrl("GET", "/cases/{case_id}/notices/{notice_id}", {}, BOTH),
    CaseUrl("GET", "/cases/{case_id}/notices/{notice_id}.pdf", {}, BOTH),
    # Appointments (web/appointments). This accepted case has no appointment yet: the pages
    # say so and the form leads back to them, changing nothing.
    CaseUrl("GET", "/cases/{case_id}/appointments", {}, BOTH),
    CaseUrl("GET", "/cases/{case_id}/appointments/reschedule", {}, BOTH),
    # Without an appointment the calendar file leads back to the appointment page.
    CaseUrl("GET", "/cases/{case_id}/appointments/appointment.ics", {}, BOTH, page_status=303),
    CaseUrl(
        "POST",
        "/cases/{case_id}/appointments/reschedule",
        {"expected_version": "{version}", "slot_id": "1"},
        BOTH,
    ),
    # Filling in the application (web/apply). On this accepted case the pages say it was
    # sent and the forms change nothing; test_apply_journey.py tries them on a draft.
    CaseUrl("GET", "/cases/{case_id}/apply", {}, BOTH),
    CaseUrl("GET", "/cases/{case_id}/apply/check", {}, BOTH),
    CaseUrl("GET", "/cases/{case_id}/apply/declaration", {}, APPLICANT),
    CaseUrl(
        "POST",
        "/cases/{case_id}/apply/declaration",
        {"full_name": "Ana Lopez", "confirm": "yes"},
        APPLICANT,
    ),
    CaseUrl("GET", "/cases/{case_id}/apply/{page_id}", {}, BOTH),
    CaseUrl(
        "POST",
        "/cases/{case_id}/apply/{page_id}",
        {"given_name": "Ana", "family_name": "Lopez"},
        BOTH,
    ),
    # Paying (web/payments). This case is paid already: the page says so and a new
    # attempt opens no payment.
    CaseUrl("GET", "/cases/{case_id}/pay", {}, APPLICANT),
    CaseUrl(
        "POST", "/cases/{case_id}/pay", {"idempotency_key": "access-table-key-0001"}, APPLICANT
    ),
    # The fee waiver request (web/payments). This case was sent already: the page says a
    # request can no longer be made; the forms (the upload too) lead back to the fee page.
    CaseUrl("GET", "/cases/{case_id}/fee-waiver", {}, APPLICANT),
    CaseUrl(
        "POST",
        "/cases/{case_id}/fee-waiver",
        {"basis": "financial_hardship", "explanation": "No job.", "document_id": "{document_id}"},
        APPLICANT,
    ),
    CaseUrl("POST", "/cases/{case_id}/fee-evidence", {"back": "fee-waiver", "file": ""}, APPLICANT),
    CaseUrl("GET", "/cases/{case_id}/delete", {}, APPLICANT),
    CaseUrl("POST", "/cases/{case_id}/delete", {}, APPLICANT),
    # Messages and requests (web/correspondence). The message row sends a new PDF with each
    # message; each person sends each kind of request once, so each is taken (303).
    CaseUrl("GET", "/cases/{case_id}/messages", {}, BOTH),
    CaseUrl(
        "POST",
        "/cases/{case_id}/messages",
        {"message_id": "{new_id}", "text": "Did you get my letter?", "file": ""},
        BOTH,
    ),
    CaseUrl("GET", "/cases/{case_id}/requests", {}, BOTH),
    CaseUrl("GET", "/cases/{case_id}/requests/expedite", {}, BOTH),
    CaseUrl(
        "POST",
        "/cases/{case_id}/requests/expedite",
        {"request_id": "{new_id}", "criterion": "agency_error", "explanation": "Wrong office."},
        BOTH,
    ),
    CaseUrl("GET", "/cases/{case_id}/requests/correction", {}, BOTH),
    CaseUrl(
        "POST",
        "/cases/{case_id}/requests/correction",
        {
            "request_id": "{new_id}",
            "document": "A card or document we sent you",
            "wrong": "Ana Lopes",
            "correct": "Ana Lopez",
        },
        BOTH,
    ),
    CaseUrl("GET", "/cases/{case_id}/requests/accommodation", {}, BOTH),
    CaseUrl(
        "POST",
        "/cases/{case_id}/requests/accommodation",
        {"request_id": "{new_id}", "appointment": "any", "need": "mobility"},
        BOTH,
    ),
    # Documents (web/documents). The upload row sends a new PDF each time; with no request
    # for evidence open, the response form leads back to the list, changing nothing.
    CaseUrl("GET", "/cases/{case_id}/documents", {}, BOTH),
    CaseUrl("GET", "/cases/{case_id}/documents/checklist", {}, BOTH),
    CaseUrl(
        "POST",
        "/cases/{case_id}/documents",
        {"kind": "initial", "document_type": "passport", "file": ""},
        BOTH,
    ),
    CaseUrl("GET", "/cases/{case_id}/documents/{document_id}/download", {}, BOTH),
    CaseUrl("GET", "/cases/{case_id}/filed-application.pdf", {}, BOTH),
    CaseUrl("GET", "/cases/{case_id}/documents/{document_id}/preview", {}, BOTH),
    # The document here was not scanned, so no page of it was drawn: not found for everyone.
    CaseUrl(
        "GET", "/cases/{case_id}/documents/{document_id}/preview/{page}", {}, BOTH, page_status=404
    ),
    CaseUrl(
        "POST",
        "/cases/{case_id}/documents/response",
        {"expected_version": "{version}", "document_id": "{document_id}"},
        BOTH,
    ),
    # The JSON API (web/api). On this accepted case the application can no longer change,
    # the fee is paid and there is no appointment to move: those answer 409, changing nothing.
    CaseUrl("GET", API, {}, BOTH, 200),
    CaseUrl("GET", f"{API}/timeline", {}, BOTH, 200),
    CaseUrl("POST", f"{API}/address", {"expected_version": "{version}", **ADDRESS}, BOTH, 200),
    CaseUrl("GET", f"{API}/application", {}, BOTH, 200),
    CaseUrl("PUT", f"{API}/application/pages/{{page_id}}", {"answers": {}}, BOTH, 409),
    CaseUrl(
        "POST",
        f"{API}/application/declaration",
        {"full_name": "Ana Lopez", "confirm": "true"},
        APPLICANT,
        409,
    ),
    CaseUrl(
        "POST", f"{API}/payments", {"idempotency_key": "access-table-key-0002"}, APPLICANT, 409
    ),
    CaseUrl("GET", f"{API}/notices/{{notice_id}}", {}, BOTH, 200),
    CaseUrl("GET", f"{API}/documents", {}, BOTH, 200),
    CaseUrl("GET", f"{API}/appointments", {}, BOTH, 200),
    CaseUrl("GET", f"{API}/appointments/slots", {}, BOTH, 200),
    CaseUrl(
        "POST",
        f"{API}/appointments/reschedule",
        {"expected_version": "{version}", "slot_id": "1"},
        BOTH,
        409,
    ),
]


class Scene(NamedTuple):
    """A case of applicant A, another applicant B, and a representative R."""

    portal: Portal
    case_id: UUID
    owner: Person
    stranger: Person
    representative: Person
    document_id: UUID


@pytest.fixture
async def scene(portal: Portal) -> AsyncIterator[Scene]:
    """A's accepted case, projected, and three people signed in."""
    async with people(portal) as sign_in:
        owner, stranger = await sign_in(Role.APPLICANT), await sign_in(Role.APPLICANT)
        representative = await sign_in(Role.REPRESENTATIVE)
        case_id = await accepted_case(portal.runtime.cases, owner.actor)
        await wait_until_projected(portal.runtime, case_id, 4)
        await wait_for_notices(portal, case_id, 1)
        document = await portal.runtime.evidence.upload(
            case_id, owner.actor, samples.chunks_of(samples.pdf("Scene")), "scene.pdf"
        )
        yield Scene(portal, case_id, owner, stranger, representative, document.document_id)


async def call(scene: Scene, person: Person, url: CaseUrl) -> ClientResponse:
    """Call one URL of the table on the scene's case, as a browser of `person` would."""
    version = (await scene.portal.runtime.cases.get(scene.case_id)).version
    values = {
        "case_id": str(scene.case_id),
        "version": str(version),
        "representative_email": scene.representative.email,
        "representative_id": str(scene.representative.account_id),
        "notice_id": str(receipt_notice_id(scene.case_id)),
        "page_id": "name",
        "document_id": str(scene.document_id),
        "page": "1",
        "new_id": str(uuid4()),
    }
    path = url.template.format(**values)
    client = person.portal.client
    if url.is_api:
        return await call_api(person, url, path, values)
    if url.method == "GET":
        return await client.get(path, allow_redirects=False)
    # A token from a page the person may open: a refusal must not hide behind CSRF.
    token = await form_token(person.portal, "/cases")
    form = {name: value.format(**values) for name, value in url.form.items()}
    data: FormData | dict[str, str] = {**form, "csrf_token": token}
    if "file" in form:
        # The upload form is streamed: the token comes first, a new file last.
        choices = {name: value for name, value in form.items() if name != "file"}
        data = FormData({"csrf_token": token, **choices}, quote_fields=False)
        data.add_field("file", samples.pdf(f"Table {uuid4()}"), filename="table.pdf")
    return await client.post(
        path,
        data=data,
        headers={"Origin": person.portal.origin},
        allow_redirects=False,
    )


async def call_api(
    person: Person, url: CaseUrl, path: str, values: dict[str, str]
) -> ClientResponse:
    """Call a JSON API row with its body, the session's token in the header and our Origin."""
    client = person.portal.client
    if url.method == "GET":
        return await client.get(path, allow_redirects=False)
    session = await client.get("/api/v1/session")
    token = str((await session.json())["csrf_token"])
    body = {
        name: value.format(**values) if isinstance(value, str) else value
        for name, value in url.form.items()
    }
    headers = {"Origin": person.portal.origin, "X-CSRF-Token": token}
    return await client.request(url.method, path, json=body, headers=headers)


async def unknown_case_problem(person: Person) -> object:
    """The API's answer about a case that does not exist: what others' cases must look like."""
    response = await person.portal.client.get(f"/api/v1/cases/{uuid4()}")
    assert (404, "application/problem+json") == (response.status, response.content_type)
    return await response.json(content_type=None)


async def assert_refused_everywhere(scene: Scene, person: Person) -> None:
    """Every URL answers the not-found page (or problem), and the case does not change."""
    before = await scene.portal.runtime.store.read_stream(scene.case_id)
    unknown = await unknown_case_problem(person)
    for url in CASE_URLS:
        response = await call(scene, person, url)
        assert (url.template, 404) == (url.template, response.status)
        if url.is_api:
            assert (url.template, unknown) == (url.template, await response.json(content_type=None))
        else:
            assert NOT_FOUND in parse_page(await response.text()).text
    after = await scene.portal.runtime.store.read_stream(scene.case_id)
    assert len(before) == len(after)


def succeeded(url: CaseUrl, response: ClientResponse) -> bool:
    """A page opens (200), a form is accepted (303 back to a page), the API answers its row."""
    if url.is_api:
        return response.status == url.api_status
    if url.page_status:
        return response.status == url.page_status
    return response.status == (200 if url.method == "GET" else 303)


async def authorize(scene: Scene) -> None:
    """The owner gives the representative access through the representatives page."""
    response = await call(scene, scene.owner, CASE_URLS[3])
    assert 303 == response.status


async def revoke(scene: Scene) -> None:
    """The owner ends the representative's access through the representatives page."""
    response = await call(scene, scene.owner, CASE_URLS[4])
    assert 303 == response.status


class TestTheTable:
    """Each URL of the table admits exactly the people it should."""

    async def test_another_applicant_is_refused(self, scene: Scene) -> None:
        """B gets the not-found page on every URL of A's case, and B's posts change nothing."""
        await assert_refused_everywhere(scene, scene.stranger)

    async def test_the_applicant_succeeds(self, scene: Scene) -> None:
        """A opens every page and every form of A's case is accepted."""
        results = [
            (url.template, succeeded(url, await call(scene, scene.owner, url))) for url in CASE_URLS
        ]
        assert [(url.template, True) for url in CASE_URLS] == results
        case = await scene.portal.runtime.cases.get(scene.case_id)
        assert {**ADDRESS, "country": "US"} == case.address  # a form without one: the U.S.

    async def test_representative_only_while_authorized(self, scene: Scene) -> None:
        """R is refused before authorization, admitted where allowed during it, refused after."""
        await assert_refused_everywhere(scene, scene.representative)

        await authorize(scene)
        await wait_until_projected(scene.portal.runtime, scene.case_id, 5)
        results = []
        for url in CASE_URLS:
            version = (await scene.portal.runtime.cases.get(scene.case_id)).version
            response = await call(scene, scene.representative, url)
            if Standing.REPRESENTATIVE in url.allowed:
                results.append((url.template, succeeded(url, response)))
            else:
                unchanged = version == (await scene.portal.runtime.cases.get(scene.case_id)).version
                results.append((url.template, response.status == 404 and unchanged))
        assert [(url.template, True) for url in CASE_URLS] == results

        await revoke(scene)
        await assert_refused_everywhere(scene, scene.representative)

    async def test_unknown_and_malformed_ids_look_the_same(self, scene: Scene) -> None:
        """A case that does not exist, or a malformed id, gets the same page as someone else's."""
        unknown = await unknown_case_problem(scene.owner)
        for case_id in (uuid4(), "not-a-case"):
            response = await scene.owner.portal.client.get(f"/cases/{case_id}")
            assert 404 == response.status
            assert NOT_FOUND in parse_page(await response.text()).text
            response = await scene.owner.portal.client.get(f"/api/v1/cases/{case_id}")
            assert unknown == await response.json(content_type=None)


class TestEveryCaseUrlIsInTheTable:
    """New case URLs must be added to the table."""

    def test_router_walk(self, database_url: str) -> None:
        """Every route with a case id that applicants or representatives reach is a row."""
        app = create_app(make_settings(database_url, dev=True))
        filers = {Role.APPLICANT, Role.REPRESENTATIVE}
        reachable = set()
        for route in app.router.routes():
            canonical = route.resource.canonical if route.resource else ""
            policy = policy_of(route)
            # HEAD is served by the GET handler; dev pages are not served outside dev mode.
            if "{case_id}" not in canonical or route.method == "HEAD" or policy is None:
                continue
            if not policy.dev_only and (not policy.roles or policy.roles & filers):
                reachable.add((route.method, canonical))
        assert reachable == {(url.method, url.template) for url in CASE_URLS}
