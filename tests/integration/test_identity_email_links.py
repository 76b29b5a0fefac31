"""Email verification and password reset links, on real PostgreSQL and a real SMTP server."""

from __future__ import annotations

import asyncio
import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from email.message import EmailMessage
from urllib.parse import parse_qs, urlsplit
from uuid import UUID

import pytest
import structlog
from argon2.profiles import CHEAPEST
from structlog.testing import capture_logs

from immportal.adapters.identity.argon2_hasher import Argon2Hasher
from immportal.adapters.identity.tokens import RandomTokens
from immportal.adapters.identity.totp import PyotpTotp
from immportal.adapters.mail.smtp import SmtpMailer
from immportal.adapters.postgres.account_tokens import PostgresTokenStore
from immportal.adapters.postgres.accounts import PostgresEmailIndex
from immportal.app.container import Runtime
from immportal.domain.identity.errors import (
    LINK_INVALID,
    LinkInvalid,
    PasswordRejected,
    WrongPassword,
)
from immportal.domain.identity.passwords import TOO_COMMON, TOO_SHORT
from immportal.services.identity.accounts import AccountService
from immportal.services.identity.email_links import EmailLinkService
from immportal.services.repository import Repository
from testkit.smtp_sink import SmtpSink, smtp_sink

PUBLIC_URL = "https://portal.example.gov"
NOW = datetime(2027, 3, 1, 9, 0, tzinfo=UTC)
EMAIL = "Maria.Garcia@example.org"
NAMES = ["María", "García López"]
PASSWORD = "lantern orchard tuesday violin"
NEW_PASSWORD = "copper kettle winter meadow"
_URL = re.compile(r"https?://\S+")


class CountingHasher(Argon2Hasher):
    """Cheap Argon2id that counts the hashes it makes."""

    def __init__(self) -> None:
        super().__init__(CHEAPEST)
        self.hashes = 0

    def hash(self, password: str) -> str:
        """Hash and count."""
        self.hashes += 1
        return super().hash(password)

    def verify(self, password_hash: str, password: str) -> bool:
        """Check and count: a check costs what a hash costs."""
        self.hashes += 1
        return super().verify(password_hash, password)


@dataclass
class Portal:
    """The identity services wired to the test's database and SMTP server."""

    accounts: AccountService
    links: EmailLinkService
    hasher: CountingHasher
    sink: SmtpSink

    async def register(self) -> UUID:
        """Register María with a good password."""
        return await self.accounts.register(EMAIL, PASSWORD, NAMES)

    def mail(self, subject: str) -> EmailMessage:
        """The one mail that arrived with this subject."""
        (mail,) = [m for m in self.sink.messages if m["Subject"] == subject]
        return mail

    def link(self, subject: str) -> str:
        """The one link in the one mail with this subject."""
        (url,) = _URL.findall(body(self.mail(subject)))
        return str(url)

    def token(self, subject: str) -> str:
        """The token carried by the link in the mail with this subject."""
        return parse_qs(urlsplit(self.link(subject)).query)["token"][0]

    async def reset_token(self, at: datetime = NOW) -> str:
        """Ask for a reset link and return the token of the newest one."""
        await self.links.request_password_reset(EMAIL, at)
        await self.links.after_response.drain()
        mails = [m for m in self.sink.messages if m["Subject"] == "Reset your password"]
        (url,) = _URL.findall(body(mails[-1]))
        return parse_qs(urlsplit(str(url)).query)["token"][0]


def body(mail: EmailMessage) -> str:
    """The plain-text body of a mail, with the wire's CRLF line ends read as newlines."""
    part = mail.get_body(preferencelist=("plain",))
    assert isinstance(part, EmailMessage)
    return str(part.get_content()).replace("\r\n", "\n")


@pytest.fixture
def sink() -> Iterator[SmtpSink]:
    """A real SMTP server for this test."""
    with smtp_sink() as running:
        yield running


@pytest.fixture
def portal(runtime: Runtime, sink: SmtpSink) -> Portal:
    """Account and link services on the runtime's PostgreSQL, mailing through SMTP."""
    repository, hasher = Repository(runtime.store), CountingHasher()
    emails = PostgresEmailIndex(runtime.pool)
    accounts = AccountService(repository, hasher, RandomTokens(), PyotpTotp(), emails)
    tokens = PostgresTokenStore(runtime.pool, RandomTokens())
    mailer = SmtpMailer("127.0.0.1", sink.port)
    links = EmailLinkService(repository, hasher, tokens, emails, mailer, PUBLIC_URL + "/")
    return Portal(accounts, links, hasher, sink)


