"""The intake: sniffing before the bytes flow, hashing, counting and the size limit."""

import hashlib
import io
from collections.abc import AsyncIterator

import pytest

from immportal.domain.evidence.document import MediaType
from immportal.services.evidence.intake import (
    FileTooLarge,
    Intake,
    UnsupportedFileType,
    read_spool,
)
from testkit import evidence_samples as samples


async def drain(intake: Intake) -> bytes:
    """Everything the intake passes on."""
    return b"".join([chunk async for chunk in intake.stream()])


class TestIntake:
    """Bytes pass through unchanged and are measured on the way."""

    async def test_passes_hashes_counts_and_spools(self) -> None:
        """The output equals the input; size, SHA-256 and the local copy match it."""
        data = samples.pdf()
        spool = io.BytesIO()
        intake = Intake(samples.chunks_of(data, 7), max_bytes=10**6, spool=spool)
        assert MediaType.PDF == await intake.begin()
        assert data == await drain(intake)
        assert (len(data), hashlib.sha256(data).hexdigest()) == (intake.size, intake.sha256)
        assert data == b"".join([chunk async for chunk in read_spool(spool)])

    @pytest.mark.parametrize(
        "data", [samples.windows_executable(), samples.html_page(), b"", b"%PD"]
    )
    async def test_unknown_content_is_refused_before_streaming(self, data: bytes) -> None:
        """Programs, web pages, empty and too-short files are refused by begin()."""
        intake = Intake(samples.chunks_of(data, 3), max_bytes=10**6, spool=io.BytesIO())
        with pytest.raises(UnsupportedFileType):
            await intake.begin()

    async def test_limit_is_enforced_while_streaming(self) -> None:
        """A file over the limit fails as soon as it passes it, not at the end."""
        consumed = []

        async def endless() -> AsyncIterator[bytes]:
            yield b"%PDF-1.7"
            while True:
                consumed.append(1)
                yield b"x" * 1000

        intake = Intake(endless(), max_bytes=5000, spool=io.BytesIO())
        await intake.begin()
        with pytest.raises(FileTooLarge, match="larger than"):
            await drain(intake)
        assert len(consumed) <= 6
        assert intake.size <= 5000
