"""The global audit search page: filters, error summary, pages, exports."""

import asyncio
import html as html_text
import re
from datetime import timedelta

from immportal.domain.actor import Actor, Role
from immportal.domain.identity.emails import email_key
from immportal.projections.account_profiles import find_account_ids
from testkit.audit_support import OFFICER, AuditScene, read_csv, read_jsonl, scene, table_rows
from testkit.e2e_support import parse_page

__all__ = ["scene"]


async def positions(scene: AuditScene, **query: str) -> list[int]:
    """The positions the search page lists for a query."""
    response = await scene.auditor.portal.client.get("/audit", params=query)
    assert 200 == response.status, await response.text()
    return [int(row[0]) for row in table_rows(await response.text(), "audit-result")]


async def profile_projected(scene: AuditScene, email: str) -> None:
    """Wait (bounded) until the account's profile is in its read model."""
    pool = scene.portal.runtime.pool
    for _ in range(200):
        if await find_account_ids(pool, email_key=email_key(email)):
            return
        await asyncio.sleep(0.05)
    raise AssertionError(f"no profile for {email}")


async def case_positions(scene: AuditScene) -> list[int]:
    """The scene case's positions in the log, read from the history page."""
    client = scene.auditor.portal.client
    html = await (await client.get(f"/audit/cases/{scene.case_id}")).text()
    return [int(row[0]) for row in table_rows(html, "audit-event")]


class TestFilters:
    """Each filter narrows the results to what it names."""

    async def test_case_filter(self, scene: AuditScene) -> None:
        """The case filter lists exactly the case's ten events."""
        assert await case_positions(scene) == await positions(scene, case=str(scene.case_id))

    async def test_actor_and_role_filters(self, scene: AuditScene) -> None:
        """The officer's id finds the officer's four events; the supervisor role finds two."""
        mine = await case_positions(scene)
        assert [mine[i] for i in (5, 7, 9)] == await positions(scene, actor=OFFICER.user_id)
        assert [mine[i] for i in (6, 8)] == await positions(scene, role="supervisor")

    async def test_event_type_filter(self, scene: AuditScene) -> None:
        """Decision issued finds one event; Account registered finds the auditor's account."""
        mine = await case_positions(scene)
        assert [mine[9]] == await positions(scene, type="Case.DecisionIssued")
        response = await scene.auditor.portal.client.get(
            "/audit", params={"type": "Account.Registered"}
        )
        rows = table_rows(await response.text(), "audit-result")
        assert ["Account of Test Person, version 1"] == [row[3] for row in rows]

    async def test_time_range_filter(self, scene: AuditScene) -> None:
        """From and to (inclusive) select the events recorded between them."""
        runtime = scene.portal.runtime
        rows = await runtime.pool.fetch(
            "SELECT notification_id, recorded_at FROM events ORDER BY notification_id"
        )
        since, until = rows[2]["recorded_at"], rows[5]["recorded_at"]
        found = await positions(scene, **{"from": since.isoformat(), "to": until.isoformat()})
        expected = [r["notification_id"] for r in rows if since <= r["recorded_at"] <= until]
        assert expected == found
        assert 3 in found
        later = (until + timedelta(days=1)).date().isoformat()
        assert [] == await positions(scene, **{"from": later})

    async def test_bad_filters_get_an_error_summary(self, scene: AuditScene) -> None:
        """A malformed id, date, role or type is explained at the top, with status 400."""
        response = await scene.auditor.portal.client.get(
            "/audit",
            params={"case": "nope", "from": "yesterday", "role": "wizard", "type": "Case.Nope"},
        )
        page = parse_page(await response.text())
        assert 400 == response.status
        assert 4 == len(page.error_summary)
        assert any("case or account id" in line for line in page.error_summary)

    async def test_an_end_before_the_start_is_an_error(self, scene: AuditScene) -> None:
        """A reversed range is reported rather than silently empty."""
        response = await scene.auditor.portal.client.get(
            "/audit", params={"from": "2026-03-02", "to": "2026-03-01"}
        )
        assert 400 == response.status
        assert ["The end of the time range must be after its start"] == parse_page(
            await response.text()
        ).error_summary


class TestPages:
    """Results come fifty to a page, continuing by position."""

    async def test_next_page_continues_after_the_last_position(self, scene: AuditScene) -> None:
        """With more than fifty events, the next page starts right after the first one ends."""
        cases = scene.portal.runtime.cases
        applicant = Actor("applicant-many", Role.APPLICANT)
        case_id = await cases.start(
            actor=applicant, applicant_id=applicant.user_id, form_type="I-90", office="NBC"
        )
        for n in range(55):
            await cases.update(
                case_id, None, lambda c, n=n: c.save_answers(applicant, "s", {"n": n})
            )
        client = scene.auditor.portal.client
        first = await client.get("/audit", params={"case": str(case_id)})
        html = await first.text()
        shown = [int(row[0]) for row in table_rows(html, "audit-result")]
        href = re.search(r'href="([^"]+)" rel="next"', html)
        assert href is not None
        second = await client.get(html_text.unescape(href.group(1)))
        more = [int(row[0]) for row in table_rows(await second.text(), "audit-result")]
        assert 50 == len(shown)
        assert 6 == len(more)
        assert more[0] > shown[-1]
        assert 'rel="next"' not in await second.text()


