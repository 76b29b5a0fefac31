"""Helpers for tests of the whole pipeline on RabbitMQ: broker names, workers, counts."""

import asyncio
import os
import sys
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import aio_pika

from immportal.app.container import Runtime
from immportal.domain.actor import Actor, Role
from immportal.domain.cases.forms import FormType
from immportal.settings import Settings
from testkit.smtp_sink import SmtpSink
from testkit.support import make_settings

RABBIT_URL = "amqp://guest:guest@127.0.0.1:5672/"
NOTIFIABLE = [f"immportal.domain.cases.case:Case.{n}" for n in ("Accepted", "BiometricsScheduled")]
SYSTEM = Actor.system()


@dataclass(frozen=True)
class Broker:
    """This test's own exchange and queue prefix on the shared RabbitMQ."""

    exchange: str
    prefix: str


@asynccontextmanager
async def broker_scope() -> AsyncIterator[Broker]:
    """Unique names for one test; its queues and exchange are deleted afterwards."""
    tag = uuid.uuid4().hex[:8]
    broker = Broker(exchange=f"test-{tag}.events", prefix=f"test-{tag}")
    try:
        yield broker
    finally:
        connection = await aio_pika.connect(RABBIT_URL)
        async with connection:
            channel = await connection.channel()
            for consumer in ("notifications", "audit"):
                for suffix in ("", ".retry", ".dead"):
                    await channel.queue_delete(f"{broker.prefix}.{consumer}{suffix}")
            await channel.exchange_delete(broker.exchange)


def pipeline_env(database_url: str, broker: Broker, sink: SmtpSink) -> dict[str, str]:
    """Environment for worker processes of this pipeline."""
    return {
        "IMMPORTAL_DATABASE_URL": database_url,
        "IMMPORTAL_RABBITMQ_URL": RABBIT_URL,
        "IMMPORTAL_RABBITMQ_EXCHANGE": broker.exchange,
        "IMMPORTAL_RABBITMQ_QUEUE_PREFIX": broker.prefix,
        "IMMPORTAL_SMTP_HOST": "127.0.0.1",
        "IMMPORTAL_SMTP_PORT": str(sink.port),
        "IMMPORTAL_PROJECTION_IDLE_WAIT": "0.05",
        "IMMPORTAL_RELAY_BATCH_SIZE": "5",
        "IMMPORTAL_NOTIFICATION_MAX_ATTEMPTS": "3",
        "IMMPORTAL_NOTIFICATION_RETRY_DELAY": "0.3",
        "IMMPORTAL_LOG_LEVEL": "warning",
    }


def pipeline_settings(env: dict[str, str]) -> Settings:
    """The same settings for the test process itself."""
    return make_settings(
        env["IMMPORTAL_DATABASE_URL"],
        **{
            k.removeprefix("IMMPORTAL_").lower(): v
            for k, v in env.items()
            if k != "IMMPORTAL_DATABASE_URL"
        },
    )


async def start_worker(env: dict[str, str], *kinds: str) -> asyncio.subprocess.Process:
    """`immportal worker KINDS…` as its own process."""
    return await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "immportal",
        "worker",
        *kinds,
        env={**os.environ, **env},
        stdout=asyncio.subprocess.DEVNULL,
        stderr=asyncio.subprocess.DEVNULL,
    )


async def kill(process: asyncio.subprocess.Process) -> None:
    """SIGKILL: no clean-up, no chance to record anything more."""
    process.kill()
    await process.wait()


async def open_cases(runtime: Runtime, count: int, email: str = "") -> None:
    """Cases that reach acceptance and a biometrics appointment: two emails each."""
    for n in range(count):
        await open_case(runtime, f"Ana{n}", email)


async def open_case(runtime: Runtime, first_name: str, email: str = "") -> None:
    """One case with contact details, accepted, with biometrics scheduled."""
    when = datetime.now(UTC).replace(microsecond=0) + timedelta(days=10)
    applicant = Actor(f"applicant-{uuid.uuid4().hex[:8]}", Role.APPLICANT)
    contact = {"given_name": first_name, "email": email or f"{applicant.user_id}@example.test"}
    case_id = await runtime.cases.start(
        actor=applicant, applicant_id=applicant.user_id, form_type=FormType.I765, office="NBC"
    )
    await runtime.cases.update(
        case_id, None, lambda c: c.save_answers(applicant, "contact", contact)
    )
    await runtime.cases.update(case_id, None, lambda c: c.submit(applicant, fee_cents=52_000))
    await runtime.cases.accept(case_id, actor=SYSTEM)
    await runtime.cases.update(
        case_id, None, lambda c: c.schedule_biometrics(SYSTEM, when, "Application Support Center")
    )


async def notifiable_count(runtime: Runtime) -> int:
    """How many events in the log should cause an email."""
    value = await runtime.pool.fetchval(
        "SELECT count(*) FROM events WHERE topic = ANY($1::text[])", NOTIFIABLE
    )
    return int(value)


def message_ids(sink: SmtpSink) -> list[str]:
    """Message-ID of every email that arrived."""
    return [str(m["Message-ID"]).strip() for m in sink.messages]
