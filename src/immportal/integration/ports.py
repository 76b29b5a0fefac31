"""The message bus as the relay and the consumers see it, whatever carries it."""

from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from immportal.errors import PortalError

EXCHANGE = "immportal.events"


class BrokerUnavailable(PortalError):
    """The broker cannot be reached or did not confirm; nothing may be assumed delivered."""


@dataclass(frozen=True)
class OutgoingMessage:
    """One integration event on its way to the exchange."""

    message_id: str
    routing_key: str
    body: bytes
    headers: Mapping[str, str | int] = field(default_factory=dict)


@dataclass(frozen=True)
class IncomingMessage:
    """One delivery to a consumer; `attempt` counts from 1."""

    message_id: str
    routing_key: str
    body: bytes
    headers: Mapping[str, object]
    attempt: int = 1


Handler = Callable[[IncomingMessage], Awaitable[None]]


@dataclass(frozen=True)
class ConsumerSpec:
    """A named consumer: its queue's bindings, prefetch and retry policy.

    A handler that returns has handled the message (it is acknowledged); one that
    raises is retried after `retry_delay` seconds, and after `max_attempts` the
    message is parked in the consumer's dead-letter queue.
    """

    name: str
    patterns: tuple[str, ...]
    max_attempts: int = 5
    retry_delay: float = 5.0
    prefetch: int = 32


class Publisher(Protocol):
    """Publishes integration events durably."""

    async def publish(self, messages: Sequence[OutgoingMessage]) -> None:
        """Return only once the broker has confirmed every message; else raise BrokerUnavailable."""
        ...


class MessageBus(Publisher, Protocol):
    """Publishing plus consuming, retries and dead letters."""

    async def declare(self, spec: ConsumerSpec) -> None:
        """Create the consumer's queues now, so nothing published before it runs is lost."""
        ...

    async def consume(self, spec: ConsumerSpec, handler: Handler) -> None:
        """Deliver matching messages to `handler` until cancelled."""
        ...

    async def dead_letters(self, consumer: str) -> list[IncomingMessage]:
        """Messages parked after their last attempt, oldest first (left in place)."""
        ...

    async def replay_dead_letters(self, consumer: str) -> int:
        """Send every parked message back to the consumer for a fresh set of attempts."""
        ...