class TestVerificationEmail:
    """The verification email carries a link under the public URL and little else."""

    async def test_link_under_public_url(self, portal: Portal) -> None:
        """The link starts with the configured public URL and the verify page."""
        await portal.links.send_verification(await portal.register(), NOW)
        assert portal.link("Confirm your email address").startswith(
            f"{PUBLIC_URL}/account/verify?token="
        )

    async def test_plain_and_personal_only_by_first_name(self, portal: Portal) -> None:
        """The mail goes to the address, greets by first name, and its id is not the token."""
        await portal.links.send_verification(await portal.register(), NOW)
        mail = portal.mail("Confirm your email address")
        token = portal.token("Confirm your email address")
        assert (EMAIL, True, False) == (
            mail["To"],
            body(mail).startswith("Hello María,\n"),
            "García" in body(mail),
        )
        assert token not in mail["Message-ID"]

    async def test_verified_account_gets_no_mail(self, portal: Portal) -> None:
        """Once the address is confirmed, asking again sends nothing."""
        account_id = await portal.register()
        await portal.links.send_verification(account_id, NOW)
        await portal.links.verify_email(portal.token("Confirm your email address"), NOW)
        await portal.links.send_verification(account_id, NOW)
        assert 1 == len(portal.sink.messages)


class TestVerifyEmail:
    """A verification link confirms the address once, within 24 hours."""

    async def test_works_once(self, portal: Portal) -> None:
        """The first use confirms the address; the second is refused in plain words."""
        account_id = await portal.register()
        await portal.links.send_verification(account_id, NOW)
        token = portal.token("Confirm your email address")
        assert account_id == await portal.links.verify_email(token, NOW + timedelta(hours=23))
        assert True is (await portal.accounts.get(account_id)).email_verified
        with pytest.raises(LinkInvalid) as refused:
            await portal.links.verify_email(token, NOW + timedelta(hours=23))
        assert LINK_INVALID == str(refused.value)

    async def test_expired(self, portal: Portal) -> None:
        """After 24 hours the link is refused and the address stays unconfirmed."""
        account_id = await portal.register()
        await portal.links.send_verification(account_id, NOW)
        with pytest.raises(LinkInvalid):
            await portal.links.verify_email(
                portal.token("Confirm your email address"), NOW + timedelta(hours=24)
            )
        assert False is (await portal.accounts.get(account_id)).email_verified

    async def test_reset_token_does_not_verify(self, portal: Portal) -> None:
        """A reset link cannot be used as a verification link."""
        await portal.register()
        with pytest.raises(LinkInvalid):
            await portal.links.verify_email(await portal.reset_token(), NOW)


class TestRequestPasswordReset:
    """Asking for a reset answers the same whether or not the address has an account."""

    async def test_unknown_address(self, portal: Portal) -> None:
        """An unknown address raises nothing, sends nothing, and still spends a hash."""
        await portal.register()
        hashes = portal.hasher.hashes
        await portal.links.request_password_reset("nobody@example.org", NOW)
        await portal.links.after_response.drain()
        assert ([], hashes + 1) == (portal.sink.messages, portal.hasher.hashes)

    async def test_known_address_costs_what_an_unknown_one_costs(self, portal: Portal) -> None:
        """A known address spends exactly one hash too, and its mail goes after the answer."""
        await portal.register()
        hashes = portal.hasher.hashes
        await portal.links.request_password_reset(EMAIL, NOW)
        answered = (portal.hasher.hashes - hashes, len(portal.sink.messages))
        await portal.links.after_response.drain()
        assert ((1, 0), 1) == (answered, len(portal.sink.messages))

    async def test_known_address(self, portal: Portal) -> None:
        """A known address, typed in any case, gets a reset link (and the same empty answer)."""
        await portal.register()
        await portal.links.request_password_reset(EMAIL.upper(), NOW)
        await portal.links.after_response.drain()
        mail = portal.mail("Reset your password")
        assert (EMAIL, True) == (
            mail["To"],
            portal.link("Reset your password").startswith(f"{PUBLIC_URL}/account/reset?token="),
        )


