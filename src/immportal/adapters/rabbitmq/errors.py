"""One place that turns aio-pika, aiormq and socket errors into BrokerUnavailable."""

import asyncio
from collections.abc import Iterator
from contextlib import contextmanager

import aiormq.exceptions
import pamqp.exceptions

from immportal.integration.ports import BrokerUnavailable

# aiormq's AMQPError covers aio-pika's own (DeliveryError, PublishError, QueueEmpty);
# ChannelInvalidStateError is a RuntimeError, so it is named on its own.
_UNAVAILABLE: tuple[type[BaseException], ...] = (
    OSError,
    asyncio.TimeoutError,
    aiormq.exceptions.AMQPError,
    aiormq.exceptions.ChannelInvalidStateError,
    pamqp.exceptions.PAMQPException,
)


@contextmanager
def map_broker_errors(action: str) -> Iterator[None]:
    """Re-raise broker, protocol and socket errors met while doing `action` as BrokerUnavailable."""
    try:
        yield
    except BrokerUnavailable:
        raise
    except _UNAVAILABLE as exc:
        raise BrokerUnavailable(f"{action}: {type(exc).__name__}: {exc}".rstrip(": ")) from exc
