"""Draws previews in a fresh worker process per document, limited by the kernel.

Each document gets its own process (forked from a forkserver that has the drawing
libraries loaded, so starting one is cheap): RLIMIT_CPU stops a file that would take
more than its CPU budget (the kernel sends SIGXCPU), RLIMIT_AS one that would take more
memory, and a wall-clock timeout ends a process that waits on nothing. A process that
dies takes only its own document down, never another one being drawn at the time.
"""

import asyncio
import multiprocessing
import resource
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

import structlog

from immportal.domain.evidence.document import MediaType
from immportal.i18n import N_
from immportal.services.evidence.previews import (
    PreviewLimits,
    PreviewRefused,
    RenderedPreviews,
    render_previews,
)

log = structlog.get_logger(__name__)

CPU_SECONDS = 20
"""CPU one document's preview may use; a real 20-page scan needs a few seconds."""
MEMORY_BYTES = 1536 * 1024**2
"""Address space of the drawing process: room for PDFium and a few full-size pages."""
WALL_SECONDS = 60.0
"""Time allowed in all, for a process that is slow without using CPU (a busy machine)."""
TOO_COSTLY = N_("The file takes too much work to preview.")


def _limit(cpu_seconds: int, memory_bytes: int) -> None:
    # Runs first in the worker process, before the document is handed over.
    resource.setrlimit(resource.RLIMIT_CPU, (cpu_seconds, cpu_seconds + 1))
    resource.setrlimit(resource.RLIMIT_AS, (memory_bytes, memory_bytes))


class ProcessPreviewRenderer:
    """A PreviewRenderer on worker processes, at most `workers` at a time."""

    def __init__(
        self,
        limits: PreviewLimits | None = None,
        *,
        workers: int = 1,
        cpu_seconds: int = CPU_SECONDS,
        memory_bytes: int = MEMORY_BYTES,
        wall_seconds: float = WALL_SECONDS,
        start_method: str = "forkserver",
    ) -> None:
        self.limits = limits or PreviewLimits()
        self._slots = asyncio.Semaphore(workers)
        self._cpu_seconds, self._memory_bytes = cpu_seconds, memory_bytes
        self._wall_seconds = wall_seconds
        # "spawn" starts each worker from nothing: slower, but it owes nothing to what the
        # shared forkserver happened to load first (tests of the limits use it).
        self._context = multiprocessing.get_context(start_method)
        if start_method == "forkserver":
            self._context.set_forkserver_preload(["immportal.services.evidence.previews"])
        self.processes_started = 0
        """How many worker processes were started (each document is drawn in a new one)."""

    async def render(self, data: bytes, media_type: MediaType) -> RenderedPreviews:
        """The pages as PNG images, drawn in a worker process; PreviewRefused past the budget."""
        async with self._slots:
            executor = ProcessPoolExecutor(
                max_workers=1,
                mp_context=self._context,
                initializer=_limit,
                initargs=(self._cpu_seconds, self._memory_bytes),
            )
            self.processes_started += 1
            try:
                job = asyncio.get_running_loop().run_in_executor(
                    executor, render_previews, data, media_type.value, self.limits
                )
                return await asyncio.wait_for(job, self._wall_seconds)
            except (BrokenProcessPool, TimeoutError, MemoryError, ImportError) as exc:
                # ImportError: the drawing libraries could not be mapped within the memory limit.
                log.warning("preview_over_budget", error=type(exc).__name__, size=len(data))
                raise PreviewRefused(TOO_COSTLY) from exc
            finally:
                _stop(executor)


def _stop(executor: ProcessPoolExecutor) -> None:
    # A process still drawing after its time is up is killed, not waited for.
    for process in list(getattr(executor, "_processes", {}).values()):
        if process.is_alive():
            process.kill()
    executor.shutdown(wait=False, cancel_futures=True)
