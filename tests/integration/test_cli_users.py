"""`immportal users create`, and the demo accounts of `immportal demo`, against a real database."""

import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from urllib.parse import parse_qs, urlsplit
from uuid import UUID

import pyotp
import pytest

from immportal.adapters.mail.mailbox import StoredMail, read_mailbox
from immportal.adapters.postgres.accounts import PostgresEmailIndex
from immportal.app.container import Runtime
from immportal.dev.demo.accounts import DEMO_PEOPLE, demo_email
from immportal.domain.actor import Role
from immportal.domain.cases.offices import OFFICES
from immportal.domain.identity.account import Account
from immportal.domain.identity.emails import email_key
from immportal.domain.identity.errors import LinkInvalid
from testkit.cli_support import run_cli as immportal

PUBLIC_URL = "https://portal.example.gov"
ENROLMENT_SUBJECT = "Set up your immportal staff account"
_URL = re.compile(r"https?://\S+")


@dataclass(frozen=True)
class Ran:
    """What a run of the command left behind."""

    code: int
    out: str
    err: str


async def run_cli(database_url: str, data_dir: Path, *args: str, dev: bool = False) -> Ran:
    """Run `immportal` on the test's database, mail going to `data_dir`."""
    env = {
        "IMMPORTAL_DATABASE_URL": database_url,
        "IMMPORTAL_DATA_DIR": str(data_dir),
        "IMMPORTAL_PUBLIC_URL": PUBLIC_URL,
        "IMMPORTAL_LOG_LEVEL": "info",
        "IMMPORTAL_DEV": "true" if dev else "false",
    }
    result = await immportal(*args, env=env)
    return Ran(result.exit_code, result.stdout, result.stderr)


async def account_by_email(runtime: Runtime, email: str) -> Account:
    """The account holding the address; fails the test if there is none."""
    account_id = await PostgresEmailIndex(runtime.pool).find(email_key(email))
    assert account_id is not None, f"no account for {email}"
    return await runtime.accounts.get(account_id)


async def enrolment_mails(data_dir: Path) -> list[StoredMail]:
    """The enrolment mails in the local mailbox."""
    return [m for m in await read_mailbox(data_dir / "mailbox") if m.subject == ENROLMENT_SUBJECT]


def token_of(mail: StoredMail) -> tuple[str, str]:
    """The one link in a mail and the token it carries."""
    (url,) = _URL.findall(mail.text)
    (token,) = parse_qs(urlsplit(url).query)["token"]
    return url, token


class TestUsersCreate:
    """An admin creates a staff account; the person gets a one-time enrolment link."""

    async def test_creates_officer(
        self, runtime: Runtime, database_url: str, tmp_path: Path
    ) -> None:
        """The account has the role and no usable password; the link is mailed, never printed."""
        email = "ana.ruiz@example.gov"
        ran = await run_cli(
            database_url, tmp_path, "users", "create", "--role", "officer",
            "--email", email, "--name", "Ana Ruiz",
        )  # fmt: skip
        account = await account_by_email(runtime, email)
        (mail,) = await enrolment_mails(tmp_path)
        url, token = token_of(mail)
        assert 0 == ran.code
        assert f"Created officer account for {email}; an enrolment link was emailed." == (
            ran.out.strip()
        )
        assert (Role.OFFICER, ["Ana Ruiz"], False) == (
            account.role,
            account.names,
            account.email_verified,
        )
        assert email == mail.to
        assert url.startswith(f"{PUBLIC_URL}/account/reset?token=")
        assert token not in ran.out + ran.err

    async def test_link_works_for_a_day(
        self, runtime: Runtime, database_url: str, tmp_path: Path
    ) -> None:
        """The enrolment link is valid for 24 hours and sets the first password once."""
        email = "ben.okafor@example.gov"
        await run_cli(
            database_url, tmp_path, "users", "create", "--role", "supervisor",
            "--email", email, "--name", "Ben Okafor",
        )  # fmt: skip
        (mail,) = await enrolment_mails(tmp_path)
        _, token = token_of(mail)
        links, now = runtime.email_links, datetime.now(UTC)
        account_id = await links.check_reset_link(token, now + timedelta(hours=23))
        with pytest.raises(LinkInvalid):
            await links.check_reset_link(token, now + timedelta(hours=25))
        await links.reset_password(token, "copper kettle winter meadow", now)
        await runtime.accounts.verify_password(account_id, "copper kettle winter meadow", now)
        with pytest.raises(LinkInvalid):
            await links.check_reset_link(token, now)

    async def test_duplicate_email(
        self, runtime: Runtime, database_url: str, tmp_path: Path
    ) -> None:
        """A second account for the same address is refused with exit code 2."""
        args = ("users", "create", "--role", "auditor", "--email", "noor@example.gov")
        first = await run_cli(database_url, tmp_path, *args, "--name", "Noor Haddad")
        second = await run_cli(database_url, tmp_path, *args, "--name", "Someone Else")
        assert (0, 2) == (first.code, second.code)
        assert "An account already uses this email address. Nothing was created." == (
            second.out.strip()
        )
        assert 1 == len(await enrolment_mails(tmp_path))

    async def test_bad_email(self, runtime: Runtime, database_url: str, tmp_path: Path) -> None:
        """A malformed address is refused with exit code 2."""
        ran = await run_cli(
            database_url, tmp_path, "users", "create", "--role", "admin",
            "--email", "not-an-address", "--name", "Priya Raman",
        )  # fmt: skip
        assert 2 == ran.code
        assert "correct format" in ran.out


