"""Shutdown ends every worker, even one whose first cancellation got lost."""

import asyncio

from immportal.app.workers import running


async def loses_one_cancellation(log: list[str]) -> None:
    """A worker whose retry loop swallows one cancellation, as a lost one looks from outside."""
    try:
        await asyncio.sleep(3600)
    except asyncio.CancelledError:
        log.append("first cancellation lost")
    await asyncio.sleep(3600)


class TestRunning:
    """Leaving the block cancels the jobs and waits until each has ended."""

    async def test_a_straggler_is_cancelled_again(self) -> None:
        """The worker that carried on is cancelled a second time, and shutdown completes."""
        log: list[str] = []
        async with asyncio.timeout(10):
            async with running([loses_one_cancellation(log)]):
                await asyncio.sleep(0.01)
        assert ["first cancellation lost"] == log
