"""On real RabbitMQ and SMTP: crashes and broker outages lose nothing and repeat no email."""

import asyncio
import contextlib
import os
import sys
from collections.abc import AsyncIterator, Iterator

import pytest

from immportal.app.container import Runtime, open_runtime
from immportal.app.workers import ALL_KINDS, running, worker_jobs
from immportal.integration.ports import ConsumerSpec, IncomingMessage
from testkit.pipeline_support import (
    Broker,
    broker_scope,
    kill,
    message_ids,
    notifiable_count,
    open_cases,
    pipeline_env,
    pipeline_settings,
    start_worker,
)
from testkit.projection_support import wait_until
from testkit.smtp_sink import SmtpSink, smtp_sink

# Stops the shared broker or kills workers mid-stream: run alone, after the rest.
pytestmark = pytest.mark.serial


@pytest.fixture
def sink() -> Iterator[SmtpSink]:
    """A real SMTP server for this test."""
    with smtp_sink() as server:
        yield server


@pytest.fixture
async def broker() -> AsyncIterator[Broker]:
    """This test's exchange and queues on the machine's RabbitMQ."""
    async with broker_scope() as names:
        yield names


async def exactly(sink: SmtpSink, expected: int) -> None:
    """Wait for `expected` emails, then give repeats a moment to show up."""
    await wait_until(lambda: _at_least(sink, expected), seconds=90)
    await asyncio.sleep(1.5)


async def _at_least(sink: SmtpSink, n: int) -> bool:
    return len(sink.messages) >= n


class TestCrashes:
    """Killed relays and consumers: still exactly one email per event."""

    @pytest.mark.slow
    async def test_sigkill_relay_and_consumer_repeatedly(
        self, database_url: str, broker: Broker, sink: SmtpSink
    ) -> None:
        """Workers are SIGKILLed mid-stream and restarted; every event is emailed once."""
        env = pipeline_env(database_url, broker, sink)
        async with open_runtime(pipeline_settings(env)) as runtime:
            projections = await start_worker(env, "projections")
            relay = await start_worker(env, "relay")
            notifier = await start_worker(env, "notifications")
            try:
                for _ in range(4):
                    await open_cases(runtime, 8)
                    await asyncio.sleep(0.3)
                    await kill(relay)
                    relay = await start_worker(env, "relay")
                    await open_cases(runtime, 4)
                    await kill(notifier)
                    notifier = await start_worker(env, "notifications")
                expected = await notifiable_count(runtime)
                await exactly(sink, expected)
            finally:
                for process in (projections, relay, notifier):
                    with contextlib.suppress(ProcessLookupError):
                        await kill(process)
        ids = message_ids(sink)
        repeats = len(ids) - len(set(ids))
        assert 96 == expected
        assert expected == len(set(ids))
        # The one window no system closes: killed after the SMTP server accepted a mail,
        # before that was recorded. Such a repeat carries the same Message-ID (so it is
        # no new id above), and there can be at most one per consumer kill.
        assert 0 <= repeats <= 4

    async def test_consumer_dies_after_effect_before_ack(
        self, database_url: str, broker: Broker, sink: SmtpSink
    ) -> None:
        """A consumer that sent and recorded the email but never acked: no second email."""
        env = pipeline_env(database_url, broker, sink)
        settings = pipeline_settings(env)
        async with (
            open_runtime(settings) as runtime,
            running(worker_jobs(runtime, ("projections", "relay"))),
        ):
            from immportal.app.workers import notification_consumer

            handler = notification_consumer(runtime).handle
            dying = asyncio.Event()

            async def handle_then_die(message: IncomingMessage) -> None:
                await handler(message)  # the email is sent and recorded ...
                dying.set()
                await asyncio.Event().wait()  # ... and the ack never comes

            spec = ConsumerSpec("notifications", ("case.#",), max_attempts=3, retry_delay=0.3)
            first = asyncio.create_task(runtime.bus.consume(spec, handle_then_die))
            await open_cases(runtime, 1)
            await dying.wait()
            await asyncio.sleep(0.2)
        # Closing the runtime closed the broker connection with the delivery unacked.
        first.cancel()
        async with open_runtime(settings) as runtime, running(worker_jobs(runtime, ALL_KINDS)):
            expected = await notifiable_count(runtime)
            await exactly(sink, expected)
            redelivered = await runtime.pool.fetchval("SELECT count(*) FROM processed_messages")
        assert 2 == expected
        assert (2, 2) == (len(sink.messages), redelivered)


