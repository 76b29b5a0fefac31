"""A real `immportal serve` process and a browser that walks its pages, noting what it saw."""

import asyncio
import os
import re
import signal
import socket
import sys
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import aiohttp

from immportal.adapters.mail.mailbox import read_mailbox

_LINK = re.compile(r"https?://\S+")
_INHERITED_NOT = ("IMMPORTAL_", "PYTHONASYNCIODEBUG", "PYTHONDEVMODE")
# Bounds on failure only: a healthy portal is ready in a few seconds and stops in one.
READY_SECONDS = 60.0
STOP_SECONDS = 30.0


def free_port() -> int:
    """A loopback port nobody listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@dataclass
class Server:
    """A running portal: where it listens, where its output goes, and how it ended."""

    url: str
    stdout: Path
    stderr: Path
    returncode: int | None = None

    def output(self) -> str:
        """Everything the process wrote, stdout then stderr."""
        return self.stdout.read_text() + self.stderr.read_text()


@asynccontextmanager
async def serving(data_dir: Path, env: dict[str, str]) -> AsyncIterator[Server]:
    """Run `python -m immportal serve` until the block ends, then stop it with SIGINT."""
    port = free_port()
    server = Server(f"http://127.0.0.1:{port}", data_dir / "stdout.log", data_dir / "stderr.log")
    # The caller's `env` alone decides the settings and whether asyncio runs in debug mode.
    clean = {k: v for k, v in os.environ.items() if not k.startswith(_INHERITED_NOT)}
    clean |= {"IMMPORTAL_DATA_DIR": str(data_dir), "IMMPORTAL_PORT": str(port)} | env
    # Files rather than pipes: nothing is lost and a chatty server never blocks on a full pipe.
    with server.stdout.open("wb") as out, server.stderr.open("wb") as err:
        proc = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "immportal", "serve", env=clean, stdout=out, stderr=err
        )
        try:
            await _wait_for_ready(server.url, proc)
            yield server
        finally:
            if proc.returncode is None:
                proc.send_signal(signal.SIGINT)
            try:
                await asyncio.wait_for(proc.wait(), STOP_SECONDS)
            except TimeoutError:
                proc.kill()
                await proc.wait()
            server.returncode = proc.returncode


async def _wait_for_ready(url: str, proc: asyncio.subprocess.Process) -> None:
    loop = asyncio.get_running_loop()
    deadline = loop.time() + READY_SECONDS
    async with aiohttp.ClientSession() as session:
        while loop.time() < deadline and proc.returncode is None:
            try:
                async with session.get(url + "/readyz") as response:
                    if response.status == 200:
                        return
            except aiohttp.ClientConnectionError:
                pass
            await asyncio.sleep(0.2)
    raise AssertionError(f"the portal did not become ready (exit code {proc.returncode})")


@dataclass(frozen=True)
class Page:
    """What came back: the status, where it redirects, the HTML and its form inputs."""

    status: int
    location: str
    html: str
    inputs: dict[str, str]

    @property
    def moved(self) -> tuple[int, str]:
        """The status and the redirect's target, to compare in one assertion."""
        return self.status, self.location


class _InputParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.inputs: dict[str, str] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = {name: value or "" for name, value in attrs}
        if tag == "input" and "name" in found:
            self.inputs[found["name"]] = found.get("value", "")


@dataclass
class Browser:
    """One person's browser; it notes every request, cookie value and CSRF token it met."""

    client: aiohttp.ClientSession
    origin: str
    requests: list[tuple[str, str, int]] = field(default_factory=list)
    cookies: set[str] = field(default_factory=set)
    csrf_tokens: set[str] = field(default_factory=set)

    async def get(self, path: str) -> Page:
        """Open a page without following redirects."""
        async with self.client.get(self.origin + path, allow_redirects=False) as response:
            return await self._read("GET", path, response)

    async def post(self, path: str, form: dict[str, str], token: str) -> Page:
        """Send a form as a browser on the portal would: our Origin and the page's token."""
        async with self.client.post(
            self.origin + path,
            data={**form, "csrf_token": token},
            headers={"Origin": self.origin},
            allow_redirects=False,
        ) as response:
            return await self._read("POST", path, response)

    async def submit(self, page: str, action: str, form: dict[str, str]) -> Page:
        """Open `page`, then send its form to `action` with the token the page carried."""
        token = (await self.get(page)).inputs.get("csrf_token", "")
        assert token, f"{page} has no CSRF token"
        return await self.post(action, form, token)

    async def _read(self, method: str, path: str, response: aiohttp.ClientResponse) -> Page:
        html = await response.text()
        parser = _InputParser()
        parser.feed(html)
        self.requests.append((method, urlsplit(path).path, response.status))
        self.cookies |= {c.value for c in response.cookies.values() if c.value}
        self.cookies |= {c.value for c in self.client.cookie_jar if c.value}
        self.csrf_tokens |= {parser.inputs.get("csrf_token", "")} - {""}
        return Page(response.status, response.headers.get("Location", ""), html, parser.inputs)


async def mailed_links(mailbox: Path, to: str) -> list[str]:
    """The path and query of every link mailed to `to`, oldest mail first."""
    links = []
    for mail in reversed(await read_mailbox(mailbox)):
        if mail.to == to:
            for url in _LINK.findall(mail.text):
                parts = urlsplit(url)
                links.append(f"{parts.path}?{parts.query}" if parts.query else parts.path)
    return links
