"""Sign-in and forgot-password answer times by path, side by side.

    python -m bench.signin_timing [--rounds 30] [--server URL] [--write]

The security probe told accounts apart by time alone: a delayed account was refused in
about 6 ms (no hash) while an unknown address paid a decoy Argon2 hash (about 130 ms),
and a known address's reset request answered in 7 ms against 120 ms. This runs the
portal (dev mode, production Argon2 parameters) on a fresh database, and times POST
/sign-in for known and unknown addresses, each not delayed and delayed, and POST
/account/forgot for known and unknown addresses, interleaving the paths in every round.

"Known > unknown" is the share of (known, unknown) pairs of answers where the known
address's answer was slower: 0.5 means the two cannot be told apart by time, 0 or 1
that they always can. Timings are measurements, never assertions.
"""

from __future__ import annotations

import argparse
import asyncio
import re
import secrets
import statistics
import sys
import tempfile
import time
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from datetime import UTC, datetime
from pathlib import Path

import aiohttp
from aiohttp import web

from bench.checkout_portal import free_port
from bench.db import DEFAULT_SERVER, bench_database
from immportal.app.container import RUNTIME
from immportal.app.web_app import create_app
from immportal.domain.identity.throttle import FREE_PASSWORD_TRIES

RESULTS = Path(__file__).with_name("RESULTS.md")
BEGIN, END = "<!-- bench:signin_timing:begin -->", "<!-- bench:signin_timing:end -->"
PASSWORD = "amber heron folds 4410 paper boats"  # noqa: S105 - the bench accounts' password
WRONG = "not the password at all"
_TOKEN = re.compile(r'name="csrf_token" value="([^"]+)"')


class Client:
    """A browser of its own (cookie jar), posting forms as one network (X-Forwarded-For)."""

    def __init__(self, base: str, network: str) -> None:
        jar = aiohttp.CookieJar(unsafe=True)  # the portal is at 127.0.0.1
        self._session = aiohttp.ClientSession(base, cookie_jar=jar)
        self._headers = {"X-Forwarded-For": network, "Origin": base.rstrip("/")}

    async def post(self, path: str, form: dict[str, str]) -> tuple[int, float]:
        """Fetch the form's page, then post it; the status and the post's seconds."""
        page = await self._session.get(path, headers=self._headers)
        found = _TOKEN.search(await page.text())
        token = found.group(1) if found else ""
        started = time.perf_counter()
        response = await self._session.post(
            path,
            data={**form, "csrf_token": token},
            headers=self._headers,
            allow_redirects=False,
        )
        await response.read()
        return response.status, time.perf_counter() - started

    async def close(self) -> None:
        """Close the browser."""
        await self._session.close()


@asynccontextmanager
async def portal(server: str) -> AsyncIterator[tuple[str, web.Application]]:
    """The portal on a fresh database and a free local port; its base URL and app."""
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    async with bench_database(server) as database:
        with tempfile.TemporaryDirectory() as data_dir:
            settings = database.settings(
                dev=True, data_dir=Path(data_dir), trusted_proxies="127.0.0.1", public_url=base
            )
            app = create_app(settings)
            runner = web.AppRunner(app)
            await runner.setup()
            await web.TCPSite(runner, "127.0.0.1", port).start()
            try:
                yield base + "/", app
            finally:
                await runner.cleanup()


def _network(n: int) -> str:
    """A client address in a /24 of its own, so each try starts with nothing counted."""
    return f"10.{n // 250}.{n % 250}.1"


