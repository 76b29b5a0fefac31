"""Run an account command again on a fresh copy when another request saved first."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import TypeVar

from immportal.errors import ConcurrencyConflict

T = TypeVar("T")
ATTEMPTS = 3
"""How often a command is retried on a fresh copy when another request saved first."""


async def retrying(attempt: Callable[[], Awaitable[T]]) -> T:
    """Await the attempt, again on ConcurrencyConflict, up to ATTEMPTS times in all."""
    for _ in range(ATTEMPTS - 1):
        try:
            return await attempt()
        except ConcurrencyConflict:
            continue
    return await attempt()
