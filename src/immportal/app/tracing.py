"""Traces with OpenTelemetry: off unless OTEL_EXPORTER_OTLP_ENDPOINT is set.

The standard OTEL_* variables configure the exporter (endpoint, headers, protocol) and the
sampler, as every OpenTelemetry SDK reads them; the portal adds only the service name.
Spans: one per request (aiohttp server), one per database call (asyncpg), one per event
append (with its log positions), one per relay batch, and one per message a consumer handles,
joined to the trace of the command that wrote the event (the traceparent travels in the
events table and in the message's headers).
"""

import os

from opentelemetry import trace
from opentelemetry.instrumentation.aiohttp_server import AioHttpServerInstrumentor
from opentelemetry.instrumentation.asyncpg import AsyncPGInstrumentor
from opentelemetry.sdk.resources import Resource
from opentelemetry.sdk.trace import SpanProcessor, TracerProvider
from opentelemetry.sdk.trace.export import BatchSpanProcessor, SpanExporter

ENDPOINT_VARIABLE = "OTEL_EXPORTER_OTLP_ENDPOINT"


def start_tracing(service: str, *, processor: SpanProcessor | None = None) -> bool:
    """Install a tracer provider once per process, if tracing is configured; say if it is on.

    `processor` replaces the OTLP exporter (tests pass an in-memory one).
    """
    if tracing_on():
        return True
    if processor is None:
        if not os.environ.get(ENDPOINT_VARIABLE):
            return False
        processor = BatchSpanProcessor(_otlp_exporter())
    provider = TracerProvider(resource=Resource.create({"service.name": service}))
    provider.add_span_processor(processor)
    trace.set_tracer_provider(provider)
    # Before any web application is built: the instrumentor adds its request span as the
    # outermost middleware of every aiohttp application made afterwards.
    AioHttpServerInstrumentor().instrument()
    AsyncPGInstrumentor().instrument()  # type: ignore[no-untyped-call]  # the package has no annotations
    return True


def tracing_on() -> bool:
    """Whether this process records spans (an SDK tracer provider is installed)."""
    return isinstance(trace.get_tracer_provider(), TracerProvider)


def _otlp_exporter() -> SpanExporter:
    # Imported only when configured: the exporter pulls in protobuf and an HTTP client.
    from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter

    return OTLPSpanExporter()
