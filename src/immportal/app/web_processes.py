"""Several web processes on one port (SO_REUSEPORT), the way aiohttp applications use cores.

The parent only supervises: it starts each web process as a fresh `immportal serve` (a new
interpreter, not a fork, so no lock or thread of the parent's is inherited), restarts one
that dies, and passes SIGTERM or SIGINT on to all of them. The kernel spreads new connections
over the processes listening on the port. Workers run inside each process and elect one
leader per job through PostgreSQL, as they would across machines.
"""

import os
import signal
import subprocess
import sys
import time
from types import FrameType

import structlog

from immportal.settings import Settings

log = structlog.get_logger(__name__)

RESTART_PAUSE_SECONDS = 1.0
"""A process that died is started again after this pause (a crash loop stays slow)."""
POLL_SECONDS = 0.5
CONFIGURATION_PROBLEM = 2
"""A process's exit code for a setting it cannot start with (as `immportal` exits)."""


def default_processes(dev: bool, embedded: bool) -> int:
    """One per core in production; one in development or on the embedded database."""
    if dev or embedded:
        # The embedded PostgreSQL belongs to the process that starts it.
        return 1
    return os.cpu_count() or 1


def _environment(settings: Settings, index: int) -> dict[str, str]:
    # What the command line changed travels as settings; the rest is the same environment.
    return os.environ | {
        "IMMPORTAL_HOST": settings.host,
        "IMMPORTAL_PORT": str(settings.port),
        "IMMPORTAL_DEV": str(settings.dev).lower(),
        "IMMPORTAL_RUN_WORKERS": str(settings.run_workers).lower(),
        "IMMPORTAL_WEB_PROCESSES": "1",
        "IMMPORTAL_WEB_PROCESS_INDEX": str(index),
    }


def supervise(settings: Settings, count: int) -> int:
    """Run `count` web processes until told to stop; the exit code for the parent."""
    children: dict[int, subprocess.Popen[bytes]] = {}
    stopping = False

    def start(index: int) -> None:
        command = [sys.executable, "-m", "immportal", "serve"]
        children[index] = subprocess.Popen(command, env=_environment(settings, index))  # noqa: S603

    def stop(signum: int, _frame: FrameType | None) -> None:
        nonlocal stopping
        stopping = True
        for child in children.values():
            if child.poll() is None:
                child.send_signal(signum)

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    for index in range(count):
        start(index)
    log.info("web_processes_started", processes=count)
    while True:
        running = {i: c for i, c in children.items() if c.poll() is None}
        if stopping:
            if not running:
                return 0
        else:
            for index, child in children.items():
                if child.returncode == CONFIGURATION_PROBLEM:
                    # It said why on its way out; starting it again would say it again.
                    stop(signal.SIGTERM, None)
                    return CONFIGURATION_PROBLEM
                if child.returncode is not None:
                    log.error("web_process_died", index=index, status=child.returncode)
                    time.sleep(RESTART_PAUSE_SECONDS)
                    start(index)
        time.sleep(POLL_SECONDS)
