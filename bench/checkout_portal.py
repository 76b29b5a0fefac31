"""A checkout's own portal in a process of its own, and the demo applicant signed in to it.

The process runs `python -m immportal serve --dev` with PYTHONPATH=<checkout>/src, so the
code measured is the checkout's, while the interpreter and libraries are this virtualenv's.
Everything here speaks HTTP to it, so the same steps work on any version of the code.
"""

import asyncio
import base64
import io
import os
import re
import secrets
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path

import aiohttp
import pyotp
from fpdf import FPDF
from PIL import Image

from bench.wrk import process_cpu

SERVING = "immportal is serving at"
# The line `serve --dev` prints for each new demo account (passwords stay in memory only).
_CREDENTIALS = re.compile(
    r"^\s*applicant\s+(?P<email>\S+@\S+)\s+password: (?P<password>\S+)"
    r"\s+authenticator key: (?P<key>\S+)\s*$"
)
_TOKEN = re.compile(r'name="csrf_token" value="([^"]+)"')
_CASE_LINK = re.compile(r'href="/cases/([0-9a-f-]{36})"')
SESSION_COOKIE = "immportal_session"
START_LIMIT = 600.0


@dataclass(frozen=True)
class Checkout:
    """A working tree of the project: its label in the results and where it is."""

    label: str
    path: Path

    def env(self, *, with_bench: bool = False) -> dict[str, str]:
        """The environment that makes Python import this checkout's code first."""
        env = {k: v for k, v in os.environ.items() if not k.startswith("IMMPORTAL_")}
        paths = [str(self.path)] if with_bench else []
        env["PYTHONPATH"] = os.pathsep.join([*paths, str(self.path / "src")])
        env["PYTHONUNBUFFERED"] = "1"
        return env

    def check_imports(self) -> None:
        """Fail unless `immportal` imports from this checkout (not the installed copy)."""
        found = subprocess.run(
            [sys.executable, "-c", "import immportal; print(immportal.__file__)"],
            env=self.env(),
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        if not Path(found).resolve().is_relative_to((self.path / "src").resolve()):
            raise RuntimeError(f"{self.label}: immportal imports from {found}, not {self.path}")


def free_port() -> int:
    """A TCP port nothing listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@dataclass
class Portal:
    """A running portal process and the demo applicant's sign-in details."""

    process: subprocess.Popen[str]
    base_url: str
    log_file: Path
    lines: list[str] = field(default_factory=list, repr=False)
    reader: threading.Thread | None = None

    @property
    def pid(self) -> int:
        """The server's process id (its CPU is measured)."""
        return self.process.pid

    def credentials(self) -> tuple[str, str, str] | None:
        """(email, password, authenticator key) of the demo applicant, once printed."""
        for line in list(self.lines):
            if found := _CREDENTIALS.match(line):
                return found["email"], found["password"], found["key"]
        return None

    def serving(self) -> bool:
        """Whether the server said it listens."""
        return SERVING in self.log_file.read_text(errors="replace")

    def failure(self) -> str:
        """The end of what the server wrote, without the credential lines."""
        out = [x for x in self.lines if "password:" not in x and "key:" not in x]
        log = self.log_file.read_text(errors="replace").splitlines()
        return "\n".join([*out[-20:], *log[-40:]])


def _collect(stream: io.TextIOBase, lines: list[str]) -> None:
    for line in stream:
        lines.append(line.rstrip("\n"))


def _spawn(checkout: Checkout, database_url: str, data_dir: Path, profile: Path | None) -> Portal:
    """Start `serve --dev`; a thread drains its stdout, even while wrk blocks the event loop."""
    port = free_port()
    env = checkout.env()
    env.update(
        IMMPORTAL_DATABASE_URL=database_url,
        IMMPORTAL_DATA_DIR=str(data_dir),
        IMMPORTAL_LOG_LEVEL="warning",
        # Events encrypted, as outside development mode: replaying a case decrypts each event.
        IMMPORTAL_CIPHER_KEY=base64.b64encode(secrets.token_bytes(32)).decode(),
    )
    log_file = data_dir / "serve.log"
    command = [sys.executable]
    if profile is not None:
        command += ["-m", "cProfile", "-o", str(profile)]
    command += ["-m", "immportal", "serve", "--dev"]
    command += ["--host", "127.0.0.1", "--port", str(port)]
    with log_file.open("w") as log:
        process = subprocess.Popen(
            command, env=env, cwd=data_dir, stdout=subprocess.PIPE, stderr=log, text=True
        )
    portal = Portal(process, f"http://127.0.0.1:{port}", log_file)
    assert process.stdout is not None
    portal.reader = threading.Thread(
        target=_collect, args=(process.stdout, portal.lines), daemon=True
    )
    portal.reader.start()
    return portal


@asynccontextmanager
async def running_portal(
    checkout: Checkout, database_url: str, data_dir: Path, profile: Path | None = None
) -> AsyncIterator[Portal]:
    """Serve the checkout's portal (dev mode, workers on) until the block ends.

    With `profile`, the server runs under cProfile and writes its statistics there on exit.
    """
    portal = _spawn(checkout, database_url, data_dir, profile)
    try:
        await _started(portal)
        yield portal
    finally:
        await asyncio.to_thread(_stop, portal)


async def _started(portal: Portal) -> None:
    deadline = time.monotonic() + START_LIMIT
    while not (portal.serving() and portal.credentials()):
        if portal.process.poll() is not None or time.monotonic() > deadline:
            raise RuntimeError(f"the portal did not start:\n{portal.failure()}")
        await asyncio.sleep(0.5)


def _stop(portal: Portal) -> None:
    """Stop the server we started: SIGINT (aiohttp's graceful stop), then SIGKILL."""
    process = portal.process
    if process.poll() is None:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
    if portal.reader is not None:
        portal.reader.join(timeout=5)


async def settled(portal: Portal, cores: float = 0.05, limit: float = 900.0) -> float:
    """The server's background CPU in cores, once below `cores` (or after `limit` s).

    A fresh dev portal projects its demo history and issues notices (PDFs) for a while;
    measured pages must not share the process with that.
    """
    deadline = time.monotonic() + limit
    while True:
        before, started = process_cpu(portal.pid), time.monotonic()
        await asyncio.sleep(3.0)
        used = (process_cpu(portal.pid) - before) / (time.monotonic() - started)
        if used < cores or time.monotonic() > deadline:
            return used


@dataclass
class Applicant:
    """The demo applicant signed in: the session cookie wrk sends, and the case measured."""

    session: aiohttp.ClientSession
    base_url: str
    cookie: str = ""
    case_id: str = ""

    async def page(self, path: str) -> str:
        """GET a page as this person; its HTML (raises unless 200)."""
        async with self.session.get(self.base_url + path, allow_redirects=False) as response:
            text = await response.text()
            if response.status != 200:
                raise RuntimeError(f"GET {path}: HTTP {response.status}")
            return text

    async def token(self, path: str) -> str:
        """The CSRF token of the form on a page."""
        found = _TOKEN.search(await self.page(path))
        if found is None:
            raise RuntimeError(f"{path} has no CSRF token")
        return found[1]

    async def post(self, path: str, data: aiohttp.FormData | dict[str, str]) -> int:
        """POST a form as the portal's own page would (our Origin); the status, no redirects."""
        headers = {"Origin": self.base_url}
        async with self.session.post(
            self.base_url + path, data=data, headers=headers, allow_redirects=False
        ) as response:
            await response.read()
            return response.status


@asynccontextmanager
async def signed_in(portal: Portal) -> AsyncIterator[Applicant]:
    """The demo applicant, signed in with the password and the authenticator's current code."""
    credentials = portal.credentials()
    if credentials is None:
        raise RuntimeError("the portal printed no demo applicant")
    email, password, key = credentials
    jar = aiohttp.CookieJar(unsafe=True)  # the portal is on an IP address
    async with aiohttp.ClientSession(cookie_jar=jar) as session:
        person = Applicant(session, portal.base_url)
        token = await person.token("/sign-in")
        form = {"email": email, "password": password, "next": "", "csrf_token": token}
        if (status := await person.post("/sign-in", form)) != 303:
            raise RuntimeError(f"sign-in: HTTP {status}")
        token = await person.token("/sign-in/code")
        form = {"code": pyotp.TOTP(key).now(), "csrf_token": token}
        if (status := await person.post("/sign-in/code", form)) != 303:
            raise RuntimeError(f"sign-in code: HTTP {status}")
        cookie = next((c for c in jar if c.key == SESSION_COOKIE), None)
        if cookie is None:
            raise RuntimeError("signed in without a session cookie")
        person.cookie = f"{SESSION_COOKIE}={cookie.value}"
        yield person


async def case_with_open_request(person: Applicant, limit: float = 300.0) -> str:
    """The applicant's case with a request for evidence open (demo case 4, an N400).

    Polled: the demo cases appear once the projection workers have caught up.
    """
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        for case_id in dict.fromkeys(_CASE_LINK.findall(await person.page("/cases"))):
            if 'id="send-heading"' in await person.page(f"/cases/{case_id}/documents"):
                return str(case_id)
        await asyncio.sleep(1.0)
    raise RuntimeError("no case of the demo applicant has a request for evidence open")


def sample_pdf() -> bytes:
    """A one-page PDF with a line of text."""
    document = FPDF()
    document.add_page()
    document.set_font("Helvetica", size=14)
    document.cell(text="Lease, 2019-2024")
    return bytes(document.output())


def sample_png() -> bytes:
    """A small photograph-sized PNG."""
    out = io.BytesIO()
    Image.new("RGB", (120, 90), (200, 120, 40)).save(out, format="PNG")
    return out.getvalue()


async def upload_documents(person: Applicant, case_id: str) -> int:
    """Upload a PDF (the response to the request) and a PNG through the documents page."""
    path = f"/cases/{case_id}/documents"
    files = (
        ("lease.pdf", "application/pdf", sample_pdf(), "rfe_response"),
        ("photo.png", "image/png", sample_png(), "initial"),
    )
    for name, content_type, body, kind in files:
        form = aiohttp.FormData()
        # The token must come first: the portal checks it before it reads the file.
        form.add_field("csrf_token", await person.token(path))
        form.add_field("kind", kind)
        form.add_field("file", body, filename=name, content_type=content_type)
        if (status := await person.post(path, form)) != 303:
            raise RuntimeError(f"upload {name}: HTTP {status}")
    return len(files)
