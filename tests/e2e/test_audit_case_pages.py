"""The auditor's case pages: history with what changed, the case as of a version, exports."""

from testkit.audit_support import (
    DENIAL_REASON,
    OFFICER,
    SUPERVISOR,
    AuditScene,
    read_csv,
    read_jsonl,
    scene,
    table_rows,
)
from testkit.e2e_support import parse_page

__all__ = ["scene"]


class TestHistory:
    """/audit/cases/{id} lists every event with who, role, why and what changed."""

    async def test_every_event_with_actor_role_and_reason(self, scene: AuditScene) -> None:
        """Ten events, in order, each with its actor and role; decisions with their reasons."""
        client = scene.auditor.portal.client
        response = await client.get(f"/audit/cases/{scene.case_id}")
        html = await response.text()
        rows = table_rows(html, "audit-event")

        assert 200 == response.status
        assert [str(v) for v in range(1, 11)] == [row[1] for row in rows]
        actors = [(row[4], row[5]) for row in rows]
        assert (scene.applicant.user_id, "applicant") == actors[0]
        assert ("system", "system") == actors[3]
        assert (OFFICER.user_id, "officer") == actors[7]
        assert (SUPERVISOR.user_id, "supervisor") == actors[8]
        assert DENIAL_REASON == rows[7][6]
        assert rows[9][3].startswith("Decision issued")

    async def test_what_changed_shows_the_status_move(self, scene: AuditScene) -> None:
        """The issued decision's row shows the status going from reviewed to denied."""
        client = scene.auditor.portal.client
        html = await (await client.get(f"/audit/cases/{scene.case_id}")).text()
        last = table_rows(html, "audit-event")[9][7]

        assert "status: decision_reviewed → denied" in last
        assert "decision.outcome: (empty) → denied" in last


class TestAsOf:
    """/audit/cases/{id}/as-of/{n} shows the case rebuilt up to version n."""

    async def test_status_before_and_after_the_decision(self, scene: AuditScene) -> None:
        """Version 9 is reviewed and undecided; version 10 is denied."""
        client = scene.auditor.portal.client
        before = parse_page(
            await (await client.get(f"/audit/cases/{scene.case_id}/as-of/9")).text()
        )
        after = parse_page(
            await (await client.get(f"/audit/cases/{scene.case_id}/as-of/10")).text()
        )
        first = parse_page(await (await client.get(f"/audit/cases/{scene.case_id}/as-of/1")).text())

        assert "(decision_reviewed)" in before.text
        assert "(denied)" not in before.text
        assert "(denied)" in after.text
        assert "(draft)" in first.text
        assert "No answers had been saved yet." in first.text

    async def test_versions_that_do_not_exist(self, scene: AuditScene) -> None:
        """Version 0, a version after the newest, and a word are not found."""
        client = scene.auditor.portal.client
        statuses = [
            (await client.get(f"/audit/cases/{scene.case_id}/as-of/{v}")).status
            for v in ("0", "11", "ten")
        ]
        assert [404, 404, 404] == statuses


class TestExports:
    """The history downloads parse back to the page's data."""

    async def test_jsonl_and_csv_equal_the_page(self, scene: AuditScene) -> None:
        """Position, version, event type, actor, role and reason match the page row by row."""
        client = scene.auditor.portal.client
        base = f"/audit/cases/{scene.case_id}"
        page = table_rows(await (await client.get(base)).text(), "audit-event")
        jsonl = await client.get(f"{base}/history.jsonl")
        csv_response = await client.get(f"{base}/history.csv")
        lines = read_jsonl(await jsonl.text())
        table = read_csv(await csv_response.text())

        assert "attachment" in jsonl.headers["Content-Disposition"]
        assert csv_response.headers["Content-Type"].startswith("text/csv")
        expected = [[r[0], r[1], r[4], r[5], r[6]] for r in page]
        from_json = [
            [
                str(x["position"]),
                str(x["version"]),
                x["actor_id"],
                x["actor_role"],
                x["reason"] or "",
            ]
            for x in lines
        ]
        from_csv = [
            [x["position"], x["version"], x["actor_id"], x["actor_role"], x["reason"]]
            for x in table
        ]
        assert expected == from_json == from_csv
        assert {"field": "status", "before": "decision_reviewed", "after": "denied"} in lines[9][
            "changes"
        ]
