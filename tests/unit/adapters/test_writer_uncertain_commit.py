"""A COMMIT whose answer is lost: the writer asks the log whether the group landed."""

from typing import Any
from uuid import uuid4

import asyncpg
import pytest
from eventsourcing.persistence import StoredEvent

from immportal.adapters.postgres.writer import GroupCommitWriter
from immportal.errors import DatabaseUnavailable


class FakeServer:
    """The log as a dict position -> chain hash, and how the next COMMIT's connection breaks."""

    def __init__(self, *, commit_then_break: bool) -> None:
        self.committed: dict[int, bytes] = {}
        self.commit_then_break = commit_then_break
        self.breaks_left = 1


class FakeConnection:
    """Just enough of asyncpg.Connection for the writer; COMMIT can break its connection."""

    def __init__(self, server: FakeServer) -> None:
        self.server = server
        self.pending: dict[int, bytes] = {}
        self.closed = False

    async def execute(self, query: str, *args: Any) -> str:
        """Begin, insert into the pending rows, commit (and maybe break), or roll back."""
        if query == "COMMIT":
            if self.server.breaks_left:
                self.server.breaks_left -= 1
                if self.server.commit_then_break:
                    self.server.committed |= self.pending
                self.closed = True
                raise asyncpg.ConnectionDoesNotExistError("connection was closed in the middle")
            self.server.committed |= self.pending
        elif "INSERT INTO events" in query:
            positions, chains = args[4], args[6]
            self.pending = dict(zip(positions, chains, strict=True))
        return "OK"

    async def fetch(self, _query: str, _ids: Any) -> list[dict[str, Any]]:
        """An empty log: no head, no versions."""
        return []

    async def fetchval(self, _query: str, position: int) -> bytes | None:
        """The chain hash recorded at a position, if committed."""
        return self.server.committed.get(position)

    def is_closed(self) -> bool:
        """Whether the connection broke."""
        return self.closed

    async def close(self) -> None:
        """Close it."""
        self.closed = True


def event() -> StoredEvent:
    """A new aggregate's first event."""
    return StoredEvent(uuid4(), 1, "immportal.test:Happened", b"{}")


async def append_with(server: FakeServer) -> list[int]:
    """Append one event through a writer whose connections reach the fake server."""

    async def connect() -> Any:
        return FakeConnection(server)

    writer = GroupCommitWriter(connect)
    writer.start()
    try:
        return await writer.append([event()])
    finally:
        await writer.stop()


class TestUncertainCommit:
    """The answer matches what the log holds, not the broken connection."""

    async def test_landed_commit_is_a_success(self) -> None:
        """The server committed, then the connection broke: the append succeeds at its position."""
        server = FakeServer(commit_then_break=True)
        positions = await append_with(server)
        assert [1] == positions
        assert [1] == list(server.committed)

    async def test_lost_commit_is_unavailable(self) -> None:
        """The connection broke before the server committed: the append says so, nothing saved."""
        server = FakeServer(commit_then_break=False)
        with pytest.raises(DatabaseUnavailable):
            await append_with(server)
        assert {} == server.committed
