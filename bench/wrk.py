"""Closed-loop HTTP load with wrk: requests/s, latency percentiles, and the CPU each side spent."""

import json
import os
import resource
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import psutil

from bench.measure import PostgresSampler, machine_cpu_seconds

# wrk reports through this Lua hook: one JSON line, latencies in microseconds.
_REPORT = """
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'WRK {"requests": %d, "duration_us": %d, "bytes": %d, "p50_us": %.0f, "p99_us": %.0f,'
    .. ' "max_us": %.0f, "status": %d, "connect": %d, "read": %d, "write": %d, "timeout": %d}\\n',
    summary.requests, summary.duration, summary.bytes, latency:percentile(50),
    latency:percentile(99), latency.max, e.status, e.connect, e.read, e.write, e.timeout))
end
"""


@dataclass(frozen=True)
class WrkRun:
    """One wrk run against one URL, with the CPU spent by the server, PostgreSQL and the rest."""

    connections: int
    requests: int
    seconds: float
    p50_ms: float
    p99_ms: float
    max_ms: float
    bytes_per_request: float
    errors: int
    server_cpu: float
    postgres_cpu: float | None
    client_cpu: float
    machine_cpu: float | None
    load_before: float
    load_after: float

    @property
    def rate(self) -> float:
        """Requests per second."""
        return self.requests / self.seconds if self.seconds > 0 else 0.0

    @property
    def server_ms_per_request(self) -> float:
        """CPU milliseconds the server process spent per request (drift-resistant)."""
        return self.server_cpu / self.requests * 1000 if self.requests else 0.0

    @property
    def postgres_ms_per_request(self) -> float | None:
        """CPU milliseconds PostgreSQL spent per request, when its server is local."""
        if self.postgres_cpu is None or not self.requests:
            return None
        return self.postgres_cpu / self.requests * 1000

    @property
    def other_cores(self) -> float | None:
        """Cores kept busy by anything but the server, PostgreSQL and wrk (other people)."""
        if self.machine_cpu is None or self.seconds <= 0:
            return None
        ours = self.server_cpu + (self.postgres_cpu or 0.0) + self.client_cpu
        return max(self.machine_cpu - ours, 0.0) / self.seconds


@contextmanager
def _script(cookie: str | None) -> Iterator[Path]:
    """The Lua script: the session cookie (kept off the command line, where `ps` shows it)."""
    text = _REPORT
    if cookie is not None:
        text = f'wrk.headers["Cookie"] = {json.dumps(cookie)}\n' + text
    handle, name = tempfile.mkstemp(suffix=".lua")  # created 0600
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as file:
            file.write(text)
        yield Path(name)
    finally:
        Path(name).unlink(missing_ok=True)


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def process_cpu(pid: int) -> float:
    """User and system CPU seconds a process has used so far."""
    times = psutil.Process(pid).cpu_times()
    return float(times.user + times.system)


def run_wrk(
    url: str,
    *,
    connections: int,
    seconds: float,
    server_pid: int,
    database: str | None = None,
    cookie: str | None = None,
) -> WrkRun:
    """Load `url` with `connections` keep-alive connections on one wrk thread for `seconds`."""
    command = ["wrk", "-t1", f"-c{connections}", f"-d{seconds:.0f}s", "--timeout", "10s"]
    with _script(cookie) as script:
        sampler = PostgresSampler(database) if database else None
        load_before = os.getloadavg()[0]
        machine_before, client_before = machine_cpu_seconds(), _children_cpu()
        server_before = process_cpu(server_pid)
        done = subprocess.run(
            [*command, "-s", str(script), url], capture_output=True, text=True, check=False
        )
        server_cpu = process_cpu(server_pid) - server_before
        client_cpu = _children_cpu() - client_before
        machine_after = machine_cpu_seconds()
        postgres_cpu = sampler.stop() if sampler else None
        load_after = os.getloadavg()[0]
    line = next((x for x in done.stdout.splitlines() if x.startswith("WRK ")), None)
    if done.returncode != 0 or line is None:
        sys.stderr.write(done.stdout + done.stderr)
        raise RuntimeError(f"wrk failed on {url} (exit {done.returncode})")
    found = json.loads(line[4:])
    requests = int(found["requests"])
    errors = sum(int(found[k]) for k in ("status", "connect", "read", "write", "timeout"))
    machine = None
    if machine_before is not None and machine_after is not None:
        machine = machine_after - machine_before
    return WrkRun(
        connections=connections,
        requests=requests,
        seconds=found["duration_us"] / 1e6,
        p50_ms=found["p50_us"] / 1000,
        p99_ms=found["p99_us"] / 1000,
        max_ms=found["max_us"] / 1000,
        bytes_per_request=found["bytes"] / requests if requests else 0.0,
        errors=errors,
        server_cpu=server_cpu,
        postgres_cpu=postgres_cpu,
        client_cpu=client_cpu,
        machine_cpu=machine,
        load_before=load_before,
        load_after=load_after,
    )


BASELINE_APP = """
import sys
from aiohttp import web

body = b"<!doctype html><p>" + b"x" * max(int(sys.argv[2]) - 18, 0)

async def page(request):
    return web.Response(body=body, content_type="text/html")

app = web.Application()
app.router.add_get("/", page)
web.run_app(app, host="127.0.0.1", port=int(sys.argv[1]), access_log=None, print=None)
"""
"""One aiohttp route answering a fixed page of N bytes: the floor under any page's cost."""
