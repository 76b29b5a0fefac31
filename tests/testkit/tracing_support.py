"""Recording spans in a test with the SDK's in-memory exporter.

A process has one tracer provider, so the first test that records installs it (through the
portal's own `start_tracing`) and every later test reuses it; spans are kept only while a
test is recording, so the rest of the suite pays nothing and keeps nothing.
"""

from collections.abc import Iterator
from contextlib import contextmanager

from opentelemetry.context import Context
from opentelemetry.sdk.trace import ReadableSpan, Span, SpanProcessor
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter

from immportal.app.tracing import start_tracing

_EXPORTER = InMemorySpanExporter()


class _Gate(SpanProcessor):
    """Passes ended spans to the in-memory exporter only while a test records."""

    def __init__(self) -> None:
        self.open = False
        self._inner = SimpleSpanProcessor(_EXPORTER)

    def on_start(self, span: Span, parent_context: Context | None = None) -> None:
        """Nothing to do when a span starts."""

    def on_end(self, span: ReadableSpan) -> None:
        """Keep the span if a test is recording."""
        if self.open:
            self._inner.on_end(span)


_GATE = _Gate()


@contextmanager
def recorded_spans() -> Iterator[InMemorySpanExporter]:
    """Record every span ended inside the block; the exporter holds them."""
    start_tracing("immportal-test", processor=_GATE)
    _EXPORTER.clear()
    _GATE.open = True
    try:
        yield _EXPORTER
    finally:
        _GATE.open = False
