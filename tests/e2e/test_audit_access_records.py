"""Access records: staff views are recorded and shown; applicants' own views are not."""

from immportal.adapters.postgres.access_log import PostgresAccessLog
from immportal.domain.actor import Actor, Role
from immportal.domain.identity.account import Account
from immportal.services.audit.access import accesses_for_case
from immportal.services.repository import Repository
from testkit.audit_support import AuditScene, read_jsonl, scene, table_rows
from testkit.e2e_support import accepted_case, wait_until_projected
from testkit.signed_in_support import staff_service

__all__ = ["scene"]


class TestAccessRecords:
    """Who viewed a case is recorded on every staff view."""

    async def test_auditor_and_officer_views_appear_on_the_history(self, scene: AuditScene) -> None:
        """An officer's dev-page view and the auditor's own two views (one line), newest first."""
        officer = await scene.sign_in(Role.OFFICER)
        await wait_until_projected(scene.portal.runtime, scene.case_id, 10)
        assert 200 == (await officer.portal.client.get(f"/dev/cases/{scene.case_id}")).status
        client = scene.auditor.portal.client
        await client.get(f"/audit/cases/{scene.case_id}")
        html = await (await client.get(f"/audit/cases/{scene.case_id}")).text()

        rows = table_rows(html, "audit-access")
        auditor = (str(scene.auditor.account_id), "auditor")
        # Two auditor views (this one included) on one line, after the officer's.
        assert [auditor, (str(officer.account_id), "officer")] == [(row[1], row[2]) for row in rows]
        assert "Not recorded" == rows[0][3]
        assert ["2 times", "Once"] == [row[5] for row in rows]

    async def test_an_applicants_own_views_are_not_recorded(self, scene: AuditScene) -> None:
        """The applicant's case page and the dev page leave no access record."""
        applicant = await scene.sign_in(Role.APPLICANT)
        case_id = await accepted_case(scene.portal.runtime.cases, applicant.actor)
        await wait_until_projected(scene.portal.runtime, case_id, 4)
        assert 200 == (await applicant.portal.client.get(f"/cases/{case_id}")).status
        assert 200 == (await applicant.portal.client.get(f"/dev/cases/{case_id}")).status
        assert 200 == (await scene.portal.client.get(f"/dev/cases/{case_id}")).status  # signed out
        assert [] == await accesses_for_case(PostgresAccessLog(scene.portal.runtime.pool), case_id)

    async def test_the_applicant_sees_which_office_looked(self, scene: AuditScene) -> None:
        """An officer of NBC opens the case: the record and the applicant's page name NBC only."""
        applicant = await scene.sign_in(Role.APPLICANT)
        case_id = await accepted_case(scene.portal.runtime.cases, applicant.actor)
        await wait_until_projected(scene.portal.runtime, case_id, 4)
        officer = await scene.sign_in(Role.OFFICER)
        staff = staff_service(scene.portal)
        await staff.assign_office(officer.account_id, "NBC", actor=Actor.system())
        assert 200 == (await officer.portal.client.get(f"/dev/cases/{case_id}")).status
        found = await accesses_for_case(PostgresAccessLog(scene.portal.runtime.pool), case_id)
        page = await (await applicant.portal.client.get(f"/cases/{case_id}")).text()
        assert [("officer", "NBC")] == [(a.viewer_role, a.office) for a in found]
        assert 1 == page.count('class="office-view"')
        assert "Staff at the National Benefits Center (NBC) looked at your case" in " ".join(
            page.split()
        )
        assert officer.email not in page

    async def test_an_export_is_recorded_as_one(self, scene: AuditScene) -> None:
        """Downloading a case history leaves an 'export' record."""
        await scene.auditor.portal.client.get(f"/audit/cases/{scene.case_id}/history.csv")
        found = await accesses_for_case(PostgresAccessLog(scene.portal.runtime.pool), scene.case_id)
        assert [("auditor", "export")] == [(a.viewer_role, a.what) for a in found]


class TestNoSecrets:
    """No password hash, authenticator secret, recovery digest or browser key leaks."""

    async def test_pages_and_exports_show_no_account_secrets(self, scene: AuditScene) -> None:
        """Searches, exports and case pages over a log with accounts hold none of their secrets."""
        runtime = scene.portal.runtime
        await scene.sign_in(Role.APPLICANT)
        secrets: list[str] = []
        repository = Repository(runtime.store)
        ids = [
            r["originator_id"]
            for r in await runtime.pool.fetch(
                "SELECT DISTINCT originator_id FROM events WHERE topic LIKE '%:Account.%'"
            )
        ]
        for account_id in ids:
            account = await repository.get(Account, account_id)
            secrets += [account.password_hash, account.totp_secret or "", *account.recovery_digests]
            secrets += list(account.known_browsers)
        secrets = [s for s in secrets if s]
        assert len(ids) >= 2
        assert len(secrets) >= 4
        client = scene.auditor.portal.client
        urls = [
            "/audit",
            "/audit?type=Account.Registered",
            "/audit/search.jsonl",
            "/audit/search.csv",
            f"/audit/cases/{scene.case_id}",
            f"/audit/cases/{scene.case_id}/history.jsonl",
            f"/audit/cases/{scene.case_id}/as-of/10",
        ] + [f"/audit?case={account_id}" for account_id in ids]
        bodies = [await (await client.get(url)).text() for url in urls]
        for account_id in ids:
            response = await client.get(f"/audit/cases/{account_id}")
            assert 404 == response.status  # an account is not a case: no history of its fields
        leaked = [
            (url, s[:6])
            for url, body in zip(urls, bodies, strict=True)
            for s in secrets
            if s in body
        ]
        assert [] == leaked
        assert read_jsonl(bodies[2])  # the export did list the account events
