"""The stand-in scanner for a portal with none configured: files are marked unscanned."""

from collections.abc import AsyncIterable

from immportal.domain.evidence.document import ScanResult
from immportal.services.evidence.ports import Verdict


class NoScanner:
    """Used when no scanner is configured: every file is marked unscanned, never clean."""

    name = "none"

    async def scan(self, chunks: AsyncIterable[bytes]) -> Verdict:
        """Unscanned, without reading the bytes."""
        return Verdict(ScanResult.UNSCANNED, self.name)