class TestExports:
    """The search downloads hold every match, the same as the pages."""

    async def test_jsonl_and_csv_equal_the_page(self, scene: AuditScene) -> None:
        """Positions, event types and actors agree between the page and both downloads."""
        client = scene.auditor.portal.client
        query = {"case": str(scene.case_id)}
        page = table_rows(await (await client.get("/audit", params=query)).text(), "audit-result")
        jsonl = await client.get("/audit/search.jsonl", params=query)
        csv_response = await client.get("/audit/search.csv", params=query)
        lines, rows = read_jsonl(await jsonl.text()), read_csv(await csv_response.text())

        assert 'attachment; filename="audit-search.jsonl"' == jsonl.headers["Content-Disposition"]
        expected = [(int(r[0]), r[5], r[6]) for r in page]
        assert expected == [(x["position"], x["actor_role"], x["reason"] or "") for x in lines]
        assert expected == [(int(x["position"]), x["actor_role"], x["reason"]) for x in rows]
        # The page names the actor (and shows the id where the name does not), the system
        # in words.
        named = [x["actor_id"] if x["actor_id"] != "system" else "The portal" for x in lines]
        assert all((n or "") in r[4] for n, r in zip(named, page, strict=True))
        assert [x["actor_id"] for x in lines] == [x["actor_id"] or None for x in rows]

    async def test_bad_filters_are_not_exported(self, scene: AuditScene) -> None:
        """A malformed filter gets the error page, not a download of everything."""
        response = await scene.auditor.portal.client.get("/audit/search.csv", params={"case": "x"})
        assert 400 == response.status
        assert "Content-Disposition" not in response.headers

    async def test_csv_cells_never_start_a_formula(self, scene: AuditScene) -> None:
        """A reason starting with = or - is written with a leading quote in both CSV exports."""
        cases = scene.portal.runtime.cases
        await cases.update(scene.case_id, None, lambda c: c.add_note(OFFICER, '=HYPERLINK("x")'))
        await cases.update(scene.case_id, None, lambda c: c.add_note(OFFICER, "-2+3 noted"))
        client = scene.auditor.portal.client
        search = read_csv(
            await (await client.get("/audit/search.csv", params={"type": "Case.NoteAdded"})).text()
        )
        history = read_csv(
            await (await client.get(f"/audit/cases/{scene.case_id}/history.csv")).text()
        )
        assert ['\'=HYPERLINK("x")', "'-2+3 noted"] == [row["reason"] for row in search]
        assert ['\'=HYPERLINK("x")', "'-2+3 noted"] == [row["reason"] for row in history[-2:]]
        lines = read_jsonl(
            await (
                await client.get("/audit/search.jsonl", params={"type": "Case.NoteAdded"})
            ).text()
        )
        assert ['=HYPERLINK("x")', "-2+3 noted"] == [line["reason"] for line in lines]


class TestPeopleAndReceiptNumbers:
    """Auditors search by receipt number, name and email; results name people and cases."""

    async def test_receipt_number_finds_the_case(self, scene: AuditScene) -> None:
        """A receipt number (typed with spaces, in small letters) lists the case's events."""
        receipt = (await scene.portal.runtime.cases.get(scene.case_id)).receipt_number
        assert receipt is not None
        typed = f"{receipt[:3].lower()} {receipt[3:]}"
        assert await case_positions(scene) == await positions(scene, case=typed)

    async def test_unknown_receipt_number_is_explained(self, scene: AuditScene) -> None:
        """A well-formed receipt number no case has is said to be so."""
        response = await scene.auditor.portal.client.get("/audit", params={"case": "XYZ2799999999"})
        page = parse_page(await response.text())
        assert 400 == response.status
        assert ["No case has the receipt number XYZ2799999999"] == page.error_summary

    async def test_name_and_email_find_the_person(self, scene: AuditScene) -> None:
        """The auditor's own events, found by their name and by their email address."""
        auditor = scene.auditor
        await profile_projected(scene, auditor.email)
        by_email = await positions(scene, actor=auditor.email.upper(), type="Account.SignedIn")
        by_name = await positions(scene, actor="test PERSON", type="Account.SignedIn")
        by_id = await positions(scene, actor=str(auditor.account_id), type="Account.SignedIn")
        assert by_email
        assert by_id == by_email
        assert set(by_email) <= set(by_name)

    async def test_unknown_email_is_explained(self, scene: AuditScene) -> None:
        """An email address no account has gets a message, not an empty list."""
        response = await scene.auditor.portal.client.get(
            "/audit", params={"actor": "nobody@example.test"}
        )
        assert 400 == response.status
        assert ["No account has that email address"] == parse_page(
            await response.text()
        ).error_summary

    async def test_results_name_people_and_cases(self, scene: AuditScene) -> None:
        """The case column gives the receipt number; the actor column the person's name."""
        receipt = (await scene.portal.runtime.cases.get(scene.case_id)).receipt_number
        response = await scene.auditor.portal.client.get(
            "/audit", params={"case": str(scene.case_id), "type": "Case.Accepted"}
        )
        (row,) = table_rows(await response.text(), "audit-result")
        assert row[3].startswith(f"Case {receipt}, version ")
        assert "The portal, automatically" == row[4]
