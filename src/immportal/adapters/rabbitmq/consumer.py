"""Running a consumer's handler on each delivery and settling it: ack, retry later or park."""

import asyncio
from collections.abc import Awaitable, Callable
from functools import partial

import structlog
from aio_pika.abc import AbstractIncomingMessage
from opentelemetry import trace

from immportal import metrics
from immportal.adapters.rabbitmq.errors import map_broker_errors
from immportal.adapters.rabbitmq.messages import copy_of, failure_headers, from_amqp
from immportal.adapters.rabbitmq.publisher import ConfirmingPublisher, Envelope
from immportal.adapters.rabbitmq.topology import QueueNames
from immportal.adapters.trace_context import context_from
from immportal.integration.ports import BrokerUnavailable, ConsumerSpec, Handler, IncomingMessage

log = structlog.get_logger(__name__)
TRACER = trace.get_tracer(__name__)

EFFECT_GRACE_SECONDS = 10.0


def _forget(effects: set[asyncio.Future[None]]) -> Callable[[asyncio.Future[None]], None]:
    def done(effect: asyncio.Future[None]) -> None:
        effects.discard(effect)
        if not effect.cancelled():
            effect.exception()  # retrieved here when the delivery was cancelled meanwhile

    return done


class Consumer:
    """Delivers to one handler; a failure is retried through the retry queue, then parked."""

    def __init__(
        self,
        spec: ConsumerSpec,
        names: QueueNames,
        handler: Handler,
        publisher: ConfirmingPublisher,
    ) -> None:
        self._spec = spec
        self._names = names
        self._handler = handler
        self._publisher = publisher
        self._running: set[asyncio.Task[object]] = set()
        self._effects: set[asyncio.Future[None]] = set()

    async def on_delivery(self, delivery: AbstractIncomingMessage) -> None:
        """Handle one delivery (aio-pika runs each in its own task, up to the prefetch)."""
        task = asyncio.current_task()
        if task is not None:
            self._running.add(task)
        try:
            await self._deliver(delivery)
        finally:
            if task is not None:
                self._running.discard(task)

    async def stop(self) -> None:
        """Let handlers already under way finish (bounded), then stop the deliveries.

        The broker requeues unsettled deliveries; a handler that finished its effect
        has recorded it, so the redelivery is recognised as a repeat.
        """
        if self._effects:
            await asyncio.wait(list(self._effects), timeout=EFFECT_GRACE_SECONDS)
        running = [task for task in self._running if task is not asyncio.current_task()]
        for task in running:
            task.cancel()
        await asyncio.gather(*running, return_exceptions=True)

    async def _deliver(self, delivery: AbstractIncomingMessage) -> None:
        message = from_amqp(delivery)
        # The span joins the trace of the command that wrote the event; the effect's task
        # is created inside it, so its database calls and mail belong to it too.
        with TRACER.start_as_current_span(
            f"consume {self._spec.name}",
            context=context_from(message.headers),
            kind=trace.SpanKind.CONSUMER,
            attributes={"messaging.message.id": message.message_id, "attempt": message.attempt},
        ):
            await self._deliver_traced(delivery, message)

    async def _deliver_traced(
        self, delivery: AbstractIncomingMessage, message: IncomingMessage
    ) -> None:
        # Shielded: a lost channel cancels this delivery's task, but an effect already
        # under way (an email being sent and recorded) finishes and is recorded, so the
        # redelivery finds it done instead of doing it twice.
        effect = asyncio.ensure_future(self._handler(message))
        self._effects.add(effect)
        effect.add_done_callback(_forget(self._effects))
        try:
            await asyncio.shield(effect)
        except Exception as exc:
            await self._after_failure(delivery, message.attempt, exc)
        else:
            await self._settle(delivery, delivery.ack)
            metrics.consumer_deliveries.labels(self._spec.name, "handled").inc()

    async def _after_failure(
        self, delivery: AbstractIncomingMessage, attempt: int, exc: Exception
    ) -> None:
        # Only the class name: an exception's text may quote personal data from the body.
        error = type(exc).__name__
        if attempt < self._spec.max_attempts:
            event = "message_retry_scheduled"
            envelope = Envelope(
                "", self._names.retry, copy_of(delivery, attempt=attempt + 1), mandatory=True
            )
        else:
            event = "message_dead_lettered"
            note = f"{error} on attempt {attempt} of {self._spec.max_attempts}"
            failure = failure_headers(error, note)
            envelope = Envelope(
                "",
                self._names.dead,
                copy_of(delivery, attempt=attempt, failure=failure),
                mandatory=True,
            )
        fields = {"consumer": self._spec.name, "message_id": delivery.message_id, "error": error}
        try:
            await self._publisher.publish([envelope])
        except BrokerUnavailable:
            # Nothing is lost: the original goes back to the queue and this attempt repeats.
            log.warning("message_requeued", attempt=attempt, **fields)
            metrics.consumer_deliveries.labels(self._spec.name, "requeued").inc()
            await self._settle(delivery, partial(delivery.nack, requeue=True))
            return
        log.warning(event, attempt=attempt, **fields)
        outcome = "retried" if event == "message_retry_scheduled" else "dead_lettered"
        metrics.consumer_deliveries.labels(self._spec.name, outcome).inc()
        await self._settle(delivery, delivery.ack)

    async def _settle(
        self, delivery: AbstractIncomingMessage, settle: Callable[[], Awaitable[None]]
    ) -> None:
        try:
            with map_broker_errors("settle"):
                await settle()
        except BrokerUnavailable:
            # The channel it came on is gone, so the broker redelivers it: at least once.
            log.info(
                "message_settle_lost", consumer=self._spec.name, message_id=delivery.message_id
            )