class TestResetPassword:
    """A reset link sets a new password once, within the hour, while the password is unchanged."""

    async def test_works_once(self, portal: Portal) -> None:
        """The new password works, the old one does not, and the link is spent."""
        account_id = await portal.register()
        token = await portal.reset_token()
        later = NOW + timedelta(minutes=59)
        assert account_id == await portal.links.reset_password(token, NEW_PASSWORD, later)
        await portal.accounts.verify_password(account_id, NEW_PASSWORD, later)
        with pytest.raises(WrongPassword):
            await portal.accounts.verify_password(account_id, PASSWORD, later)
        with pytest.raises(LinkInvalid):
            await portal.links.reset_password(token, "another fine passphrase", later)

    async def test_two_at_once(self, portal: Portal) -> None:
        """Two resets through one link at once: exactly one sets its password."""
        account_id = await portal.register()
        token = await portal.reset_token()
        results = await asyncio.gather(
            portal.links.reset_password(token, NEW_PASSWORD, NOW),
            portal.links.reset_password(token, "another fine passphrase", NOW),
            return_exceptions=True,
        )
        assert [LinkInvalid] == [type(r) for r in results if isinstance(r, Exception)]
        assert 2 == (await portal.accounts.get(account_id)).password_version

    async def test_expired(self, portal: Portal) -> None:
        """After an hour the link is refused and the password is unchanged."""
        account_id = await portal.register()
        token = await portal.reset_token()
        with pytest.raises(LinkInvalid):
            await portal.links.reset_password(token, NEW_PASSWORD, NOW + timedelta(hours=1))
        await portal.accounts.verify_password(account_id, PASSWORD, NOW)

    async def test_dead_after_a_password_change(self, portal: Portal) -> None:
        """A link sent before the password changed no longer works, though unused and in time."""
        await portal.register()
        older, newer = await portal.reset_token(), await portal.reset_token()
        await portal.links.reset_password(newer, NEW_PASSWORD, NOW)
        with pytest.raises(LinkInvalid):
            await portal.links.reset_password(older, "another fine passphrase", NOW)

    async def test_rejected_password_keeps_the_link(self, portal: Portal) -> None:
        """A password the policy refuses gives the reasons and leaves the link usable."""
        account_id = await portal.register()
        token = await portal.reset_token()
        with pytest.raises(PasswordRejected) as refused:
            await portal.links.reset_password(token, "password", NOW)
        assert [TOO_SHORT, TOO_COMMON] == refused.value.reasons
        assert account_id == await portal.links.reset_password(token, NEW_PASSWORD, NOW)

    async def test_confirms_the_address(self, portal: Portal) -> None:
        """Using a reset link proves the address, as a verification link would."""
        account_id = await portal.register()
        await portal.links.reset_password(await portal.reset_token(), NEW_PASSWORD, NOW)
        assert True is (await portal.accounts.get(account_id)).email_verified


class TestNoSecretsInLogs:
    """No password, token or link reaches the logs in a whole verify-and-reset run."""

    async def test_full_run(self, portal: Portal) -> None:
        """Every log entry of the run is free of the passwords, tokens and links used."""
        previous = structlog.get_config()["wrapper_class"]
        structlog.configure(wrapper_class=structlog.make_filtering_bound_logger(logging.DEBUG))
        try:
            with capture_logs() as logs:
                secrets = await self._run(portal)
        finally:
            structlog.configure(wrapper_class=previous)
        written = repr(logs)
        assert [] == [secret for secret in secrets if secret in written]
        expected = {"verification_link_sent", "email_verified", "password_reset", "mail_sent"}
        assert expected <= {entry["event"] for entry in logs}

    @staticmethod
    async def _run(portal: Portal) -> list[str]:
        """Register, verify, replay, reset with a refused then a good password; return secrets."""
        account_id = await portal.register()
        await portal.links.send_verification(account_id, NOW)
        verify = portal.token("Confirm your email address")
        await portal.links.verify_email(verify, NOW)
        with pytest.raises(LinkInvalid):
            await portal.links.verify_email(verify, NOW)
        await portal.links.request_password_reset("nobody@example.org", NOW)
        reset = await portal.reset_token()
        with pytest.raises(PasswordRejected):
            await portal.links.reset_password(reset, "maria garcia", NOW)
        await portal.links.reset_password(reset, NEW_PASSWORD, NOW)
        with pytest.raises(WrongPassword):
            await portal.accounts.verify_password(account_id, PASSWORD, NOW)
        links = [portal.link("Confirm your email address"), portal.link("Reset your password")]
        return [PASSWORD, NEW_PASSWORD, "maria garcia", verify, reset, *links]
