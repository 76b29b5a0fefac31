"""The embedded message bus: the same interface as RabbitMQ, inside one process.

Nothing survives a restart (the relay republishes from its recorded position, and
consumers drop repeats), which is what the embedded, single-process mode needs.
"""

import asyncio
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

import structlog

from immportal.integration.ports import ConsumerSpec, Handler, IncomingMessage, OutgoingMessage

log = structlog.get_logger(__name__)


def pattern_matches(pattern: str, routing_key: str) -> bool:
    """AMQP topic matching: `*` is exactly one word, `#` is zero or more."""
    return _match(pattern.split("."), routing_key.split("."))


def _match(pattern: list[str], words: list[str]) -> bool:
    if not pattern:
        return not words
    head, rest = pattern[0], pattern[1:]
    if head == "#":
        return any(_match(rest, words[skip:]) for skip in range(len(words) + 1))
    return bool(words) and head in ("*", words[0]) and _match(rest, words[1:])


@dataclass
class _Queue:
    spec: ConsumerSpec
    pending: asyncio.Queue[IncomingMessage] = field(default_factory=asyncio.Queue)
    dead: list[IncomingMessage] = field(default_factory=list)


class InProcessBus:
    """Topic routing, prefetch, retries with delay and dead letters, in memory."""

    def __init__(self) -> None:
        self._queues: dict[str, _Queue] = {}
        self._retries: set[asyncio.TimerHandle] = set()
        self.published: dict[str, int] = defaultdict(int)

    def _queue(self, spec: ConsumerSpec) -> _Queue:
        return self._queues.setdefault(spec.name, _Queue(spec))

    async def declare(self, spec: ConsumerSpec) -> None:
        """Create the consumer's queue so messages wait for it."""
        self._queue(spec)

    async def publish(self, messages: Sequence[OutgoingMessage]) -> None:
        """Route each message to every consumer queue whose patterns match."""
        for message in messages:
            self.published[message.routing_key] += 1
            for queue in self._queues.values():
                if any(pattern_matches(p, message.routing_key) for p in queue.spec.patterns):
                    queue.pending.put_nowait(
                        IncomingMessage(
                            message.message_id,
                            message.routing_key,
                            message.body,
                            dict(message.headers),
                        )
                    )

    async def consume(self, spec: ConsumerSpec, handler: Handler) -> None:
        """Run up to `prefetch` deliveries at a time until cancelled."""
        queue = self._queue(spec)
        slots = asyncio.Semaphore(spec.prefetch)
        tasks: set[asyncio.Task[None]] = set()
        try:
            while True:
                message = await queue.pending.get()
                await slots.acquire()
                task = asyncio.create_task(self._deliver(queue, handler, message, slots))
                tasks.add(task)
                task.add_done_callback(tasks.discard)
        finally:
            for task in tasks:
                task.cancel()

    async def _deliver(
        self, queue: _Queue, handler: Handler, message: IncomingMessage, slots: asyncio.Semaphore
    ) -> None:
        try:
            await handler(message)
        except Exception as exc:
            self._retry_or_park(queue, message, exc)
        finally:
            slots.release()

    def _retry_or_park(self, queue: _Queue, message: IncomingMessage, exc: Exception) -> None:
        spec = queue.spec
        if message.attempt >= spec.max_attempts:
            log.warning("message_dead_lettered", consumer=spec.name, error=type(exc).__name__)
            headers = {**message.headers, "x-last-error": type(exc).__name__}
            queue.dead.append(replace(message, headers=headers))
            return
        again = replace(message, attempt=message.attempt + 1)
        handle = asyncio.get_running_loop().call_later(
            spec.retry_delay, queue.pending.put_nowait, again
        )
        self._retries.add(handle)

    async def dead_letters(self, consumer: str) -> list[IncomingMessage]:
        """Parked messages of a consumer, oldest first."""
        queue = self._queues.get(consumer)
        return list(queue.dead) if queue else []

    async def replay_dead_letters(self, consumer: str) -> int:
        """Give every parked message a fresh set of attempts."""
        queue = self._queues.get(consumer)
        if queue is None:
            return 0
        parked, queue.dead = queue.dead, []
        for message in parked:
            queue.pending.put_nowait(replace(message, attempt=1))
        return len(parked)

    async def close(self) -> None:
        """Drop scheduled retries."""
        for handle in self._retries:
            handle.cancel()
        self._retries.clear()
