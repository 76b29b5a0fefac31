"""Traces follow a command through the log, the relay and RabbitMQ to the consumer's email."""

from collections.abc import Iterator

import pytest
from opentelemetry import trace

from immportal.app.container import open_runtime
from immportal.app.workers import ALL_KINDS, running, worker_jobs
from testkit.pipeline_support import broker_scope, open_case, pipeline_env, pipeline_settings
from testkit.projection_support import wait_until
from testkit.smtp_sink import SmtpSink, smtp_sink
from testkit.tracing_support import recorded_spans


@pytest.fixture
def sink() -> Iterator[SmtpSink]:
    """A real SMTP server for this test."""
    with smtp_sink() as server:
        yield server


class TestTraceThroughTheBroker:
    """The consumer's work joins the trace of the command that wrote the event."""

    async def test_append_relay_and_consumer_share_the_command_trace(
        self, database_url: str, sink: SmtpSink
    ) -> None:
        """Appends carry positions; consumer spans have the command's trace id; db calls show."""
        email = "tracing@example.org"
        with recorded_spans() as exporter:
            async with broker_scope() as broker:
                settings = pipeline_settings(pipeline_env(database_url, broker, sink))
                async with (
                    open_runtime(settings) as runtime,
                    running(worker_jobs(runtime, ALL_KINDS)),
                ):
                    tracer = trace.get_tracer("test")
                    with tracer.start_as_current_span("command") as command:
                        await open_case(runtime, "Traza", email)
                    trace_id = command.get_span_context().trace_id

                    async def consumed() -> bool:
                        return any(
                            s.name == "consume notifications"
                            and s.context is not None
                            and s.context.trace_id == trace_id
                            for s in exporter.get_finished_spans()
                        )

                    await wait_until(consumed)
            spans = exporter.get_finished_spans()
        in_trace = [s for s in spans if s.context is not None and s.context.trace_id == trace_id]
        appends = [s for s in in_trace if s.name == "event_store.append"]
        assert len(appends) >= 4  # start, answers, submit, accept, schedule: one append each
        assert all(s.attributes and s.attributes["immportal.last_position"] >= 1 for s in appends)
        assert any(s.attributes and s.attributes.get("db.system") == "postgresql" for s in in_trace)
        consumer = [s for s in in_trace if s.name == "consume notifications"]
        assert consumer
        assert all(s.kind == trace.SpanKind.CONSUMER for s in consumer)
        published = [s for s in spans if s.name == "relay.publish"]
        linked = {link.context.trace_id for s in published for link in s.links}
        assert trace_id in linked
        assert any(m["To"] == email for m in sink.messages)
