"""The cipher key outside development mode: refused starts, and ciphertext in the database."""

import asyncio
import os
import sys

import asyncpg
from structlog.testing import capture_logs

from immportal.app.container import Runtime, open_runtime
from testkit.support import make_settings

PASSWORD = "violet tractor hums near 7291 lanterns"


async def run_without_key(database_url: str, *args: str) -> tuple[int, str]:
    """Run `immportal` with no cipher key and no dev mode; its exit code and stderr."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("IMMPORTAL_")}
    env |= {"IMMPORTAL_DATABASE_URL": database_url, "IMMPORTAL_DEV": "false"}
    proc = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "immportal",
        *args,
        env=env,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    _, err = await asyncio.wait_for(proc.communicate(), 60)
    assert proc.returncode is not None
    return proc.returncode, err.decode()


async def tables(database_url: str) -> list[str]:
    """The tables in the database's public schema."""
    conn = await asyncpg.connect(database_url)
    try:
        rows = await conn.fetch("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")
    finally:
        await conn.close()
    return [row["tablename"] for row in rows]


class TestStartWithoutKey:
    """Without a key and outside dev mode, the web server and the workers refuse to start."""

    async def test_serve_refuses(self, empty_database_url: str) -> None:
        """`immportal serve` exits 2 with the reason and how to make a key, touching nothing."""
        code, err = await run_without_key(empty_database_url, "serve", "--port", "0")
        assert (2, True) == (code, "IMMPORTAL_CIPHER_KEY is not set" in err)
        assert "secrets.token_bytes(32)" in err
        assert "Traceback" not in err
        assert [] == await tables(empty_database_url)

    async def test_worker_refuses(self, database_url: str) -> None:
        """`immportal worker` refuses the same way."""
        code, err = await run_without_key(database_url, "worker", "projections")
        assert (2, True, False) == (
            code,
            "IMMPORTAL_CIPHER_KEY is not set" in err,
            "Traceback" in err,
        )

    async def test_dev_mode_warns_and_runs(self, database_url: str) -> None:
        """In dev mode the runtime opens without a key and says events are unencrypted."""
        settings = make_settings(database_url, cipher_key=None, dev=True)
        with capture_logs() as logs:
            async with open_runtime(settings) as runtime:
                assert await runtime.store.head() == 0
        assert ["events_unencrypted"] == [
            line["event"] for line in logs if line["log_level"] == "warning"
        ]


class TestAccountEventsAtRest:
    """With the key, account events in the database do not show their secrets."""

    async def test_password_hash_and_totp_secret_are_ciphertext(
        self, runtime: Runtime, database_url: str
    ) -> None:
        """Neither the address, the password hash nor the authenticator key is readable."""
        email = "cipher.check@example.com"
        account_id = await runtime.accounts.register(email, PASSWORD, ["Ana Lopez"])
        secret = (await runtime.accounts.begin_totp(account_id)).secret
        password_hash = (await runtime.accounts.get(account_id)).password_hash
        conn = await asyncpg.connect(database_url)
        try:
            states = [bytes(r["state"]) for r in await conn.fetch("SELECT state FROM events")]
        finally:
            await conn.close()
        assert 2 == len(states)
        for needle in (email, secret, password_hash, "argon2id", "email"):
            assert not any(needle.encode() in state for state in states), needle
