"""The Scanner port: every uploaded file passes it before anyone can download it."""

from collections.abc import AsyncIterable
from dataclasses import dataclass
from typing import Protocol

from immportal.domain.evidence.document import ScanResult
from immportal.errors import PortalError


class ScannerUnavailable(PortalError):
    """The configured scanner cannot be reached or failed; the upload was not kept."""


@dataclass(frozen=True)
class Verdict:
    """A scanner's answer: the result and, when infected, the signature it matched."""

    result: ScanResult
    scanner: str
    signature: str | None = None


class Scanner(Protocol):
    """Looks at a file's bytes and says whether they carry malware."""

    name: str

    async def scan(self, chunks: AsyncIterable[bytes]) -> Verdict:
        """Scan the bytes; raise ScannerUnavailable when no verdict can be had."""
        ...


class NoScanner:
    """Used when no scanner is configured: every file is marked unscanned, never clean."""

    name = "none"

    async def scan(self, chunks: AsyncIterable[bytes]) -> Verdict:
        """Unscanned, without reading the bytes."""
        return Verdict(ScanResult.UNSCANNED, self.name)
