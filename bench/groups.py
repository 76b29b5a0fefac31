"""Watch the group-commit writer at work: group sizes and where each group's time goes.

Bench-only instrumentation: the writer's `_commit_group` and its connection (a pool's,
or its own dedicated one) are wrapped for the duration of a measurement, and every
database call is timed by kind. The writer's own SQL runs unchanged; 'python' is the
rest of the group's time.
"""

import time
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from types import TracebackType
from typing import Any

from immportal.adapters.postgres.eventstore import PostgresEventStore
from immportal.adapters.postgres.writer import GroupCommitWriter

STEPS = (
    "connect",
    "acquire",
    "begin",
    "begin+lock",
    "lock",
    "head",
    "insert",
    "commit",
    "release",
    "other sql",
)


@dataclass
class GroupStats:
    """What the group-commit writer did while being watched."""

    groups: int = 0
    events: int = 0
    seconds: float = 0.0
    steps: dict[str, float] = field(default_factory=lambda: defaultdict(float))

    def describe(self) -> str:
        """E.g. 'avg group 64 ev, 3.10 ms/group (begin 0.2, lock 0.2, ...)'."""
        if not self.groups:
            return ""
        per = {k: v / self.groups * 1000 for k, v in self.steps.items()}
        total = self.seconds / self.groups * 1000
        per["python"] = total - sum(per.values())
        split = ", ".join(f"{k} {per[k]:.2f}" for k in (*STEPS, "python") if k in per)
        return f"avg group {self.events / self.groups:.1f} ev, {total:.2f} ms/group ({split})"


def _kind(query: str) -> str:
    text = " ".join(query.split()).lower()
    if "pg_advisory_xact_lock" in text:
        return "begin+lock" if text.startswith("begin") else "lock"
    if text.startswith("commit"):
        return "commit"
    if text.startswith(("with inserted", "insert")):
        return "insert"
    if "from events" in text:
        return "head"
    return "other sql"


class _Timer:
    def __init__(self, stats: GroupStats, step: str) -> None:
        self._stats, self._step = stats, step
        self._started = 0.0

    def __enter__(self) -> None:
        self._started = time.perf_counter()

    def __exit__(self, *exc: object) -> None:
        self._stats.steps[self._step] += time.perf_counter() - self._started


class _Transaction:
    def __init__(self, inner: Any, stats: GroupStats) -> None:
        self._inner, self._stats = inner, stats

    async def __aenter__(self) -> Any:
        with _Timer(self._stats, "begin"):
            return await self._inner.__aenter__()

    async def __aexit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> Any:
        with _Timer(self._stats, "commit"):
            return await self._inner.__aexit__(kind, exc, tb)


class _Connection:
    def __init__(self, inner: Any, stats: GroupStats) -> None:
        self._inner, self._stats = inner, stats

    def transaction(self, *args: Any, **kwargs: Any) -> _Transaction:
        return _Transaction(self._inner.transaction(*args, **kwargs), self._stats)

    async def execute(self, query: str, *args: Any, **kwargs: Any) -> Any:
        with _Timer(self._stats, _kind(query)):
            return await self._inner.execute(query, *args, **kwargs)

    async def fetch(self, query: str, *args: Any, **kwargs: Any) -> Any:
        with _Timer(self._stats, _kind(query)):
            return await self._inner.fetch(query, *args, **kwargs)

    async def fetchrow(self, query: str, *args: Any, **kwargs: Any) -> Any:
        with _Timer(self._stats, _kind(query)):
            return await self._inner.fetchrow(query, *args, **kwargs)

    async def fetchval(self, query: str, *args: Any, **kwargs: Any) -> Any:
        with _Timer(self._stats, _kind(query)):
            return await self._inner.fetchval(query, *args, **kwargs)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._inner, name)


class _Acquire:
    def __init__(self, pool: Any, stats: GroupStats) -> None:
        self._inner, self._stats = pool.acquire(), stats

    async def __aenter__(self) -> _Connection:
        with _Timer(self._stats, "acquire"):
            return _Connection(await self._inner.__aenter__(), self._stats)

    async def __aexit__(self, *exc: Any) -> None:
        with _Timer(self._stats, "release"):
            await self._inner.__aexit__(*exc)


class _Pool:
    def __init__(self, inner: Any, stats: GroupStats) -> None:
        self._inner, self._stats = inner, stats

    def acquire(self) -> _Acquire:
        return _Acquire(self._inner, self._stats)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._inner, name)


def _writer_of(store: PostgresEventStore) -> GroupCommitWriter | None:
    # Other engineers are reshaping the store; find its writer under either name.
    found = getattr(store, "writer", None) or getattr(store, "_writer", None)
    return found if isinstance(found, GroupCommitWriter) else None


@contextmanager
def _proxied_connection(writer: GroupCommitWriter, stats: GroupStats) -> Iterator[None]:
    """Time the SQL of a writer that keeps its own connection (`_conn`, `_connect`)."""
    if not hasattr(writer, "_connect"):
        yield
        return
    connect = writer._connect

    async def timed_connect() -> Any:
        with _Timer(stats, "connect"):
            return _Connection(await connect(), stats)

    current = getattr(writer, "_conn", None)
    setattr(writer, "_connect", timed_connect)  # noqa: B010
    if current is not None:
        setattr(writer, "_conn", _Connection(current, stats))  # noqa: B010
    try:
        yield
    finally:
        setattr(writer, "_connect", connect)  # noqa: B010
        proxy = getattr(writer, "_conn", None)
        if isinstance(proxy, _Connection):
            setattr(writer, "_conn", proxy._inner)  # noqa: B010


@contextmanager
def _proxied_pool(writer: GroupCommitWriter, stats: GroupStats) -> Iterator[None]:
    """Time the SQL of a writer that borrows pool connections (`_pool`)."""
    pool = getattr(writer, "_pool", None)
    if pool is None:
        yield
        return
    setattr(writer, "_pool", _Pool(pool, stats))  # noqa: B010
    try:
        yield
    finally:
        setattr(writer, "_pool", pool)  # noqa: B010


@contextmanager
def watch_groups(store: PostgresEventStore) -> Iterator[GroupStats | None]:
    """Time the store writer's groups and their database steps (None if it has changed)."""
    writer = _writer_of(store)
    original = getattr(writer, "_commit_group", None)
    if writer is None or original is None:
        yield None
        return
    stats = GroupStats()

    async def timed(group: Any) -> None:
        started = time.perf_counter()
        try:
            await original(group)
        finally:
            stats.seconds += time.perf_counter() - started
            stats.groups += 1
            stats.events += sum(len(request.events) for request in group)

    setattr(writer, "_commit_group", timed)  # noqa: B010 - instance overrides, undone below
    try:
        with _proxied_pool(writer, stats), _proxied_connection(writer, stats):
            yield stats
    finally:
        delattr(writer, "_commit_group")
