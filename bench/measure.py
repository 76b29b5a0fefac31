"""Small measuring tools: rates, latency percentiles, CPU split between Python and PostgreSQL."""

import os
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Throughput:
    """How many things were done in how long."""

    count: int
    seconds: float

    @property
    def rate(self) -> float:
        """Things per second."""
        return self.count / self.seconds if self.seconds > 0 else 0.0


@dataclass(frozen=True)
class Latencies:
    """Latency percentiles of many timed operations, in milliseconds."""

    count: int
    seconds: float
    p50: float
    p99: float
    max: float

    @property
    def rate(self) -> float:
        """Operations per second over the whole run."""
        return self.count / self.seconds if self.seconds > 0 else 0.0


def percentile(sorted_values: Sequence[float], fraction: float) -> float:
    """Nearest-rank percentile of already sorted values."""
    if not sorted_values:
        return 0.0
    index = min(len(sorted_values) - 1, max(0, round(fraction * len(sorted_values)) - 1))
    return sorted_values[index]


def latencies(samples: Sequence[float], seconds: float) -> Latencies:
    """Summarise latencies given in seconds."""
    ordered = sorted(s * 1000 for s in samples)
    return Latencies(
        len(ordered),
        seconds,
        percentile(ordered, 0.50),
        percentile(ordered, 0.99),
        ordered[-1] if ordered else 0.0,
    )


@dataclass
class CpuUse:
    """CPU seconds spent in a window: by this process, by the bench database's PostgreSQL
    processes, optionally by the RabbitMQ broker, and by the whole machine (so load from
    anything else shows up)."""

    wall: float = 0.0
    python: float = 0.0
    postgres: float | None = None
    machine: float | None = None
    broker: float | None = None

    def describe(self) -> str:
        """E.g. 'cores: py 0.98, pg 0.71, mq 0.40, other 0.10'."""
        if self.wall <= 0:
            return ""
        parts = [f"py {self.python / self.wall:.2f}"]
        if self.postgres is not None:
            parts.append(f"pg {self.postgres / self.wall:.2f}")
        if self.broker is not None:
            parts.append(f"mq {self.broker / self.wall:.2f}")
        if self.machine is not None:
            other = self.machine - self.python - (self.postgres or 0.0) - (self.broker or 0.0)
            parts.append(f"other {max(other, 0.0) / self.wall:.2f}")
        return "cores: " + ", ".join(parts)


_TICK = os.sysconf("SC_CLK_TCK")
# PostgreSQL's own helpers, which do work (WAL, checkpoints) for every database.
_AUXILIARY = ("walwriter", "checkpointer", "background writer", "autovacuum")


def _serves(proc: Path, database: str) -> bool:
    """Whether a process is PostgreSQL working for `database` (or for every database)."""
    try:
        if (proc / "comm").read_text().strip() != "postgres":
            return False
        command = (proc / "cmdline").read_bytes().decode(errors="replace")
    except OSError:
        return False
    return f" {database} " in command or any(a in command for a in _AUXILIARY)


def _ticks(proc: Path) -> int | None:
    try:
        stat = (proc / "stat").read_text()
    except OSError:
        return None
    fields = stat[stat.rfind(")") + 2 :].split()
    return int(fields[11]) + int(fields[12])  # utime, stime


def _is_broker(proc: Path) -> bool:
    """Whether a process is the local RabbitMQ node (the Erlang VM)."""
    try:
        return (proc / "comm").read_text().strip() == "beam.smp"
    except OSError:
        return False


def process_ticks(select: Callable[[Path], bool], known: dict[int, bool]) -> dict[int, int]:
    """User+system clock ticks of each local process that `select` picks.

    `known` caches the choice per pid, so repeated samples stay cheap.
    """
    found: dict[int, int] = {}
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        pid = int(proc.name)
        if pid not in known:
            known[pid] = select(proc)
        if known[pid] and (ticks := _ticks(proc)) is not None:
            found[pid] = ticks
    return found


def postgres_ticks(database: str, known: dict[int, bool] | None = None) -> dict[int, int]:
    """User+system clock ticks of each local PostgreSQL process serving `database`."""
    return process_ticks(lambda proc: _serves(proc, database), {} if known is None else known)


class ProcessSampler:
    """Follows chosen processes through a window, so short-lived ones count too.

    With `interval` None there is no sampling thread: only the processes alive at the
    start and the end count (enough for a long-lived server such as RabbitMQ).
    """

    def __init__(self, select: Callable[[Path], bool], interval: float | None = 0.2) -> None:
        self._select = select
        self._interval = interval
        self._known: dict[int, bool] = {}
        self._before = process_ticks(select, self._known)
        self._latest = dict(self._before)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)
        if interval is not None:
            self._thread.start()

    def _sample(self) -> None:
        while self._interval is not None and not self._stop.wait(self._interval):
            self._latest.update(process_ticks(self._select, self._known))

    def stop(self) -> float:
        """CPU seconds used since the sampler started."""
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join()
        self._latest.update(process_ticks(self._select, self._known))
        ticks = sum(now - self._before.get(pid, 0) for pid, now in self._latest.items())
        return ticks / _TICK


class PostgresSampler(ProcessSampler):
    """Follows PostgreSQL processes of `database` (and its helpers) through a window."""

    def __init__(self, database: str, interval: float = 0.2) -> None:
        super().__init__(lambda proc: _serves(proc, database), interval)


def machine_cpu_seconds() -> float | None:
    """Busy CPU seconds of the whole machine since boot, summed over cores."""
    try:
        fields = Path("/proc/stat").read_text().splitlines()[0].split()[1:]
    except OSError:
        return None
    values = [int(v) for v in fields]
    idle = values[3] + values[4]  # idle, iowait
    return (sum(values[:8]) - idle) / _TICK


def machine_busy_cores(seconds: float = 1.0) -> float | None:
    """How many cores the machine keeps busy right now (before a benchmark starts)."""
    before = machine_cpu_seconds()
    time.sleep(seconds)
    after = machine_cpu_seconds()
    return None if before is None or after is None else (after - before) / seconds


@contextmanager
def cpu_use(database: str | None, *, broker: bool = False) -> Iterator[CpuUse]:
    """Measure the CPU split of the block; `database` None skips PostgreSQL (remote server);
    `broker` also counts a local RabbitMQ node.

    A backend that starts and exits between two samples (0.2 s) is missed.
    """
    use = CpuUse()
    sampler = PostgresSampler(database) if database else None
    broker_sampler = ProcessSampler(_is_broker, interval=None) if broker else None
    machine_before = machine_cpu_seconds()
    py_before, wall_before = time.process_time(), time.perf_counter()
    try:
        yield use
    finally:
        use.wall = time.perf_counter() - wall_before
        use.python = time.process_time() - py_before
        use.postgres = sampler.stop() if sampler else None
        use.broker = broker_sampler.stop() if broker_sampler else None
        machine_after = machine_cpu_seconds()
        if machine_before is not None and machine_after is not None:
            use.machine = machine_after - machine_before
