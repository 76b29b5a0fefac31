"""Conversion between the port's messages and AMQP messages, and the copies we re-publish."""

import time
from collections.abc import Mapping
from datetime import UTC, datetime

from aio_pika import DeliveryMode, Message
from aio_pika.abc import AbstractIncomingMessage, HeadersType

from immportal.integration.ports import IncomingMessage, OutgoingMessage

ATTEMPT = "x-attempt"
ROUTING_KEY = "x-routing-key"
LAST_ERROR = "x-last-error"
LAST_ERROR_NOTE = "x-last-error-note"
PARKED_AT = "x-parked-at"

# Our bookkeeping and the broker's (dead-lettering history, quorum delivery count):
# a handler sees the publisher's headers, the same on every attempt.
_BOOKKEEPING = (
    ATTEMPT,
    ROUTING_KEY,
    "x-death",
    "x-delivery-count",
    "x-first-death-",
    "x-last-death-",
)
_FAILURE = (LAST_ERROR, LAST_ERROR_NOTE, PARKED_AT)


def _own(headers: HeadersType, dropped: tuple[str, ...]) -> HeadersType:
    return {key: value for key, value in headers.items() if not key.startswith(dropped)}


def to_amqp(message: OutgoingMessage) -> Message:
    """A persistent JSON message carrying the event's id, headers and publication time."""
    return Message(
        message.body,
        message_id=message.message_id,
        headers=dict(message.headers),
        content_type="application/json",
        delivery_mode=DeliveryMode.PERSISTENT,
        timestamp=datetime.now(UTC),
    )


def attempt_of(delivery: AbstractIncomingMessage) -> int:
    """The delivery's attempt number from `x-attempt`, 1 when absent or unreadable."""
    value = delivery.headers.get(ATTEMPT)
    if isinstance(value, int) and not isinstance(value, bool) and value >= 1:
        return value
    return 1


def failure_headers(error: str, note: str) -> dict[str, str | int]:
    """Why and when a message was parked: the error class, a note, microseconds since the epoch."""
    return {LAST_ERROR: error, LAST_ERROR_NOTE: note, PARKED_AT: time.time_ns() // 1000}


def parking_order(delivery: AbstractIncomingMessage) -> tuple[int, int, str]:
    """Sort key for dead letters: when parked, else when published; then the id for ties.

    Quorum queues do not keep a requeued message's place, so queue order cannot say
    which message is oldest once the dead-letter queue has been read.
    """
    parked = delivery.headers.get(PARKED_AT)
    published = delivery.timestamp.timestamp() if delivery.timestamp else 0
    return (
        parked if isinstance(parked, int) else int(published * 1_000_000),
        int(published * 1_000_000),
        delivery.message_id or "",
    )


def from_amqp(delivery: AbstractIncomingMessage) -> IncomingMessage:
    """The port's view of a delivery: original routing key, publisher headers, attempt."""
    original = delivery.headers.get(ROUTING_KEY)
    return IncomingMessage(
        message_id=delivery.message_id or "",
        routing_key=original if isinstance(original, str) else delivery.routing_key or "",
        body=delivery.body,
        headers=_own(delivery.headers, _BOOKKEEPING),
        attempt=attempt_of(delivery),
    )


def copy_of(
    delivery: AbstractIncomingMessage,
    *,
    attempt: int,
    failure: Mapping[str, str | int] | None = None,
) -> Message:
    """A persistent copy for another queue: same id, body and headers, a new attempt number.

    Copies travel through the default exchange, so the original routing key rides along
    in a header. Old failure headers are dropped; `failure` adds the latest.
    """
    original = delivery.headers.get(ROUTING_KEY)
    routing_key = original if isinstance(original, str) else delivery.routing_key or ""
    headers = _own(delivery.headers, _BOOKKEEPING + _FAILURE)
    headers.update(failure or {})
    headers.update({ATTEMPT: attempt, ROUTING_KEY: routing_key})
    return Message(
        delivery.body,
        message_id=delivery.message_id,
        headers=headers,
        content_type=delivery.content_type or "application/json",
        delivery_mode=DeliveryMode.PERSISTENT,
        timestamp=delivery.timestamp or datetime.now(UTC),
    )
