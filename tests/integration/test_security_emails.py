"""Security emails to account holders go through the relay and the notification consumer:
one email per security event, to the right address, on the in-process bus and on RabbitMQ."""

import asyncio
import hashlib
import re
from collections.abc import AsyncIterator, Iterator
from contextlib import AsyncExitStack, asynccontextmanager
from datetime import UTC, datetime
from uuid import UUID

import pytest

from immportal.app.container import Runtime, open_runtime
from immportal.app.workers import ALL_KINDS, running, worker_jobs
from immportal.domain.actor import Actor, Role
from immportal.domain.identity.account import Account
from immportal.processes.relay import RELAY_NAME
from immportal.services.repository import Repository
from testkit.pipeline_support import broker_scope, pipeline_env, pipeline_settings
from testkit.projection_support import wait_until
from testkit.smtp_sink import SmtpSink, smtp_sink
from testkit.support import make_settings

EMAIL = "maria.garcia@example.org"
NEW_EMAIL = "maria.new@example.org"
PASSWORD = "lantern orchard tuesday violin"
NEW_PASSWORD = "copper kettle winter meadow"
ADMIN = Actor("admin-security-test", Role.ADMIN)
_TOKEN = re.compile(r"token=([\w-]+)")


@pytest.fixture
def sink() -> Iterator[SmtpSink]:
    """A real SMTP server for this test."""
    with smtp_sink() as server:
        yield server


@asynccontextmanager
async def pipeline(database_url: str, sink: SmtpSink, bus: str) -> AsyncIterator[Runtime]:
    """A runtime with relay and consumer running, on the in-process bus or on RabbitMQ."""
    async with AsyncExitStack() as stack:
        if bus == "rabbitmq":
            broker = await stack.enter_async_context(broker_scope())
            settings = pipeline_settings(pipeline_env(database_url, broker, sink))
        else:
            settings = make_settings(database_url, smtp_host="127.0.0.1", smtp_port=sink.port)
        runtime = await stack.enter_async_context(open_runtime(settings))
        await stack.enter_async_context(running(worker_jobs(runtime, ALL_KINDS)))
        yield runtime


def browser(name: str) -> str:
    """The digest of a browser cookie."""
    return hashlib.sha256(name.encode()).hexdigest()


async def act(runtime: Runtime, account_id: UUID, change: str, *args: object) -> None:
    """Apply one command to the account and save it."""
    repository = Repository(runtime.store)
    account = await repository.get(Account, account_id)
    getattr(account, change)(account.holder if change != "reset_second_factor" else ADMIN, *args)
    await repository.save(account)


def mails(sink: SmtpSink) -> list[tuple[str, str]]:
    """(to, subject) of every mail that arrived, in order."""
    return [(str(m["To"]), str(m["Subject"])) for m in sink.messages]


async def settled(sink: SmtpSink, count: int) -> list[tuple[str, str]]:
    """The mails once `count` arrived and a repeat had time to show up."""

    async def arrived() -> bool:
        return len(sink.messages) >= count

    await wait_until(arrived)
    await asyncio.sleep(1)
    return mails(sink)


class TestSecurityEmails:
    """Each security event gives one email; quiet events give none."""

    @pytest.mark.parametrize("bus", ["embedded", "rabbitmq"])
    async def test_each_security_event_emails_once(
        self, database_url: str, sink: SmtpSink, bus: str
    ) -> None:
        """Sign-ins, password reset, new browser, email change and a reset: one mail each."""
        now = datetime.now(UTC)
        async with pipeline(database_url, sink, bus) as runtime:
            account_id = await runtime.accounts.register(EMAIL, PASSWORD, ["María García"])
            for name in ("laptop", "laptop", "phone", "phone"):
                await runtime.accounts.record_sign_in(
                    account_id, "ref", "Firefox", now, browser(name)
                )
            await runtime.email_links.request_password_reset(EMAIL, now)
            reset_mail = await settled(sink, 2)
            (reset,) = [m for m in sink.messages if m["Subject"] == "Reset your password"]
            token = _TOKEN.findall(reset.get_content())[-1]
            await runtime.email_links.reset_password(token, NEW_PASSWORD, now)
            await act(runtime, account_id, "change_email", NEW_EMAIL)
            await act(runtime, account_id, "reset_second_factor", "Identity checked in person")
            everything = await settled(sink, 5)
            # Republished from the start, nothing is written twice.
            await runtime.pool.execute(
                "UPDATE relay_positions SET position = 0 WHERE name = $1", RELAY_NAME
            )
            await asyncio.sleep(2)
        assert [
            (EMAIL, "New sign-in to your account"),
            (EMAIL, "Reset your password"),
        ] == sorted(reset_mail, key=lambda m: m[1])
        # Deliveries run a few at a time, so the last three may arrive in any order.
        assert sorted(
            [
                (EMAIL, "Your password was changed"),
                (EMAIL, "Your email address was changed"),
                (NEW_EMAIL, "Your sign-in security was reset"),
            ]
        ) == sorted(everything[2:])
        assert everything == mails(sink)
        bodies = " ".join(m.get_content() for m in sink.messages[2:])
        assert token not in bodies
        assert "García" not in bodies
        assert "Hello María," in bodies
