"""`immportal serve --processes N`: N web processes share one port, supervised by the parent."""

import asyncio
import os
import signal
from pathlib import Path

import aiohttp
import psutil

from testkit.checkpoint_keys import checkpoint_keys_file
from testkit.flow_support import serving
from testkit.signing_files import signing_env
from testkit.support import TEST_CIPHER_KEY


def portal_env(database_url: str) -> dict[str, str]:
    """A production-mode portal on the test's database, with two web processes."""
    return {
        "IMMPORTAL_DATABASE_URL": database_url,
        "IMMPORTAL_CIPHER_KEY": TEST_CIPHER_KEY,
        "IMMPORTAL_CHECKPOINT_KEY_FILE": str(checkpoint_keys_file()),
        "IMMPORTAL_ALLOW_SANDBOX_PAYMENTS": "true",
        "IMMPORTAL_ALLOW_UNSCANNED_UPLOADS": "true",
        "IMMPORTAL_ALLOW_LOCAL_MAILBOX": "true",
        "IMMPORTAL_WEB_PROCESSES": "2",
        "IMMPORTAL_LOG_LEVEL": "warning",
        **signing_env(),
    }


def listeners(parent: psutil.Process, port: int) -> set[int]:
    """The processes under `parent` listening on the port."""
    found = set()
    for child in parent.children(recursive=True):
        try:
            connections = child.net_connections(kind="tcp")
        except psutil.NoSuchProcess:
            continue
        if any(c.status == psutil.CONN_LISTEN and c.laddr.port == port for c in connections):
            found.add(child.pid)
    return found


async def wait_for_listeners(
    parent: psutil.Process, port: int, count: int, gone: int | None = None
) -> set[int]:
    """Wait until `count` processes under `parent` listen on the port (and `gone` is not one)."""
    for _ in range(600):
        found = listeners(parent, port)
        if len(found) == count and gone not in found:
            return found
        await asyncio.sleep(0.1)
    raise AssertionError(f"{count} listeners expected, found {listeners(parent, port)}")


def serving_parent(port: int) -> psutil.Process:
    """The `immportal serve` process started for this test (the one whose children listen)."""
    for process in psutil.Process(os.getpid()).children():
        if "serve" in process.cmdline():
            return process
    raise AssertionError("no serve process")


class TestWebProcesses:
    """The kernel spreads connections over the processes; the parent keeps them running."""

    async def test_two_processes_share_the_port_and_a_dead_one_comes_back(
        self, database_url: str, tmp_path: Path
    ) -> None:
        """Both listen and answer; one killed is replaced; SIGINT stops them all."""
        async with serving(tmp_path, portal_env(database_url)) as server:
            port = int(server.url.rsplit(":", 1)[1])
            parent = serving_parent(port)
            first = await wait_for_listeners(parent, port, 2)
            async with aiohttp.ClientSession() as session:
                for _ in range(20):
                    async with session.get(f"{server.url}/healthz") as response:
                        assert 200 == response.status
            killed = min(first)
            os.kill(killed, signal.SIGKILL)
            # SIGKILL lands a moment later: wait for the killed one to be gone and replaced.
            after = await wait_for_listeners(parent, port, 2, gone=killed)
            assert killed not in after
            assert len(first & after) == 1
        assert 0 == server.returncode or server.returncode == -signal.SIGINT