class TestDemoAccounts:
    """In dev mode the demo has one ready account per role and prints how to sign in."""

    async def test_seed_prints_credentials(
        self, runtime: Runtime, database_url: str, tmp_path: Path
    ) -> None:
        """Each role's account exists, verified, with the printed password and key."""
        ran = await run_cli(database_url, tmp_path, "demo", "seed", dev=True)
        now = datetime.now(UTC)
        assert 0 == ran.code
        for role in DEMO_PEOPLE:
            email = demo_email(role)
            (line,) = [line for line in ran.out.splitlines() if f" {email} " in line]
            password = re.search(r"password: (\S+)", line)
            key = re.search(r"authenticator key: (\S+)", line)
            assert password is not None
            assert key is not None
            account = await account_by_email(runtime, email)
            assert (role, True, key.group(1)) == (
                account.role,
                account.email_verified,
                account.totp_secret,
            )
            await runtime.accounts.verify_password(account.id, password.group(1), now)
            assert password.group(1) not in ran.err

    async def test_seed_puts_staff_at_every_office(
        self, runtime: Runtime, database_url: str, tmp_path: Path
    ) -> None:
        """An officer and a supervisor per office, printed one office a line, one password."""
        ran = await run_cli(database_url, tmp_path, "demo", "seed", dev=True)
        shared = re.search(r"password for each: (\S+)\)", ran.out)
        assert shared is not None
        now = datetime.now(UTC)
        for office in OFFICES:
            staffed = []
            for role in (Role.OFFICER, Role.SUPERVISOR):
                account = await account_by_email(runtime, demo_email(role, office.code))
                staffed.append((account.role, account.office, account.email_verified))
                if office.code != "NBC":
                    await runtime.accounts.verify_password(account.id, shared.group(1), now)
            assert [(Role.OFFICER, office.code, True), (Role.SUPERVISOR, office.code, True)] == (
                staffed
            )
        (line,) = [line for line in ran.out.splitlines() if "Potomac Service Center (PSC)" in line]
        assert "officer.psc@demo.example.test, supervisor.psc@demo.example.test" in line

    async def test_seed_twice_keeps_accounts(
        self, runtime: Runtime, database_url: str, tmp_path: Path
    ) -> None:
        """A second seed makes no new accounts and prints no passwords."""
        await run_cli(database_url, tmp_path, "demo", "seed", dev=True)
        first = await account_by_email(runtime, demo_email(Role.ADMIN))
        again = await run_cli(database_url, tmp_path, "demo", "seed", dev=True)
        assert first.id == (await account_by_email(runtime, demo_email(Role.ADMIN))).id
        assert "password:" not in again.out
        assert "Demo accounts exist already" in again.out

    async def test_seed_outside_dev_makes_no_accounts(
        self, runtime: Runtime, database_url: str, tmp_path: Path
    ) -> None:
        """Outside dev mode only the cases are made, and nothing secret is printed."""
        ran = await run_cli(database_url, tmp_path, "demo", "seed")
        found = await PostgresEmailIndex(runtime.pool).find(email_key(demo_email(Role.ADMIN)))
        assert (0, "Created 6 demonstration cases.", None) == (ran.code, ran.out.strip(), found)

    async def test_otp_prints_current_code(
        self, runtime: Runtime, database_url: str, tmp_path: Path
    ) -> None:
        """`demo otp` prints the code an authenticator app shows now."""
        await run_cli(database_url, tmp_path, "demo", "seed", dev=True)
        account = await account_by_email(runtime, demo_email(Role.OFFICER))
        assert account.totp_secret is not None
        totp = pyotp.TOTP(account.totp_secret)
        before = totp.now()
        ran = await run_cli(
            database_url, tmp_path, "demo", "otp", demo_email(Role.OFFICER), dev=True
        )
        after = totp.now()
        code = ran.out.strip()
        assert 0 == ran.code
        assert re.fullmatch(r"\d{6}", code)
        assert code in {before, after}

    async def test_otp_refused_outside_dev(
        self, runtime: Runtime, database_url: str, tmp_path: Path
    ) -> None:
        """Outside dev mode no code is printed."""
        ran = await run_cli(database_url, tmp_path, "demo", "otp", demo_email(Role.OFFICER))
        assert (2, "Demo codes are shown only in development mode (IMMPORTAL_DEV=true).") == (
            ran.code,
            ran.out.strip(),
        )

    async def test_otp_refuses_other_accounts(
        self, runtime: Runtime, database_url: str, tmp_path: Path
    ) -> None:
        """Only demo accounts' codes are shown, even in dev mode."""
        account_id: UUID = await runtime.accounts.register(
            "maria@example.org", "lantern orchard tuesday violin", ["Maria Garcia"]
        )
        await runtime.accounts.begin_totp(account_id)
        ran = await run_cli(database_url, tmp_path, "demo", "otp", "maria@example.org", dev=True)
        assert (2, "maria@example.org is not a demo account.") == (ran.code, ran.out.strip())
