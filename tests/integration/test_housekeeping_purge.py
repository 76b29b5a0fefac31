"""Housekeeping removes working state past its retention, in batches, and never the record."""

import os
from datetime import UTC, datetime, timedelta
from uuid import uuid4

import asyncpg

from immportal.adapters.postgres.housekeeping import RULES, Retention, purge
from immportal.app.container import Runtime
from immportal.domain.actor import Actor, Role
from immportal.domain.cases.case import Case
from immportal.domain.cases.forms import FormType
from testkit.cli_support import run_cli
from testkit.support import TEST_CIPHER_KEY

NOW = datetime.now(UTC)
OLD = NOW - timedelta(days=90)
RECENT = NOW - timedelta(minutes=5)
APPLICANT = Actor("applicant-housekeeping", Role.APPLICANT)


async def add_session(conn: asyncpg.Connection, ends: datetime, *, revoked: bool = False) -> None:
    """A session that ended (or ends) at `ends`."""
    await conn.execute(
        "INSERT INTO sessions (id_digest, created_at, last_seen_at, idle_timeout_seconds,"
        " expires_at, csrf_token, revoked_at) VALUES ($1, $2, $2, 900, $3, $4, $5)",
        os.urandom(32),
        ends - timedelta(hours=1),
        ends,
        "c" * 43,
        ends if revoked else None,
    )


async def add_token(conn: asyncpg.Connection, expires: datetime, *, email_change: bool) -> str:
    """A link token expiring at `expires`, with the email change it stands for if asked."""
    digest = os.urandom(32).hex()
    await conn.execute(
        "INSERT INTO account_tokens (digest, account_id, purpose, created_at, expires_at,"
        " password_version) VALUES ($1, $2, $3, $4, $5, 1)",
        digest,
        uuid4(),
        "change_email" if email_change else "reset_password",
        expires - timedelta(hours=1),
        expires,
    )
    if email_change:
        await conn.execute(
            "INSERT INTO email_changes (digest, account_id, email, requested_at_version)"
            " VALUES ($1, $2, 'new@example.org', 1)",
            digest,
            uuid4(),
        )
    return digest


async def add_counters(conn: asyncpg.Connection, window: datetime, n: int) -> None:
    """One row in each rate-limit counter table for the window, from n addresses."""
    for i in range(n):
        address = f"10.{i // 250}.{i % 250}.0"
        await conn.execute(
            "INSERT INTO sign_in_failures VALUES ($1::cidr, $2, 1)", f"{address}/24", window
        )
        for table in ("status_lookups", "document_lookups", "share_code_checks"):
            await conn.execute(f"INSERT INTO {table} VALUES ($1::inet, $2, 1)", address, window)
        await conn.execute(
            "INSERT INTO password_guesses VALUES ($1, $2::cidr, 1, $3)",
            f"digest-{window:%s}-{i}",
            f"{address}/24",
            window,
        )
        await conn.execute(
            "INSERT INTO mail_requests VALUES ('network', $1, $2, 1)", f"{address}/24", window
        )
    await conn.execute("INSERT INTO sign_in_lock_notices VALUES ($1, $2)", uuid4(), window)
    await conn.execute(
        "INSERT INTO processed_messages (consumer, message_id, processed_at) VALUES ($1, $2, $3)",
        "notifications",
        str(uuid4()),
        window,
    )


async def counts(conn: asyncpg.Connection) -> dict[str, int]:
    """Rows in every purged table and in the record."""
    tables = [rule.table for rule in RULES] + ["email_changes", "events", "access_log"]
    return {table: await conn.fetchval(f"SELECT count(*) FROM {table}") for table in tables}


async def seed(runtime: Runtime) -> None:
    """Old and recent rows of every kind, and a case in the event log."""
    case = Case.start(
        applicant_id=APPLICANT.user_id, form_type=FormType.I90, office="NBC", actor=APPLICANT
    )
    await runtime.store.append(case.collect_events())
    async with runtime.pool.acquire() as conn:
        for ends in (OLD, RECENT):
            await add_session(conn, ends)
            await add_session(conn, ends, revoked=True)
            await add_token(conn, ends, email_change=True)
            await add_token(conn, ends, email_change=False)
        await add_counters(conn, OLD, 7)
        await add_counters(conn, RECENT, 2)
        await add_session(conn, NOW + timedelta(hours=1))  # live
        await add_token(conn, NOW + timedelta(days=1), email_change=True)  # live link


class TestPurge:
    """What is past its retention goes; what is live or recent stays; events never go."""

    async def test_old_rows_go_in_batches_and_the_record_stays(self, runtime: Runtime) -> None:
        """Batches of 3 clear 7 old counters per table; recent and live rows are all kept."""
        await seed(runtime)
        async with runtime.pool.acquire() as conn:
            before = await counts(conn)
        removed = await purge(runtime.pool, Retention(), NOW, batch_size=3)
        async with runtime.pool.acquire() as conn:
            after = await counts(conn)
        expected_removed = {
            "sessions": 2,
            "account_tokens": 2,
            "sign_in_failures": 7,
            "sign_in_lock_notices": 1,
            "password_guesses": 7,
            "mail_requests": 7,
            "status_lookups": 7,
            "document_lookups": 7,
            "share_code_checks": 7,
            "processed_messages": 1,
            "idempotent_requests": 0,
        }
        assert expected_removed == removed
        for table, gone in expected_removed.items():
            assert before[table] - gone == after[table]
        assert before["email_changes"] - 1 == after["email_changes"]
        assert (before["events"], before["access_log"]) == (after["events"], after["access_log"])
        assert (3, 3) == (after["sessions"], after["account_tokens"])

    async def test_second_purge_removes_nothing(self, runtime: Runtime) -> None:
        """A purge right after a purge finds nothing more: it is safe to run anywhere, often."""
        await seed(runtime)
        await purge(runtime.pool, Retention(), NOW)
        again = await purge(runtime.pool, Retention(), NOW)
        assert {rule.table: 0 for rule in RULES} == again

    async def test_retention_is_what_the_settings_say(self, runtime: Runtime) -> None:
        """With a 100-day retention the 90-day-old rows are still kept."""
        await seed(runtime)
        long = timedelta(days=100)
        removed = await purge(runtime.pool, Retention(long, long, long, long, long), NOW)
        assert {rule.table: 0 for rule in RULES} == removed


class TestPurgeCommand:
    """`immportal maintenance purge` runs the same purge with the settings' retention."""

    async def test_command_prints_rows_removed(self, runtime: Runtime, database_url: str) -> None:
        """The counters older than 2 days go; the command prints each table's count."""
        await seed(runtime)
        env = {
            "IMMPORTAL_DATABASE_URL": database_url,
            "IMMPORTAL_CIPHER_KEY": TEST_CIPHER_KEY,
            "IMMPORTAL_LOG_LEVEL": "warning",
            "IMMPORTAL_RETENTION_SESSIONS_DAYS": "365",
        }
        result = await run_cli("maintenance", "purge", "--batch-size", "2", env=env)
        assert 0 == result.exit_code, result.stderr
        printed = dict(line.split("\t") for line in result.stdout.splitlines())
        assert "0" == printed["sessions"]  # a year's retention keeps the 90-day-old ones
        assert "7" == printed["status_lookups"]
        assert "2" == printed["account_tokens"]
