"""Outside development mode the portal needs real payments, a scanner and SMTP, or an opt-out."""

import uuid
from collections.abc import AsyncIterator
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import asyncpg
import pytest
from structlog.testing import capture_logs

from immportal.adapters.postgres.connection import create_pool
from immportal.app.production_checks import (
    ProductionDefaultsProblem,
    check_production_services,
    warn_about_login_role,
)
from immportal.settings import Settings
from testkit.checkpoint_keys import checkpoint_keys_file
from testkit.cli_support import run_cli
from testkit.support import make_settings

REAL = {
    "payments_url": "https://payments.example",
    "clamd_address": "127.0.0.1:3310",
    "smtp_host": "mail.example",
}
"""Each real service configured: the portal starts without any opt-out."""
NEEDS = [
    ("payments_url", "allow_sandbox_payments", "IMMPORTAL_PAYMENTS_URL", "sandbox_payments"),
    ("clamd_address", "allow_unscanned_uploads", "IMMPORTAL_CLAMD_ADDRESS", "unscanned_uploads"),
    ("smtp_host", "allow_local_mailbox", "IMMPORTAL_SMTP_HOST", "local_mailbox"),
]


def production(tmp_path: Path, **overrides: object) -> Settings:
    """Production-mode settings with every real service, changed by `overrides`."""
    values: dict[str, object] = {"data_dir": tmp_path, "dev": False, **REAL, **overrides}
    return Settings(**values)  # type: ignore[arg-type]


class TestRefusedWithoutARealService:
    """Each missing service is refused with its name and its opt-out; dev mode needs none."""

    @pytest.mark.parametrize(("setting", "opt_out", "variable", "event"), NEEDS)
    def test_missing_service_is_refused(
        self, tmp_path: Path, setting: str, opt_out: str, variable: str, event: str
    ) -> None:
        """Without the setting, start is refused naming it and the opt-out variable."""
        unset = "" if setting == "clamd_address" else None
        with pytest.raises(ProductionDefaultsProblem) as refused:
            check_production_services(production(tmp_path, **{setting: unset}))
        assert variable in str(refused.value)
        assert f"IMMPORTAL_{opt_out.upper()}=true" in str(refused.value)

    @pytest.mark.parametrize(("setting", "opt_out", "variable", "event"), NEEDS)
    def test_opt_out_starts_with_a_warning(
        self, tmp_path: Path, setting: str, opt_out: str, variable: str, event: str
    ) -> None:
        """With the opt-out the check passes, and says so as a warning."""
        unset = "" if setting == "clamd_address" else None
        with capture_logs() as logs:
            check_production_services(production(tmp_path, **{setting: unset, opt_out: True}))
        logged = [(line["event"], line["log_level"]) for line in logs]
        assert [(f"production_{event}", "warning")] == logged

    def test_every_service_configured_starts_quietly(self, tmp_path: Path) -> None:
        """Payments, scanner and SMTP all set: no refusal, no warning."""
        with capture_logs() as logs:
            check_production_services(production(tmp_path))
        assert [] == logs

    def test_development_mode_needs_none(self, tmp_path: Path) -> None:
        """`--dev` runs the sandbox, the mailbox and no scanner without asking."""
        bare = production(tmp_path, dev=True, payments_url=None, clamd_address="", smtp_host=None)
        check_production_services(bare)


