"""The sandbox's webhook deliveries: signed, retried with growing delays, replayable."""

from __future__ import annotations

import asyncio
import secrets
import time
from collections.abc import Sequence
from typing import Any

import aiohttp
import orjson
import structlog

from immportal.adapters.payments.signature import SIGNATURE_HEADER, sign

log = structlog.get_logger(__name__)
RETRY_DELAYS = (0.5, 2.0, 10.0, 30.0, 120.0)
"""Seconds before each retry of a delivery the merchant did not accept with a 2xx."""


class WebhookSender:
    """Posts events to the merchant's webhook URL; every delivery is signed afresh."""

    def __init__(
        self,
        url: str,
        secret: bytes,
        *,
        retry_delays: Sequence[float] = RETRY_DELAYS,
        timeout: float = 10.0,
    ) -> None:
        self._url, self._secret, self._delays = url, secret, tuple(retry_delays)
        self._timeout = aiohttp.ClientTimeout(total=timeout)
        self._http: aiohttp.ClientSession | None = None
        self._tasks: set[asyncio.Task[bool]] = set()
        self._gate = asyncio.Event()
        self._gate.set()
        self.events: dict[str, bytes] = {}
        """Every event sent, by id, as signed (so it can be sent again unchanged)."""

    async def start(self) -> None:
        """Open the HTTP client."""
        self._http = aiohttp.ClientSession(timeout=self._timeout)

    async def close(self) -> None:
        """Stop retrying and close the HTTP client."""
        for task in list(self._tasks):
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)
        if self._http is not None:
            await self._http.close()

    def send(self, event_type: str, data: dict[str, Any]) -> str:
        """Deliver a new event in the background; return its id."""
        event_id = f"evt_{secrets.token_hex(12)}"
        body = orjson.dumps(
            {"id": event_id, "type": event_type, "created": int(time.time()), "data": data}
        )
        self.events[event_id] = body
        self._spawn(event_id)
        return event_id

    def resend(self, event_id: str) -> None:
        """Deliver an event again, as the same event (a merchant must handle it once)."""
        self._spawn(event_id)

    def hold(self) -> None:
        """Keep deliveries waiting until release() (a slow network, for testing the return)."""
        self._gate.clear()

    def release(self) -> None:
        """Let held deliveries go."""
        self._gate.set()

    async def drain(self) -> None:
        """Wait until every delivery so far has succeeded or given up."""
        while self._tasks:
            await asyncio.gather(*list(self._tasks), return_exceptions=True)

    def _spawn(self, event_id: str) -> None:
        task = asyncio.create_task(self._deliver(event_id))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _deliver(self, event_id: str) -> bool:
        await self._gate.wait()
        for delay in (0.0, *self._delays):
            await asyncio.sleep(delay)
            if await self._post(event_id):
                return True
        log.warning("sandbox_webhook_gave_up", event_id=event_id)
        return False

    async def _post(self, event_id: str) -> bool:
        assert self._http is not None, "start() the sender first"
        body = self.events[event_id]
        headers = {
            "Content-Type": "application/json",
            SIGNATURE_HEADER: sign(self._secret, body, int(time.time())),
        }
        try:
            async with self._http.post(self._url, data=body, headers=headers) as response:
                delivered = 200 <= response.status < 300
        except (aiohttp.ClientError, TimeoutError) as exc:
            log.info("sandbox_webhook_failed", event_id=event_id, error=type(exc).__name__)
            return False
        log.info("sandbox_webhook_sent", event_id=event_id, delivered=delivered)
        return delivered
