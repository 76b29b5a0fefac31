"""ClamAV's daemon over its INSTREAM protocol, on TCP or a unix socket (asyncio streams)."""

import asyncio
import struct
from collections.abc import AsyncIterable, AsyncIterator, Iterator
from contextlib import asynccontextmanager, contextmanager

from immportal.domain.evidence.document import ScanResult
from immportal.services.evidence.ports import ScannerUnavailable, Verdict

# clamd takes the stream as chunks, each after its length (4 bytes, network order),
# and a zero length to end; the "z" form of a command ends every message with NUL.
_INSTREAM = b"zINSTREAM\0"
_END = struct.pack("!I", 0)
_MAX_CHUNK = 64 * 1024
_MAX_REPLY = 4096


@contextmanager
def map_clamd_errors(address: str) -> Iterator[None]:
    """Re-raise a lost or silent clamd as ScannerUnavailable."""
    try:
        yield
    except ScannerUnavailable:
        raise
    except (OSError, TimeoutError, asyncio.IncompleteReadError, asyncio.LimitOverrunError) as exc:
        raise ScannerUnavailable(f"clamd at {address}: {type(exc).__name__}") from exc


def parse_reply(reply: str, scanner: str) -> Verdict:
    """Turn clamd's answer ("stream: OK", "stream: NAME FOUND", "... ERROR") into a verdict."""
    text = reply.strip()
    if text.endswith("FOUND"):
        signature = text.removeprefix("stream:").removesuffix("FOUND").strip()
        return Verdict(ScanResult.INFECTED, scanner, signature or "unknown")
    if text == "stream: OK":
        return Verdict(ScanResult.CLEAN, scanner)
    raise ScannerUnavailable(f"clamd could not scan the file: {text[:200]}")


class ClamdScanner:
    """Streams each file to clamd and reads its verdict."""

    name = "clamav"

    def __init__(self, address: str, *, timeout: float = 60) -> None:
        self.address, self._timeout = address, timeout

    @asynccontextmanager
    async def _connection(self) -> AsyncIterator[tuple[asyncio.StreamReader, asyncio.StreamWriter]]:
        if self.address.startswith("/"):
            reader, writer = await asyncio.open_unix_connection(self.address)
        else:
            host, _, port = self.address.rpartition(":")
            reader, writer = await asyncio.open_connection(host.strip("[]"), int(port))
        try:
            yield reader, writer
        finally:
            writer.close()

    async def ping(self) -> bool:
        """Whether clamd answers PING with PONG."""
        with map_clamd_errors(self.address):
            async with asyncio.timeout(self._timeout), self._connection() as (reader, writer):
                writer.write(b"zPING\0")
                await writer.drain()
                return await reader.readuntil(b"\0") == b"PONG\0"

    async def scan(self, chunks: AsyncIterable[bytes]) -> Verdict:
        """Send the bytes with INSTREAM and return clamd's verdict."""
        with map_clamd_errors(self.address):
            async with asyncio.timeout(self._timeout), self._connection() as (reader, writer):
                writer.write(_INSTREAM)
                async for chunk in chunks:
                    for start in range(0, len(chunk), _MAX_CHUNK):
                        piece = chunk[start : start + _MAX_CHUNK]
                        writer.write(struct.pack("!I", len(piece)) + piece)
                        await writer.drain()
                writer.write(_END)
                await writer.drain()
                reply = await reader.readuntil(b"\0")
        if len(reply) > _MAX_REPLY:
            raise ScannerUnavailable("clamd sent an overlong reply")
        return parse_reply(reply.rstrip(b"\0").decode("utf-8", "replace"), self.name)
