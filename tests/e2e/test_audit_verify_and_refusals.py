"""Chain verification from the auditor pages, and who is refused the auditor pages."""

import asyncpg

from immportal.app.web_app import create_app
from immportal.domain.actor import Role
from immportal.web.audit.common import AUDITORS
from immportal.web.policy import policy_of
from testkit.audit_support import AuditScene, scene, table_rows
from testkit.e2e_support import form_token, parse_page, post_form
from testkit.support import make_settings

__all__ = ["scene"]

AUDIT_GETS = [
    "/audit",
    "/audit?case={case_id}",
    "/audit/search.jsonl",
    "/audit/search.csv",
    "/audit/verify",
    "/audit/cases/{case_id}",
    "/audit/cases/{case_id}/as-of/1",
    "/audit/cases/{case_id}/history.jsonl",
    "/audit/cases/{case_id}/history.csv",
    "/audit/cases/{case_id}/verify",
]


async def tamper(database_url: str, sql: str) -> None:
    """Change the log directly, as the table's owner would."""
    conn = await asyncpg.connect(database_url)
    try:
        await conn.execute(sql)
    finally:
        await conn.close()


def first_broken(html: str) -> str | None:
    """The position the verification result names, or None if it says intact."""
    text = parse_page(html).text
    if "Intact" in text:
        return None
    marker = "Broken at position "
    return text[text.index(marker) + len(marker) :].split()[0]


class TestVerify:
    """The whole log and one case are verified from the pages."""

    async def test_intact_log_and_case(self, scene: AuditScene) -> None:
        """Before any tampering both say intact."""
        browser = scene.auditor.portal
        token = await form_token(browser, "/audit/verify")
        whole = await post_form(browser, "/audit/verify", {}, token=token)
        case = await browser.client.get(f"/audit/cases/{scene.case_id}/verify")
        assert (200, None) == (whole.status, first_broken(await whole.text()))
        assert (200, None) == (case.status, first_broken(await case.text()))

    async def test_tampered_event_shows_its_position(
        self, scene: AuditScene, database_url: str
    ) -> None:
        """An event altered behind the portal's back is named on both pages."""
        browser = scene.auditor.portal
        html = await (await browser.client.get(f"/audit/cases/{scene.case_id}")).text()
        position = table_rows(html, "audit-event")[7][0]
        await tamper(
            database_url,
            f"UPDATE events SET state = state || '\\x00'::bytea WHERE notification_id = {position}",
        )
        token = await form_token(browser, "/audit/verify")
        whole = await post_form(browser, "/audit/verify", {}, token=token)
        case = await browser.client.get(f"/audit/cases/{scene.case_id}/verify")
        assert position == first_broken(await whole.text())
        assert position == first_broken(await case.text())
        history = await browser.client.get(f"/audit/cases/{scene.case_id}")
        assert 200 == history.status  # the altered event is listed, not a failure
        assert "could not be read" in parse_page(await history.text()).text


class TestRefusals:
    """Nobody but an auditor gets anything from /audit."""

    async def test_applicant_and_officer_are_refused_everywhere(self, scene: AuditScene) -> None:
        """Every auditor URL answers 404 to an applicant and an officer, and the POST too."""
        for role in (Role.APPLICANT, Role.OFFICER, Role.SUPERVISOR):
            person = await scene.sign_in(role)
            client = person.portal.client
            statuses = [
                (await client.get(url.format(case_id=scene.case_id), allow_redirects=False)).status
                for url in AUDIT_GETS
            ]
            token = await form_token(person.portal, "/account")
            posted = await post_form(person.portal, "/audit/verify", {}, token=token)
            assert [404] * len(AUDIT_GETS) == statuses, role
            assert 404 == posted.status

    async def test_signed_out_visitors_are_sent_to_sign_in(self, scene: AuditScene) -> None:
        """Without a session the pages redirect to sign-in and nothing is shown."""
        for url in AUDIT_GETS:
            response = await scene.portal.client.get(
                url.format(case_id=scene.case_id), allow_redirects=False
            )
            assert 303 == response.status
            assert response.headers["Location"].startswith("/sign-in")

    def test_every_audit_route_is_for_auditors_only(self, database_url: str) -> None:
        """A router walk: each /audit route has the auditor policy; only verify is a POST."""
        app = create_app(make_settings(database_url, dev=True))
        routes = [
            (r.method, r.resource.canonical, policy_of(r))
            for r in app.router.routes()
            if r.resource is not None and r.resource.canonical.startswith("/audit")
        ]
        assert routes
        assert all(policy == AUDITORS for _, _, policy in routes)
        assert [("POST", "/audit/verify")] == [
            (m, path) for m, path, _ in routes if m not in ("GET", "HEAD")
        ]
