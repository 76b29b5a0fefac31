"""The hash chain catches any change to the log made behind the store's back."""

import asyncio
import os
import sys

import asyncpg
import pytest

from immportal.adapters.postgres.chain_verifier import verify_chain
from immportal.app.container import Runtime
from immportal.domain.actor import Actor, Role
from immportal.domain.cases.case import Case
from immportal.domain.cases.forms import FormType

APPLICANT = Actor("applicant-chain", Role.APPLICANT)


async def seed(runtime: Runtime, cases: int = 5) -> None:
    """Write a few cases of three events each (15 events for 5 cases)."""
    for _ in range(cases):
        case = Case.start(
            applicant_id=APPLICANT.user_id, form_type=FormType.I90, office="NBC", actor=APPLICANT
        )
        case.save_answers(APPLICANT, "a", {"n": 1})
        case.save_answers(APPLICANT, "b", {"n": 2})
        await runtime.store.append(case.collect_events())


async def tamper(database_url: str, sql: str) -> None:
    """Change the log directly, as the table's owner would."""
    conn = await asyncpg.connect(database_url)
    try:
        await conn.execute(sql)
    finally:
        await conn.close()


class TestVerify:
    """verify_chain reports the first position where the chain breaks."""

    async def test_untouched_log_is_intact(self, runtime: Runtime) -> None:
        """A log written only by the store verifies."""
        await seed(runtime)
        report = await verify_chain(runtime.store, batch_size=4)
        assert (report.intact, report.checked) == (True, 15)

    @pytest.mark.parametrize(
        ("sql", "broken_at"),
        [
            pytest.param(
                "UPDATE events SET state = convert_to('{\"x\":1}', 'UTF8')"
                " WHERE notification_id = 7",
                7,
                id="state-altered",
            ),
            pytest.param(
                "UPDATE events SET topic = topic || 'X' WHERE notification_id = 3",
                3,
                id="topic-altered",
            ),
            pytest.param(
                "UPDATE events SET recorded_at = recorded_at - interval '1 day'"
                " WHERE notification_id = 10",
                10,
                id="time-altered",
            ),
            pytest.param("DELETE FROM events WHERE notification_id = 9", 9, id="deleted"),
            pytest.param(
                "INSERT INTO events SELECT gen_random_uuid(), 1, topic, state, 16,"
                " recorded_at, chain_hash FROM events WHERE notification_id = 15",
                16,
                id="inserted-at-end",
            ),
            pytest.param(
                "UPDATE events SET notification_id = notification_id + 100"
                " WHERE notification_id >= 12",
                12,
                id="renumbered",
            ),
            pytest.param(
                "UPDATE events SET chain_hash = sha256(chain_hash) WHERE notification_id = 5",
                5,
                id="hash-rewritten",
            ),
        ],
    )
    async def test_tampering_is_caught(
        self, runtime: Runtime, database_url: str, sql: str, broken_at: int
    ) -> None:
        """Altered, deleted and inserted rows are each caught at their position."""
        await seed(runtime)
        await tamper(database_url, sql)
        report = await verify_chain(runtime.store, batch_size=4)
        assert broken_at == report.first_broken

    async def test_cut_off_tail_is_caught_by_projection_positions(
        self, runtime: Runtime, database_url: str
    ) -> None:
        """Deleting the newest events is caught when a projection had already read them."""
        await seed(runtime)
        await tamper(
            database_url,
            "INSERT INTO projection_positions (name, generation, position) VALUES ('p', 1, 15)",
        )
        await tamper(database_url, "DELETE FROM events WHERE notification_id >= 14")
        report = await verify_chain(runtime.store)
        assert report.first_broken == 14


class TestVerifyCommand:
    """`immportal audit verify` prints the outcome and fails on a broken chain."""

    async def test_cli_reports_first_broken_position(
        self, runtime: Runtime, database_url: str
    ) -> None:
        """Exit 0 with a count when intact; exit 1 naming the position when not."""
        await seed(runtime, cases=2)
        intact = await run_cli(database_url, "audit", "verify")
        await tamper(database_url, "DELETE FROM events WHERE notification_id = 4")
        broken = await run_cli(database_url, "audit", "verify")
        assert (intact[0], intact[1].strip()) == (0, "Hash chain intact: 6 events verified.")
        assert broken[0] == 1
        assert "BROKEN at position 4" in broken[1]


async def run_cli(database_url: str, *args: str) -> tuple[int, str]:
    """Run the real `immportal` command against the test's database."""
    env = {**os.environ, "IMMPORTAL_DATABASE_URL": database_url, "IMMPORTAL_LOG_LEVEL": "warning"}
    proc = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "immportal",
        *args,
        env=env,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    out, err = await proc.communicate()
    assert proc.returncode is not None
    assert b"Traceback" not in err, err.decode()
    return proc.returncode, out.decode()
