"""Upload inspection in a bounded pool of worker processes, with a budget per file.

Decoding a hostile image or walking a hostile PDF is CPU work that, in the web
process's default thread pool, slowed every sign-in (Argon2 shares that pool) and held
the GIL. Here it runs in a few dedicated processes: at most `workers` files are inspected
at once, whatever the number of uploads; each file gets `cpu_seconds` of CPU time (a
SIGPROF timer in the worker) and the worker an address-space limit; a file that breaks
or outlasts its worker is refused and the pool replaced.
"""

import asyncio
import contextlib
import io
import multiprocessing
import os
import resource
import signal
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from types import FrameType
from typing import BinaryIO

import structlog

from immportal.domain.evidence.document import MediaType
from immportal.services.evidence.inspection import inspect_file
from immportal.services.evidence.intake import UnsafeDocument

log = structlog.get_logger(__name__)

TOO_SLOW = "The file takes too long to check. Upload a simpler scan, or fewer pages in one file."
BROKE = "The file could not be checked. Upload a simpler scan, or fewer pages in one file."
WORKER_MEMORY = 2 * 1024**3
"""Address space of one worker: a frame within the pixel limit decodes in far less."""


class _OverBudget(Exception):
    """Raised in the worker by its CPU timer."""


def _on_timer(_signum: int, _frame: FrameType | None) -> None:
    raise _OverBudget


def _start_worker() -> None:
    # A worker ignores Ctrl-C: the parent shuts the pool down in order.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGPROF, _on_timer)
    with contextlib.suppress(ValueError, OSError):
        resource.setrlimit(resource.RLIMIT_AS, (WORKER_MEMORY, WORKER_MEMORY))


def inspect_in_worker(
    data: bytes, media_type: str, max_pixels: int, max_total_pixels: int, cpu_seconds: float
) -> tuple[int, str | None]:
    """In a worker: (its pid, why the file is refused or None). Plain values cross back."""
    signal.setitimer(signal.ITIMER_PROF, cpu_seconds)
    try:
        inspect_file(
            io.BytesIO(data),
            MediaType(media_type),
            max_pixels=max_pixels,
            max_total_pixels=max_total_pixels,
        )
    except UnsafeDocument as refused:
        return os.getpid(), str(refused)
    except _OverBudget:
        return os.getpid(), TOO_SLOW
    except MemoryError:
        return os.getpid(), BROKE
    except Exception:  # a parser's own bug on a hostile file: refuse the file, keep the pool
        return os.getpid(), BROKE
    finally:
        signal.setitimer(signal.ITIMER_PROF, 0)
    return os.getpid(), None


class ProcessPoolInspector:
    """Inspects uploads in `workers` processes; refuses what is unsafe or over budget."""

    def __init__(
        self,
        *,
        workers: int,
        max_pixels: int,
        max_total_pixels: int,
        cpu_seconds: float,
    ) -> None:
        self._workers = workers
        self._max_pixels, self._max_total_pixels = max_pixels, max_total_pixels
        self._cpu_seconds = cpu_seconds
        self._pool = self._new_pool()
        self.worker_pids: set[int] = set()
        """The processes that inspected files, for logs and tests."""

    def _new_pool(self) -> ProcessPoolExecutor:
        # forkserver: a fork of the web process would copy its threads' locks and sockets.
        context = multiprocessing.get_context("forkserver")
        return ProcessPoolExecutor(self._workers, mp_context=context, initializer=_start_worker)

    async def inspect(self, spool: BinaryIO, media_type: MediaType) -> None:
        """Raise UnsafeDocument unless the spooled file is safe to keep."""
        data = await asyncio.to_thread(_read_all, spool)
        loop = asyncio.get_running_loop()
        job = loop.run_in_executor(
            self._pool,
            inspect_in_worker,
            data,
            media_type.value,
            self._max_pixels,
            self._max_total_pixels,
            self._cpu_seconds,
        )
        try:
            # The CPU timer ends the work; the wall clock only catches a stuck worker.
            pid, refusal = await asyncio.wait_for(job, self._cpu_seconds * 3 + 5)
        except (TimeoutError, BrokenProcessPool):
            log.warning("inspection_pool_replaced", media_type=media_type.value)
            self._replace_pool()
            raise UnsafeDocument(BROKE) from None
        self.worker_pids.add(pid)
        if refusal is not None:
            log.info("upload_refused_by_inspection", media_type=media_type.value, size=len(data))
            raise UnsafeDocument(refusal)

    def _replace_pool(self) -> None:
        broken, self._pool = self._pool, self._new_pool()
        _kill(broken)

    def close(self) -> None:
        """Stop the workers; inspections still queued are cancelled."""
        _kill(self._pool)


def _read_all(spool: BinaryIO) -> bytes:
    spool.seek(0)
    return spool.read()


def _kill(pool: ProcessPoolExecutor) -> None:
    # shutdown() alone waits for a running task; a stuck worker must not hold the server.
    processes = list((getattr(pool, "_processes", None) or {}).values())
    pool.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        with contextlib.suppress(OSError, ValueError, AttributeError):
            process.kill()