class TestBrokerOutage:
    """RabbitMQ stops mid-stream and comes back."""

    @pytest.mark.slow
    async def test_stop_app_mid_stream(
        self, database_url: str, broker: Broker, sink: SmtpSink
    ) -> None:
        """Every event reaches the exchange at least once; every email goes out once."""
        env = pipeline_env(database_url, broker, sink)
        seen: set[str] = set()

        async def audit(message: IncomingMessage) -> None:
            seen.add(message.message_id)

        async with open_runtime(pipeline_settings(env)) as runtime:
            spec = ConsumerSpec("audit", ("#",), prefetch=200)
            await runtime.bus.declare(spec)
            async with running(
                [*worker_jobs(runtime, ALL_KINDS), runtime.bus.consume(spec, audit)]
            ):
                writer = asyncio.create_task(open_cases(runtime, 30))
                await wait_until(lambda: _at_least(sink, 4), seconds=30)
                try:
                    await rabbitmqctl("stop_app")
                    await asyncio.sleep(3)
                finally:
                    await rabbitmqctl("start_app")
                    await rabbitmqctl("await_startup")
                await writer
                expected = await notifiable_count(runtime)
                await exactly(sink, expected)
                head = await runtime.store.head()
                await wait_until(lambda: _all_seen(seen, head), seconds=60)
        ids = message_ids(sink)
        assert 60 == expected
        assert (expected, expected) == (len(ids), len(set(ids)))


async def _all_seen(seen: set[str], head: int) -> bool:
    return len(seen) >= head


async def rabbitmqctl(*args: str) -> None:
    """Run rabbitmqctl and insist it succeeds."""
    process = await asyncio.create_subprocess_exec(
        "rabbitmqctl",
        *args,
        stdout=asyncio.subprocess.DEVNULL,
        stderr=asyncio.subprocess.PIPE,
        env={**os.environ},
    )
    _, err = await process.communicate()
    assert 0 == process.returncode, err.decode()


class TestPoisonMessages:
    """A message that keeps failing is parked, listed, and replayed after a fix."""

    async def test_dead_letter_then_replay(
        self, database_url: str, broker: Broker, sink: SmtpSink
    ) -> None:
        """A refused mailbox parks the email; after the fix `deadletters replay` sends it once."""
        env = pipeline_env(database_url, broker, sink)
        sink.refuse.add("bounce@example.test")
        async with (
            open_runtime(pipeline_settings(env)) as runtime,
            running(worker_jobs(runtime, ALL_KINDS)),
        ):
            await open_cases(runtime, 1, email="bounce@example.test")
            await wait_until(lambda: _dead_count(runtime, 2), seconds=30)
            listed = await cli(env, "deadletters", "list")
            sink.refuse.clear()
            replayed = await cli(env, "deadletters", "replay")
            await exactly(sink, 2)
        assert "2 dead-lettered message(s) for notifications." in listed
        assert "MailUnavailable" in listed
        assert "Replayed 2 message(s) to notifications." in replayed
        assert 2 == len(sink.messages)


async def _dead_count(runtime: Runtime, n: int) -> bool:
    return len(await runtime.bus.dead_letters("notifications")) >= n


async def cli(env: dict[str, str], *args: str) -> str:
    """Run the `immportal` command with the pipeline's settings; return its output."""
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "immportal",
        *args,
        env={**os.environ, **env},
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    out, err = await process.communicate()
    assert 0 == process.returncode, err.decode()
    return out.decode()
