"""Small measuring tools: rates, latency percentiles, CPU split between Python and PostgreSQL."""

import os
import threading
import time
from collections.abc import Iterator, Sequence
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
    processes, and by the whole machine (so load from anything else shows up)."""

    wall: float = 0.0
    python: float = 0.0
    postgres: float | None = None
    machine: float | None = None

    def describe(self) -> str:
        """E.g. 'cores: py 0.98, pg 0.71, other 0.10'."""
        if self.wall <= 0:
            return ""
        parts = [f"py {self.python / self.wall:.2f}"]
        if self.postgres is not None:
            parts.append(f"pg {self.postgres / self.wall:.2f}")
        if self.machine is not None:
            other = self.machine - self.python - (self.postgres or 0.0)
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


def postgres_ticks(database: str, known: dict[int, bool] | None = None) -> dict[int, int]:
    """User+system clock ticks of each local PostgreSQL process serving `database`.

    `known` caches which pids serve it, so repeated samples stay cheap.
    """
    known = {} if known is None else known
    found: dict[int, int] = {}
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        pid = int(proc.name)
        if pid not in known:
            known[pid] = _serves(proc, database)
        if known[pid] and (ticks := _ticks(proc)) is not None:
            found[pid] = ticks
    return found


class PostgresSampler:
    """Follows PostgreSQL processes through a window, so short-lived backends count too."""

    def __init__(self, database: str, interval: float = 0.2) -> None:
        self._database = database
        self._interval = interval
        self._known: dict[int, bool] = {}
        self._before = postgres_ticks(database, self._known)
        self._latest = dict(self._before)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()

    def _sample(self) -> None:
        while not self._stop.wait(self._interval):
            self._latest.update(postgres_ticks(self._database, self._known))

    def stop(self) -> float:
        """CPU seconds used since the sampler started."""
        self._stop.set()
        self._thread.join()
        self._latest.update(postgres_ticks(self._database, self._known))
        ticks = sum(now - self._before.get(pid, 0) for pid, now in self._latest.items())
        return ticks / _TICK


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
def cpu_use(database: str | None) -> Iterator[CpuUse]:
    """Measure the CPU split of the block; `database` None skips PostgreSQL (remote server).

    A backend that starts and exits between two samples (0.2 s) is missed.
    """
    use = CpuUse()
    sampler = PostgresSampler(database) if database else None
    machine_before = machine_cpu_seconds()
    py_before, wall_before = time.process_time(), time.perf_counter()
    try:
        yield use
    finally:
        use.wall = time.perf_counter() - wall_before
        use.python = time.process_time() - py_before
        use.postgres = sampler.stop() if sampler else None
        machine_after = machine_cpu_seconds()
        if machine_before is not None and machine_after is not None:
            use.machine = machine_after - machine_before
