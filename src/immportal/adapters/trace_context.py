"""W3C trace context in and out of our own carriers: the events table and broker headers.

The OpenTelemetry API is a no-op until the composition root installs a tracer provider
(`app/tracing.py`), so these cost next to nothing when tracing is off.
"""

from collections.abc import Mapping

from opentelemetry import context, propagate
from opentelemetry.context import Context

TRACEPARENT = "traceparent"


def current_traceparent() -> str | None:
    """The current span's traceparent header value, or None outside any recorded span."""
    carrier: dict[str, str] = {}
    propagate.inject(carrier)
    return carrier.get(TRACEPARENT)


def context_from(headers: Mapping[str, object]) -> Context:
    """The trace context a message's headers carry (the current context if none)."""
    value = headers.get(TRACEPARENT)
    if not isinstance(value, str):
        return context.get_current()
    return propagate.extract({TRACEPARENT: value})
