"""The auditors' reads of the log: SQL filters, keyset pages, and one case's chain check."""

from datetime import timedelta
from uuid import UUID

import asyncpg

from immportal.adapters.postgres.audit_queries import PostgresAuditLog
from immportal.adapters.postgres.case_chain import verify_aggregate_chain
from immportal.app.container import Runtime
from immportal.domain.actor import Actor, Role
from immportal.domain.cases.case import Case
from immportal.domain.cases.forms import FormType
from immportal.services.audit.ports import LogCriteria
from immportal.services.audit.search import AuditFilter, event_types, search_all, search_page

ANA = Actor("applicant-ana", Role.APPLICANT)
BEN = Actor("applicant-ben", Role.APPLICANT)


async def case_of(runtime: Runtime, actor: Actor) -> UUID:
    """A case with three events by `actor` (Started, AnswersSaved, Submitted)."""
    case = Case.start(applicant_id=actor.user_id, form_type=FormType.I90, office="NBC", actor=actor)
    case.save_answers(actor, "about_you", {"family_name": "Doe"})
    case.submit(actor, fee_cents=46_500)
    await runtime.store.append(case.collect_events())
    return case.id


def audit_log(runtime: Runtime) -> PostgresAuditLog:
    """The adapter on the runtime's pool and mapper (events are encrypted in tests)."""
    return PostgresAuditLog(runtime.pool, runtime.store.mapper)


class TestSearch:
    """Each filter narrows the results; pages follow one another without gaps."""

    async def test_filters(self, runtime: Runtime) -> None:
        """Aggregate, event type, actor and role each select the right positions."""
        first, second = await case_of(runtime, ANA), await case_of(runtime, BEN)
        log = audit_log(runtime)
        submitted = event_types()["Case.Submitted"]

        async def positions(search: AuditFilter) -> list[int]:
            return [e.position for e in (await search_page(log, search)).entries]

        assert [1, 2, 3, 4, 5, 6] == await positions(AuditFilter())
        assert [4, 5, 6] == await positions(AuditFilter(LogCriteria(aggregate_id=second)))
        assert [3, 6] == await positions(AuditFilter(LogCriteria(topics=(submitted,))))
        assert [1, 2, 3] == await positions(AuditFilter(actor_id=ANA.user_id))
        assert [] == await positions(AuditFilter(role="officer"))
        assert [3] == await positions(
            AuditFilter(LogCriteria(aggregate_id=first, topics=(submitted,)))
        )

    async def test_time_range(self, runtime: Runtime, database_url: str) -> None:
        """Only events recorded inside [since, until] are found."""
        await case_of(runtime, ANA)
        await case_of(runtime, BEN)
        conn = await asyncpg.connect(database_url)
        try:  # spread the events a minute apart, as the table's owner could
            await conn.execute(
                "UPDATE events SET recorded_at = '2030-01-01T00:00Z'::timestamptz"
                " + notification_id * interval '1 minute'"
            )
        finally:
            await conn.close()
        rows = await audit_log(runtime).scan(LogCriteria(), 0, 10)
        since, until = rows[1].recorded_at, rows[3].recorded_at
        found = await search_page(
            audit_log(runtime), AuditFilter(LogCriteria(since=since, until=until))
        )
        assert [2, 3, 4] == [e.position for e in found.entries]
        late = AuditFilter(LogCriteria(since=rows[5].recorded_at + timedelta(seconds=1)))
        assert [] == (await search_page(audit_log(runtime), late)).entries

    async def test_pages_follow_on_by_position(self, runtime: Runtime) -> None:
        """Pages of two continue after the last position shown, and the last says so."""
        for actor in (ANA, BEN, ANA):
            await case_of(runtime, actor)
        log, seen, after = audit_log(runtime), [], 0
        while True:
            page = await search_page(log, AuditFilter(actor_id=ANA.user_id), after, size=2)
            seen.append([e.position for e in page.entries])
            if page.next_after is None:
                break
            after = page.next_after
        assert [[1, 2], [3, 7], [8, 9], []] == seen

    async def test_an_actor_search_stops_after_its_scan_limit(self, runtime: Runtime) -> None:
        """A rare actor in a long log: the page says where the search got to."""
        await case_of(runtime, BEN)
        await case_of(runtime, ANA)
        page = await search_page(
            audit_log(runtime), AuditFilter(actor_id=ANA.user_id), scan_limit=3
        )
        assert ([], 3) == (page.entries, page.next_after)

    async def test_search_all_reads_everything_in_batches(self, runtime: Runtime) -> None:
        """The export reader returns every match across batches."""
        for actor in (ANA, BEN, ANA):
            await case_of(runtime, actor)
        found = [
            e.position
            async for batch in search_all(
                audit_log(runtime), AuditFilter(role="applicant"), batch_size=2
            )
            for e in batch
        ]
        assert list(range(1, 10)) == found


class TestCaseChain:
    """One case's events are checked against their neighbours in the chain."""

    async def test_untouched_case_is_intact(self, runtime: Runtime) -> None:
        """Three events verified, the last at position 6."""
        await case_of(runtime, ANA)
        second = await case_of(runtime, BEN)
        report = await verify_aggregate_chain(runtime.pool, second)
        assert (True, 3, 6) == (report.intact, report.checked, report.head)

    async def test_altered_event_is_caught_at_its_position(
        self, runtime: Runtime, database_url: str
    ) -> None:
        """Changing the state of the case's second event breaks it at position 5."""
        await case_of(runtime, ANA)
        second = await case_of(runtime, BEN)
        await owner_sql(
            database_url,
            "UPDATE events SET state = state || '\\x00'::bytea WHERE notification_id = 5",
        )
        report = await verify_aggregate_chain(runtime.pool, second)
        assert (5, "event altered or forged", 1) == (
            report.first_broken,
            report.problem,
            report.checked,
        )

    async def test_rehashed_event_is_caught_by_the_next_one(
        self, runtime: Runtime, database_url: str
    ) -> None:
        """An event rewritten with a fresh hash of its own no longer fits the next event."""
        first = await case_of(runtime, ANA)
        await case_of(runtime, BEN)
        await owner_sql(
            database_url,
            "UPDATE events SET chain_hash = sha256(chain_hash) WHERE notification_id = 3",
        )
        report = await verify_aggregate_chain(runtime.pool, first)
        assert 3 == report.first_broken  # its own hash no longer matches its contents

    async def test_deleted_event_is_caught(self, runtime: Runtime, database_url: str) -> None:
        """Removing the case's middle event shows as a missing version."""
        first = await case_of(runtime, ANA)
        await owner_sql(database_url, "DELETE FROM events WHERE notification_id = 2")
        report = await verify_aggregate_chain(runtime.pool, first)
        assert (False, 2) == (report.intact, report.first_broken)


async def owner_sql(database_url: str, sql: str) -> None:
    """Change the log directly, as the table's owner would."""
    conn = await asyncpg.connect(database_url)
    try:
        await conn.execute(sql)
    finally:
        await conn.close()
