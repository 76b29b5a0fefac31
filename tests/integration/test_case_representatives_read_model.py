"""Representatives in read.case_summary: the projection, the dashboard query, migration 0009."""

from uuid import UUID, uuid4

import asyncpg

from immportal.adapters.postgres.migrations import migrate
from immportal.app.container import Runtime
from immportal.app.workers import running_projections
from immportal.domain.actor import Actor, Role
from immportal.domain.cases.forms import FormType
from immportal.projections.case_summary import get_case_summary, list_cases_of
from testkit.projection_support import caught_up, wait_until

ROLE = "immportal_app"


def applicant() -> Actor:
    """An applicant no other test uses."""
    return Actor(f"applicant-{uuid4().hex[:12]}", Role.APPLICANT)


async def start(runtime: Runtime, who: Actor) -> UUID:
    """A draft case of `who`."""
    return await runtime.cases.start(
        actor=who, applicant_id=who.user_id, form_type=FormType.I90, office="NBC"
    )


class TestRepresentativesProjected:
    """Authorizations and revocations show in the summary and the dashboard query."""

    async def test_authorize_then_revoke(self, runtime: Runtime) -> None:
        """The summary lists the representative after authorization and not after revocation."""
        owner, other = applicant(), applicant()
        representative = f"rep-{uuid4().hex[:8]}"
        async with running_projections(runtime):
            case_id = await start(runtime, owner)
            await start(runtime, other)
            await runtime.cases.update(
                case_id, None, lambda c: c.authorize_representative(owner, representative)
            )
            await wait_until(lambda: caught_up(runtime))
            summary = await get_case_summary(runtime.pool, case_id)
            represented = [s.case_id for s in await list_cases_of(runtime.pool, representative)]
            owned = [s.case_id for s in await list_cases_of(runtime.pool, owner.user_id)]

            await runtime.cases.update(
                case_id, None, lambda c: c.revoke_representative(owner, representative)
            )
            await wait_until(lambda: caught_up(runtime))
            after = await get_case_summary(runtime.pool, case_id)
            represented_after = await list_cases_of(runtime.pool, representative)

        assert summary is not None
        assert after is not None
        assert (representative,) == summary.representative_ids
        assert ([case_id], [case_id]) == (represented, owned)
        assert ((), []) == (after.representative_ids, represented_after)


class TestMigration:
    """Migration 0009 upgrades a case_summary generation made before it."""

    async def test_existing_generation_gains_the_column(self, runtime: Runtime) -> None:
        """A generation and view without the column get it, with existing rows kept."""
        case_id = await start(runtime, applicant())
        async with running_projections(runtime):
            await wait_until(lambda: caught_up(runtime))
        conn = await asyncpg.connect(runtime.dsn)
        try:
            # Put the table and view back in their shape before 0009.
            await conn.execute("DROP VIEW read.case_summary")
            await conn.execute('ALTER TABLE read."case_summary_g1" DROP COLUMN representative_ids')
            await conn.execute(
                'CREATE VIEW read.case_summary AS SELECT * FROM read."case_summary_g1"'
            )
            await conn.execute('ALTER VIEW read.case_summary OWNER TO "immportal_app"')
            await conn.execute("DELETE FROM schema_migrations WHERE version = 9")
            applied = await migrate(runtime.dsn, ROLE)
            owner = await conn.fetchval(
                "SELECT viewowner FROM pg_views WHERE schemaname = 'read'"
                " AND viewname = 'case_summary'"
            )
        finally:
            await conn.close()

        summary = await get_case_summary(runtime.pool, case_id)
        assert ["0009_case_representatives.sql"] == applied
        assert ROLE == owner
        assert summary is not None
        assert () == summary.representative_ids

    async def test_new_database_needs_nothing(self, empty_database_url: str) -> None:
        """On an empty database the migration finds no generation and does nothing."""
        applied = await migrate(empty_database_url, ROLE)
        assert "0009_case_representatives.sql" in applied