class TestServeCommand:
    """`immportal serve` exits 2 with what to set, before connecting anywhere."""

    async def test_serve_exits_2_naming_every_missing_service(self, tmp_path: Path) -> None:
        """No payments URL, scanner or SMTP: all three are named; nothing is served."""
        env = {
            "IMMPORTAL_DEV": "false",
            "IMMPORTAL_DATA_DIR": str(tmp_path),
            "IMMPORTAL_CHECKPOINT_KEY_FILE": str(checkpoint_keys_file()),
            "IMMPORTAL_DATABASE_URL": "postgresql://nobody@127.0.0.1:9/none",
            "IMMPORTAL_PAYMENTS_URL": None,
            "IMMPORTAL_CLAMD_ADDRESS": None,
            "IMMPORTAL_SMTP_HOST": None,
        }
        ran = await run_cli("serve", env=env)
        assert (2, "") == (ran.exit_code, ran.stdout)
        assert ran.stderr.startswith("immportal: IMMPORTAL_PAYMENTS_URL is not set")
        for _setting, opt_out, variable, _event in NEEDS:
            assert variable in ran.stderr
            assert f"IMMPORTAL_{opt_out.upper()}=true" in ran.stderr
        assert "Traceback" not in ran.stderr

    async def test_notification_worker_needs_mail(self, tmp_path: Path) -> None:
        """`immportal worker notifications` without SMTP exits 2 naming it, and only it."""
        env = {
            "IMMPORTAL_DEV": "false",
            "IMMPORTAL_DATA_DIR": str(tmp_path),
            "IMMPORTAL_DATABASE_URL": "postgresql://nobody@127.0.0.1:9/none",
            "IMMPORTAL_RABBITMQ_URL": "amqp://nobody@127.0.0.1:9/",
            "IMMPORTAL_SMTP_HOST": None,
            "IMMPORTAL_PAYMENTS_URL": None,
        }
        ran = await run_cli("worker", "notifications", env=env)
        assert (2, "") == (ran.exit_code, ran.stdout)
        assert ran.stderr.startswith("immportal: IMMPORTAL_SMTP_HOST is not set")
        assert "IMMPORTAL_PAYMENTS_URL" not in ran.stderr


@pytest.fixture
async def noinherit_login(database_url: str) -> AsyncIterator[str]:
    """A NOINHERIT login role that is only a member of the app role, as the README sets up."""
    name = f"login_{uuid.uuid4().hex[:12]}"
    admin = await asyncpg.connect(database_url)
    try:
        await admin.execute(f"CREATE ROLE {name} LOGIN NOINHERIT PASSWORD 'login'")
        await admin.execute(f"GRANT immportal_app TO {name}")
        parts = urlsplit(database_url)
        where = f"{name}:login@{parts.hostname}:{parts.port or 5432}"
        yield urlunsplit((parts.scheme, where, parts.path, parts.query, ""))
    finally:
        await admin.execute(f"DROP OWNED BY {name}")
        await admin.execute(f"DROP ROLE {name}")
        await admin.close()


class TestLoginRoleWarning:
    """A login role that can get past the append-only grant on events is warned about."""

    async def test_superuser_login_is_warned_about(self, database_url: str) -> None:
        """The tests log in as a superuser: the warning names it."""
        pool = await create_pool(database_url, role=make_settings(database_url).database_app_role)
        try:
            with capture_logs() as logs:
                await warn_about_login_role(pool)
        finally:
            await pool.close()
        assert ["database_login_is_superuser"] == [line["event"] for line in logs]

    async def test_events_owner_login_is_warned_about(
        self, database_url: str, noinherit_login: str
    ) -> None:
        """A login role that owns the events table could rewrite history: warned."""
        name = urlsplit(noinherit_login).username
        admin = await asyncpg.connect(database_url)
        try:
            await admin.execute(f"ALTER TABLE events OWNER TO {name}")
        finally:
            await admin.close()
        pool = await create_pool(noinherit_login, role="immportal_app")
        try:
            with capture_logs() as logs:
                await warn_about_login_role(pool)
        finally:
            await pool.close()
        assert ["database_login_owns_events"] == [line["event"] for line in logs]

    async def test_member_of_the_app_role_only_is_quiet(self, noinherit_login: str) -> None:
        """The recommended set-up: no warning."""
        pool = await create_pool(noinherit_login, role="immportal_app")
        try:
            with capture_logs() as logs:
                await warn_about_login_role(pool)
        finally:
            await pool.close()
        assert [] == logs
