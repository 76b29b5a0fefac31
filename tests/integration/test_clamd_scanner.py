"""The clamd adapter against a real clamd: INSTREAM over TCP and a unix socket."""

import os
from collections.abc import AsyncIterator

import pytest

from immportal.adapters.scanning.clamd import ClamdScanner
from immportal.domain.evidence.document import ScanResult
from immportal.services.evidence.ports import ScannerUnavailable
from testkit.clamd_daemon import SIGNATURE_NAME, Clamd, eicar
from testkit.seaweed import free_ports


async def chunks_of(data: bytes, size: int = 100_000) -> AsyncIterator[bytes]:
    """The bytes in chunks, as the upload spool hands them over."""
    for start in range(0, len(data), size):
        yield data[start : start + size]


class TestVerdicts:
    """clamd's answers become clean or infected verdicts."""

    async def test_clean_file_is_clean(self, clamd: Clamd) -> None:
        """Ordinary bytes (over several stream chunks) are reported clean."""
        verdict = await ClamdScanner(clamd.tcp_address).scan(chunks_of(os.urandom(300_000)))
        assert (ScanResult.CLEAN, "clamav", None) == (
            verdict.result,
            verdict.scanner,
            verdict.signature,
        )

    async def test_eicar_is_infected(self, clamd: Clamd) -> None:
        """The EICAR test file is reported infected, with the signature's name."""
        verdict = await ClamdScanner(clamd.tcp_address).scan(chunks_of(eicar()))
        assert ScanResult.INFECTED == verdict.result
        assert verdict.signature is not None
        assert verdict.signature.startswith(SIGNATURE_NAME)

    async def test_eicar_inside_a_larger_file_is_infected(self, clamd: Clamd) -> None:
        """The signature is found anywhere in the stream, across chunk boundaries."""
        data = os.urandom(150_001) + eicar() + os.urandom(50_000)
        verdict = await ClamdScanner(clamd.tcp_address).scan(chunks_of(data, 65_536))
        assert ScanResult.INFECTED == verdict.result

    async def test_unix_socket_works_too(self, clamd: Clamd) -> None:
        """An address that is a path is reached as a unix socket."""
        scanner = ClamdScanner(clamd.socket_path)
        assert await scanner.ping()
        assert ScanResult.INFECTED == (await scanner.scan(chunks_of(eicar()))).result


class TestUnavailable:
    """No clamd means no verdict, said plainly."""

    async def test_closed_port_raises_scanner_unavailable(self) -> None:
        """A scanner address where nothing listens raises ScannerUnavailable."""
        (port,) = free_ports(1)
        with pytest.raises(ScannerUnavailable):
            await ClamdScanner(f"127.0.0.1:{port}").scan(chunks_of(b"x"))