async def measure(server: str, rounds: int) -> dict[str, list[float]]:
    """Seconds per answer for each path, `rounds` answers each."""
    times: dict[str, list[float]] = {}
    async with portal(server) as (base, app):
        accounts = app[RUNTIME].accounts
        known = [f"known.{secrets.token_hex(4)}@example.org" for _ in range(rounds + 1)]
        for address in known:
            await accounts.register(address, PASSWORD, ["Bench Person"])
        delayed_known, delayed_unknown = known[-1], f"nobody.{secrets.token_hex(4)}@example.org"
        guesser = Client(base, "192.0.2.10")
        for address in (delayed_known, delayed_unknown):
            for _ in range(FREE_PASSWORD_TRIES):
                await guesser.post("/sign-in", {"email": address, "password": WRONG})
        # Guesses made while waiting are not counted, so five give 30 s; the run is set
        # to where an hour's wait applies, to outlast the measurement.
        await app[RUNTIME].pool.execute(
            "UPDATE password_guesses SET failures = $1", FREE_PASSWORD_TRIES + 8
        )
        networks = iter(range(1, 10 * rounds + 1))
        for i in range(rounds):
            unknown = f"nobody.{secrets.token_hex(6)}@example.org"
            paths = {
                "sign-in, known address, wrong password": ("/sign-in", known[i], WRONG),
                "sign-in, unknown address": ("/sign-in", unknown, WRONG),
                "sign-in, known address, delayed (right password)": (
                    "/sign-in",
                    delayed_known,
                    PASSWORD,
                ),
                "sign-in, unknown address, delayed": ("/sign-in", delayed_unknown, WRONG),
                "forgot password, known address": ("/account/forgot", known[i], ""),
                "forgot password, unknown address": ("/account/forgot", unknown, ""),
            }
            for name, (path, email, password) in paths.items():
                delayed = "delayed" in name
                client = guesser if delayed else Client(base, _network(next(networks)))
                form = {"email": email} | ({"password": password} if path == "/sign-in" else {})
                status, seconds = await client.post(path, form)
                if client is not guesser:
                    await client.close()
                expected = 200 if path == "/account/forgot" else 422
                if status != expected:
                    raise RuntimeError(f"{name}: {status}, not {expected}")
                times.setdefault(name, []).append(seconds)
        await guesser.close()
    return times


def _ms(values: Sequence[float], q: float) -> float:
    ordered = sorted(values)
    return 1000 * ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def known_slower(known: Sequence[float], unknown: Sequence[float]) -> float:
    """The share of (known, unknown) pairs where the known address's answer took longer."""
    pairs = [(k, u) for k in known for u in unknown]
    return sum(1.0 if k > u else 0.5 if k == u else 0.0 for k, u in pairs) / len(pairs)


def render(times: dict[str, list[float]], rounds: int, started: datetime) -> str:
    """The markdown section: one row per path, and the pairwise comparisons."""
    lines = [
        f"## Sign-in timing by path, run of {started:%Y-%m-%d %H:%M} UTC",
        "",
        f"`python -m bench.signin_timing --rounds {rounds}`: the portal in dev mode with the"
        " production Argon2id parameters (64 MiB, 3 passes, 4 lanes) on a fresh database, one"
        " request at a time, the paths interleaved in each round; milliseconds per answer.",
        "",
        "| Path | n | min | p10 | p50 | p90 | max | mean |",
        "|---|--:|--:|--:|--:|--:|--:|--:|",
    ]
    for name, values in times.items():
        cells = [_ms(values, q) for q in (0.0, 0.1, 0.5, 0.9, 1.0)]
        mean = 1000 * statistics.fmean(values)
        row = " | ".join(f"{c:.1f}" for c in [*cells, mean])
        lines.append(f"| {name} | {len(values)} | {row} |")
    lines += ["", "| Compared | Known > unknown |", "|---|--:|"]
    for known, unknown in (
        ("sign-in, known address, wrong password", "sign-in, unknown address"),
        ("sign-in, known address, delayed (right password)", "sign-in, unknown address, delayed"),
        ("sign-in, known address, delayed (right password)", "sign-in, unknown address"),
        ("forgot password, known address", "forgot password, unknown address"),
    ):
        share = known_slower(times[known], times[unknown])
        lines.append(f"| {known} vs {unknown} | {share:.2f} |")
    return "\n".join(lines) + "\n"


def write_section(text: str) -> None:
    """Replace (or add) this benchmark's block in RESULTS.md, leaving the rest alone."""
    block = f"{BEGIN}\n{text.rstrip()}\n{END}"
    current = RESULTS.read_text(encoding="utf-8")
    if BEGIN in current and END in current:
        pattern = re.compile(re.escape(BEGIN) + r".*?" + re.escape(END), re.S)
        RESULTS.write_text(pattern.sub(lambda _m: block, current, count=1), encoding="utf-8")
        return
    RESULTS.write_text(current.rstrip() + "\n\n" + block + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> None:
    """Entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=30)
    parser.add_argument("--server", default=DEFAULT_SERVER)
    parser.add_argument("--write", action="store_true", help="write the section to RESULTS.md")
    args = parser.parse_args(argv)
    started = datetime.now(UTC)
    text = render(asyncio.run(measure(args.server, args.rounds)), args.rounds, started)
    sys.stdout.write(text)
    if args.write:
        write_section(text)


if __name__ == "__main__":
    main()
