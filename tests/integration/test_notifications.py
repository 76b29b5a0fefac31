"""Relay and notification consumer together: one email per notifiable event, however often."""

import asyncio
from collections.abc import Iterator

import pytest

from immportal.adapters.postgres.consumer_inbox import ProcessedMessages
from immportal.app.container import Runtime, open_runtime
from immportal.app.workers import ALL_KINDS, running, worker_jobs
from immportal.dev.demo.cases import seed_demo_cases
from immportal.integration.contracts import event_id
from immportal.processes.relay import RELAY_NAME
from immportal.services.notifications.case_emails import WORDINGS
from immportal.services.notifications.consumer import CONSUMER
from testkit.projection_support import wait_until
from testkit.smtp_sink import SmtpSink, smtp_sink
from testkit.support import make_settings

NOTIFIABLE = {
    f"immportal.domain.cases.case:Case.{name}"
    for name in (
        "Accepted",
        "BiometricsScheduled",
        "BiometricsRescheduled",
        "InterviewScheduled",
        "InterviewRescheduled",
        "EvidenceRequested",
        "DecisionIssued",
    )
}


@pytest.fixture
def sink() -> Iterator[SmtpSink]:
    """A real SMTP server for this test."""
    with smtp_sink() as server:
        yield server


async def notifiable_events(runtime: Runtime) -> list[tuple[str, int]]:
    """(aggregate id, version) of every event in the log that should cause an email."""
    rows = await runtime.pool.fetch(
        "SELECT originator_id, originator_version FROM events WHERE topic = ANY($1::text[])",
        list(NOTIFIABLE),
    )
    return [(str(r["originator_id"]), r["originator_version"]) for r in rows]


class TestEmbeddedPipeline:
    """With the in-process bus, serve's workers email applicants exactly once per event."""

    async def test_one_email_per_event_even_when_republished(
        self, database_url: str, sink: SmtpSink
    ) -> None:
        """N notifiable events give N emails with distinct ids; a full republish adds none."""
        settings = make_settings(database_url, smtp_host="127.0.0.1", smtp_port=sink.port)
        async with open_runtime(settings) as runtime:
            async with running(worker_jobs(runtime, ALL_KINDS)):
                await seed_demo_cases(runtime.cases)
                expected = await notifiable_events(runtime)
                await wait_until(lambda: _count(sink, len(expected)))
            # As if the relay had died before recording anything: it publishes it all again.
            await runtime.pool.execute(
                "UPDATE relay_positions SET position = 0 WHERE name = $1", RELAY_NAME
            )
            head = await runtime.store.head()
            async with running(worker_jobs(runtime, ALL_KINDS)):
                await wait_until(lambda: _relayed_to(runtime, head))
                # Repeats are skipped in milliseconds; a wrong second email would show here.
                await asyncio.sleep(1)
            processed = await ProcessedMessages(runtime.pool).count(CONSUMER)
        ids = [str(m["Message-ID"]).strip() for m in sink.messages]
        wanted = {f"<{event_id(*_uuid(e))}.notification@immportal.example>" for e in expected}
        assert 13 == len(expected)
        assert (len(expected), len(expected)) == (len(sink.messages), processed)
        assert wanted == set(ids)

    async def test_email_is_plain_and_private(self, database_url: str, sink: SmtpSink) -> None:
        """Emails greet by first name, link to sign in, state the RFE deadline, and no more."""
        settings = make_settings(
            database_url,
            smtp_host="127.0.0.1",
            smtp_port=sink.port,
            public_url="https://portal.example/",
        )
        async with open_runtime(settings) as runtime, running(worker_jobs(runtime, ALL_KINDS)):
            await seed_demo_cases(runtime.cases)
            await wait_until(lambda: _count(sink, 13))
            receipts = [
                r
                for (r,) in await runtime.pool.fetch(
                    "SELECT receipt_number FROM read.case_summary WHERE receipt_number IS NOT NULL"
                )
            ]
        rfe = [
            m for m in sink.messages if m["Subject"] == WORDINGS["case.evidence_requested"].subject
        ]
        body = rfe[0].get_content()
        assert 3 == len(rfe)
        assert "Please send it by" in body
        assert "https://portal.example/" in body
        assert body.startswith("Hello ")
        everything = " ".join(m.get_content() for m in sink.messages)
        assert not any(r in everything for r in receipts)
        assert "lease covers" not in everything  # the officer's reason stays inside


def _uuid(pair: tuple[str, int]) -> tuple["object", int]:
    from uuid import UUID

    return UUID(pair[0]), pair[1]


async def _count(sink: SmtpSink, n: int) -> bool:
    return len(sink.messages) >= n


async def _relayed_to(runtime: Runtime, head: int) -> bool:
    position = await runtime.pool.fetchval(
        "SELECT position FROM relay_positions WHERE name = $1", RELAY_NAME
    )
    return bool(position == head)
