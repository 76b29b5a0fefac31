"""A real clamd for the test session, with a one-signature database written at run time.

The official signature database cannot be downloaded here, so the daemon gets a
database directory holding a single body signature for the EICAR test file. The
EICAR string is assembled from parts when the tests run, so no file in the
repository contains it whole.
"""

import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from testkit.seaweed import free_ports

START_TIMEOUT = 60
SIGNATURE_NAME = "Immportal.Test.EICAR"

# The industry-standard antivirus test string, in pieces (see the module docstring).
_EICAR_PARTS = (r"X5O!P%@AP[4\PZX54(P^)7CC)7}$", "EICAR-STANDARD-", "ANTIVIRUS-TEST-FILE!$H+H*")


def eicar() -> bytes:
    """The EICAR test file: harmless, yet every scanner reports it."""
    return "".join(_EICAR_PARTS).encode("ascii")


@dataclass(frozen=True)
class Clamd:
    """A running clamd: its TCP address and unix socket."""

    tcp_address: str
    socket_path: str
    started_in: float


def clamd_binary() -> str:
    """Debian's clamd (package clamav-daemon, installed by `make system-deps`)."""
    found = shutil.which("clamd") or next(
        (p for p in ("/usr/sbin/clamd", "/sbin/clamd") if Path(p).exists()), None
    )
    if found is None:
        pytest.fail("clamd is missing: run `make system-deps` (Debian package clamav-daemon)")
    return found


def _write_config(root: Path, port: int) -> Path:
    database = root / "db"
    database.mkdir()
    # An .ndb body signature: name, target type 0 (any file), offset *, hex bytes.
    (database / "immportal-test.ndb").write_text(f"{SIGNATURE_NAME}:0:*:{eicar().hex()}\n")
    config = root / "clamd.conf"
    config.write_text(
        "\n".join(
            [
                "Foreground yes",
                f"DatabaseDirectory {database}",
                f"LocalSocket {root / 'clamd.sock'}",
                f"TCPSocket {port}",
                "TCPAddr 127.0.0.1",
                f"LogFile {root / 'clamd.log'}",
                "StreamMaxLength 64M",
                "SelfCheck 0",
                "",
            ]
        )
    )
    return config


def _answers(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=1) as sock:
            sock.sendall(b"zPING\0")
            return sock.recv(16).startswith(b"PONG")
    except OSError:
        return False


@pytest.fixture(scope="session")
def clamd() -> Iterator[Clamd]:
    """clamd on a free loopback port and a unix socket, for the whole session."""
    binary = clamd_binary()
    # Short path: unix socket names are limited to about 100 bytes.
    with tempfile.TemporaryDirectory(prefix="clamd-", dir="/tmp") as tmp:
        root = Path(tmp)
        (port,) = free_ports(1)
        config = _write_config(root, port)
        began = time.monotonic()
        with (root / "stdout.log").open("wb") as out:
            process = subprocess.Popen(
                [binary, "--config-file", str(config)],
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        try:
            deadline = time.monotonic() + START_TIMEOUT
            while not _answers(port):
                if process.poll() is not None or time.monotonic() > deadline:
                    log = (root / "stdout.log").read_text(errors="replace")[-3000:]
                    pytest.fail(f"clamd did not start:\n{log}")
                time.sleep(0.05)
            yield Clamd(f"127.0.0.1:{port}", str(root / "clamd.sock"), time.monotonic() - began)
        finally:
            process.terminate()
            try:
                process.wait(10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(10)
