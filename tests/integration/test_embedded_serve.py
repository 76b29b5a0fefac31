"""`immportal serve` with no database configured runs on an embedded PostgreSQL."""

import asyncio
import os
import signal
import socket
import sys
from pathlib import Path

import aiohttp
import psutil


def free_port() -> int:
    """A loopback port nobody listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def postgres_processes(data_dir: Path) -> list[psutil.Process]:
    """PostgreSQL server processes whose data lives under `data_dir`."""
    found = []
    for proc in psutil.process_iter(["name", "cmdline"]):
        cmdline = " ".join(proc.info["cmdline"] or [])
        if proc.info["name"] == "postgres" and str(data_dir) in cmdline:
            found.append(proc)
    return found


async def wait_for_ready(url: str, seconds: float = 60) -> dict[str, object]:
    """Poll /readyz until it answers 200; return its body."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + seconds
    async with aiohttp.ClientSession() as session:
        while loop.time() < deadline:
            try:
                async with session.get(url + "/readyz") as response:
                    if response.status == 200:
                        body: dict[str, object] = await response.json()
                        return body
            except aiohttp.ClientConnectionError:
                pass
            await asyncio.sleep(0.2)
    raise AssertionError("the portal did not become ready")


async def wait_for_page(url: str, text: str, seconds: float = 30) -> str:
    """Poll a page until it shows `text` (projections catch up asynchronously)."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + seconds
    page = ""
    async with aiohttp.ClientSession() as session:
        while loop.time() < deadline and text not in page:
            async with session.get(url) as response:
                page = await response.text()
            await asyncio.sleep(0.1)
    return page


class TestEmbeddedDefaults:
    """No IMMPORTAL_DATABASE_URL: an embedded server starts, serves, and stops with us."""

    async def test_serve_starts_and_stops_embedded_postgres(self, tmp_path: Path) -> None:
        """Demo cases are served from the embedded database; on exit the server is gone."""
        port = free_port()
        env = {k: v for k, v in os.environ.items() if not k.startswith("IMMPORTAL_")}
        env |= {
            "IMMPORTAL_DATA_DIR": str(tmp_path),
            "IMMPORTAL_PORT": str(port),
            "IMMPORTAL_LOG_LEVEL": "warning",
        }
        proc = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "immportal",
            "serve",
            "--dev",
            env=env,
            stdout=asyncio.subprocess.DEVNULL,
            stderr=asyncio.subprocess.PIPE,
        )
        try:
            ready = await wait_for_ready(f"http://127.0.0.1:{port}")
            running = postgres_processes(tmp_path)
            page = await wait_for_page(f"http://127.0.0.1:{port}/dev/cases", "I-765")
        finally:
            proc.send_signal(signal.SIGINT)
            _, stderr = await asyncio.wait_for(proc.communicate(), 60)
        assert "ready" == ready["status"]
        assert running, "no embedded PostgreSQL was running"
        assert (tmp_path / "postgres" / "PG_VERSION").exists()
        assert "I-765" in page
        assert 0 == proc.returncode, stderr.decode()[-2000:]
        assert [] == postgres_processes(tmp_path)
