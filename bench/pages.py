"""The pages people use, over HTTP, and the command cycle, for one or more checkouts in one run.

`python -m bench.pages --checkout /tmp/before --checkout .` runs, per round and per checkout
in turn (before, after, before, after: drift cancels), the checkout's own portal in its own
process on a fresh database, signs in as the demo applicant, uploads two documents to the
case with a request for evidence open, and loads its case page and documents page with wrk
(1 and 8 connections); then the checkout's own `python -m bench.run --only commands`. A
one-route aiohttp server answers the same load in every round, for scale. Prints a markdown
section and, unless --no-write, puts it into bench/RESULTS.md between its own markers.
"""

import argparse
import asyncio
import os
import re
import shlex
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import partial
from importlib.metadata import version
from pathlib import Path

import asyncpg

from bench.checkout_portal import (
    Applicant,
    Checkout,
    case_with_open_request,
    free_port,
    running_portal,
    settled,
    signed_in,
    upload_documents,
)
from bench.db import DEFAULT_SERVER, bench_database, server_version
from bench.report import RESULTS, machine_lines
from bench.wrk import BASELINE_APP, WrkRun, run_wrk

BEGIN, END = "<!-- bench:restructure:begin -->", "<!-- bench:restructure:end -->"
PAGES = (
    ("Case page", "GET /cases/{id}", "/cases/{case_id}"),
    ("Documents page", "GET /cases/{id}/documents", "/cases/{case_id}/documents"),
)
BASELINE = "Baseline"
UPLOADED = ("lease.pdf", "photo.png")


def _counts(text: str) -> tuple[int, ...]:
    return tuple(int(part) for part in text.split(",") if part.strip())


def parse_args(argv: list[str]) -> argparse.Namespace:
    """Command-line options."""
    parser = argparse.ArgumentParser(prog="python -m bench.pages", description=__doc__)
    add = parser.add_argument
    add(
        "--checkout",
        action="append",
        required=True,
        help="LABEL=PATH or PATH of a working tree (repeat; measured in the order given)",
    )
    add("--database-url", default=DEFAULT_SERVER, help="server to create bench_<random> on")
    add("--rounds", type=int, default=2, help="times each checkout is measured, alternating")
    add("--connections", type=_counts, default=(1, 8), help="wrk connections, e.g. 1,8")
    add("--seconds", type=float, default=15.0, help="measuring time per wrk run")
    add("--warmup", type=float, default=3.0, help="unrecorded wrk run before each page")
    add("--baseline-bytes", type=int, default=20_000, help="size of the baseline's page")
    add("--command-seconds", type=float, default=10.0, help="command cycle: measuring time")
    add("--command-writers", type=int, default=64, help="command cycle: concurrent writers")
    add("--no-commands", action="store_true", help="skip the command cycle")
    add("--quiet-load", type=float, default=2.5, help="1-minute load average counted as quiet")
    add("--wait-quiet", type=float, default=0.0, help="wait up to N s for quiet before round 1")
    add("--wait-between", type=float, default=300.0, help="and up to N s before later rounds")
    add("--no-write", action="store_true", help="print only; leave RESULTS.md alone")
    add(
        "--profile",
        type=Path,
        metavar="DIR",
        help="run each portal under cProfile into DIR/<label>-<round>.prof (slower: not results)",
    )
    return parser.parse_args(argv)


def checkouts(specs: Sequence[str]) -> list[Checkout]:
    """The checkouts from LABEL=PATH (or PATH, labelled by its commit) arguments."""
    found = []
    for spec in specs:
        label, _, path = spec.rpartition("=")
        where = Path(path).resolve()
        found.append(Checkout(label or commit_of(where), where))
    return found


def commit_of(path: Path) -> str:
    """The short commit a working tree is at (with a + when it has local changes)."""
    git = ["git", "-C", str(path)]
    head = subprocess.run([*git, "rev-parse", "--short", "HEAD"], capture_output=True, text=True)
    dirty = subprocess.run([*git, "status", "--porcelain", "--", "src"], capture_output=True)
    return head.stdout.strip() + ("+" if dirty.stdout.strip() else "")


def wait_for_quiet(limit: float, threshold: float) -> float:
    """The 1-minute load average, after waiting up to `limit` s for it to drop below `threshold`."""
    deadline = time.monotonic() + limit
    while (load := os.getloadavg()[0]) >= threshold and time.monotonic() < deadline:
        print(f"machine busy (load {load:.2f}); waiting", flush=True)
        time.sleep(min(30.0, max(deadline - time.monotonic(), 1.0)))
    return load


@dataclass(frozen=True)
class PageRun:
    """One wrk run of one page of one checkout in one round."""

    label: str
    page: str
    round: int
    run: WrkRun
    body_bytes: int


@dataclass(frozen=True)
class CommandRun:
    """The command cycle of one checkout in one round, as its own bench printed it."""

    label: str
    round: int
    rate: float
    p50_ms: float
    p99_ms: float
    python_cores: float
    other_cores: float
    events_per_case: float
    load: float

    @property
    def python_ms_per_command(self) -> float:
        """CPU milliseconds of the bench process per command."""
        return self.python_cores / self.rate * 1000 if self.rate else 0.0


@dataclass
class Results:
    """Everything one run measured, and under what conditions."""

    pages: list[PageRun]
    commands: list[CommandRun]
    case_events: dict[str, int]
    loads: list[str]
    idle: dict[str, float]


def _checked(run: WrkRun, body: int, what: str) -> WrkRun:
    """Refuse a run whose answers were not the page (errors, or redirects to sign in)."""
    if run.errors or run.bytes_per_request < body:
        raise RuntimeError(
            f"{what}: {run.errors} errors, {run.bytes_per_request:.0f} bytes per answer"
            f" against a {body}-byte page"
        )
    return run


def _say(text: str) -> None:
    print(text, flush=True)


def _describe(run: WrkRun) -> str:
    other = "?" if run.other_cores is None else f"{run.other_cores:.2f}"
    return (
        f"{run.rate:8,.0f} req/s  p50 {run.p50_ms:6.2f} ms  p99 {run.p99_ms:6.2f} ms"
        f"  server {run.server_ms_per_request:.2f} ms CPU/req  other cores {other}"
        f"  load {run.load_after:.2f}"
    )


async def _documents_shown(person: Applicant, path: str, limit: float = 60.0) -> str:
    """The documents page once it lists both uploads."""
    deadline = time.monotonic() + limit
    while True:
        text = await person.page(path)
        if all(name in text for name in UPLOADED) or time.monotonic() > deadline:
            return text
        await asyncio.sleep(0.5)


async def _case_events(database_url: str, case_id: str) -> int:
    conn = await asyncpg.connect(database_url)
    try:
        count: int = await conn.fetchval(
            "SELECT count(*) FROM events WHERE originator_id = $1::uuid", case_id
        )
        return count
    finally:
        await conn.close()


async def measure_pages(
    checkout: Checkout, args: argparse.Namespace, number: int, results: Results
) -> None:
    """One round of one checkout's pages: fresh database, its own portal, wrk on each page."""
    profile = None
    if args.profile is not None:
        args.profile.mkdir(parents=True, exist_ok=True)
        profile = (args.profile / f"{checkout.label}-{number}.prof").resolve()
    with tempfile.TemporaryDirectory(prefix="bench-pages-") as data_dir:
        async with (
            bench_database(args.database_url) as db,
            running_portal(checkout, db.url, Path(data_dir), profile) as portal,
            signed_in(portal) as person,
        ):
            case_id = await case_with_open_request(person)
            await upload_documents(person, case_id)
            await _documents_shown(person, f"/cases/{case_id}/documents")
            results.case_events[checkout.label] = await _case_events(db.url, case_id)
            idle = await settled(portal)
            results.idle[f"{checkout.label}, round {number}"] = idle
            _say(f"{checkout.label}: server settled at {idle:.3f} cores")
            for page, _, template in PAGES:
                path = template.format(case_id=case_id)
                body = len((await person.page(path)).encode())
                load = partial(
                    run_wrk,
                    portal.base_url + path,
                    server_pid=portal.pid,
                    database=db.watched,
                    cookie=person.cookie,
                )
                load(connections=max(args.connections), seconds=args.warmup)
                for connections in args.connections:
                    what = f"{checkout.label} {page} x{connections}"
                    measured = _checked(
                        load(connections=connections, seconds=args.seconds), body, what
                    )
                    results.pages.append(PageRun(checkout.label, page, number, measured, body))
                    _say(f"{what:>32}: {_describe(measured)}")
                # Still signed in: the answers were the page, not a redirect to sign in.
                await person.page(path)


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:  # noqa: S310 - our own server
            return bool(response.status == 200)
    except OSError:
        return False


def measure_baseline(args: argparse.Namespace, number: int, results: Results) -> None:
    """The one-route aiohttp server under the same load, in its own process."""
    port = free_port()
    size = args.baseline_bytes
    command = [sys.executable, "-c", BASELINE_APP, str(port), str(size)]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL)
    try:
        url = f"http://127.0.0.1:{port}/"
        deadline = time.monotonic() + 30
        while not _answers(url):
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("the baseline server did not start")
            time.sleep(0.2)
        run_wrk(url, connections=max(args.connections), seconds=args.warmup, server_pid=process.pid)
        for connections in args.connections:
            load = run_wrk(
                url, connections=connections, seconds=args.seconds, server_pid=process.pid
            )
            run = _checked(load, args.baseline_bytes, f"baseline x{connections}")
            results.pages.append(PageRun(BASELINE, BASELINE, number, run, args.baseline_bytes))
            _say(f"{'baseline x' + str(connections):>32}: {_describe(run)}")
    finally:
        process.terminate()
        process.wait(timeout=30)


_COMMANDS = re.compile(r"commands: ([\d,]+)/s \(p50 ([\d.]+) ms, p99 ([\d.]+) ms\)")
_CORES = re.compile(r"cases end at ~([\d.]+) events; cores: py ([\d.]+), pg [\d.]+, other ([\d.]+)")


def measure_commands(
    checkout: Checkout, args: argparse.Namespace, number: int, results: Results
) -> None:
    """The checkout's own command-cycle bench (its bench/ and src/), in its own process."""
    command = [sys.executable, "-m", "bench.run", "--only", "commands", "--no-write"]
    command += ["--command-seconds", str(args.command_seconds)]
    command += ["--command-writers", str(args.command_writers)]
    command += ["--database-url", args.database_url]
    done = subprocess.run(
        command,
        cwd=checkout.path,
        env=checkout.env(with_bench=True),
        capture_output=True,
        text=True,
    )
    line, cores = _COMMANDS.search(done.stdout), _CORES.search(done.stdout)
    if done.returncode != 0 or line is None or cores is None:
        sys.stderr.write(done.stdout[-3000:] + done.stderr[-3000:])
        raise RuntimeError(f"{checkout.label}: the command cycle failed (exit {done.returncode})")
    run = CommandRun(
        label=checkout.label,
        round=number,
        rate=float(line[1].replace(",", "")),
        p50_ms=float(line[2]),
        p99_ms=float(line[3]),
        python_cores=float(cores[2]),
        other_cores=float(cores[3]),
        events_per_case=float(cores[1]),
        load=os.getloadavg()[0],
    )
    results.commands.append(run)
    _say(
        f"{checkout.label + ' commands':>32}: {run.rate:8,.0f} commands/s  p50 {run.p50_ms:.1f} ms"
        f"  p99 {run.p99_ms:.1f} ms  {run.python_ms_per_command:.2f} ms CPU/command"
        f"  other cores {run.other_cores:.2f}"
    )


async def run(args: argparse.Namespace) -> str:
    """Every round; the rendered section."""
    trees = checkouts(args.checkout)
    for tree in trees:
        tree.check_imports()
    results = Results([], [], {}, [], {})
    began = datetime.now(UTC)
    started = time.monotonic()
    server = await server_version(args.database_url)
    for number in range(1, args.rounds + 1):
        limit = args.wait_quiet if number == 1 else args.wait_between
        load = wait_for_quiet(limit, args.quiet_load)
        results.loads.append(f"round {number}: {load:.2f} at its start")
        _say(f"round {number} (load {load:.2f})")
        measure_baseline(args, number, results)
        for tree in trees:
            await measure_pages(tree, args, number, results)
            if not args.no_commands:
                measure_commands(tree, args, number, results)
    idle = ", ".join(f"{k} {v:.3f} cores" for k, v in results.idle.items())
    command = "python -m bench.pages" + "".join(f" {shlex.quote(a)}" for a in sys.argv[1:])
    header = [
        f"- Command: `{command}` ({time.monotonic() - started:.0f} s, began {began:%H:%M} UTC)",
        *machine_lines(server, None)[:-1],
        f"- aiohttp {version('aiohttp')}; {wrk_version()} (one thread, keep-alive)",
        f"- 1-minute load average: {'; '.join(results.loads)}",
        "- Each portal measured once idle (its demo history projected and its notices issued):"
        f" background CPU of the server process then {idle}",
    ]
    return render(results, trees, args, header, began)


def wrk_version() -> str:
    """wrk's version line, e.g. 'wrk 4.1.0'."""
    done = subprocess.run(["wrk", "-v"], capture_output=True, text=True, check=False)
    first = (done.stdout or done.stderr).splitlines()
    return " ".join(first[0].split()[:2]) if first else "wrk"


def _median(values: Sequence[float]) -> float:
    return statistics.median(values) if values else 0.0


def _each(values: Sequence[float], fmt: str) -> str:
    return " / ".join(format(v, fmt) for v in values)


def _ratio(after: float, before: float) -> str:
    return f"{after / before:.2f}x" if before else "-"


def page_table(results: Results, trees: list[Checkout], page: str, connections: int) -> list[str]:
    """Rows of one page at one connection count: each checkout, medians over rounds."""
    rows = []
    first: dict[str, float] = {}
    for tree in trees:
        runs = [r.run for r in results.pages if r.label == tree.label and r.page == page]
        runs = [r for r in runs if r.connections == connections]
        if not runs:
            continue
        rate = _median([r.rate for r in runs])
        cpu = _median([r.server_ms_per_request for r in runs])
        first = first or {"rate": rate, "cpu": cpu}
        pg = [r.postgres_ms_per_request for r in runs]
        known = [p for p in pg if p is not None]
        pg_text = _median(known) if len(known) == len(pg) else None
        other = [r.other_cores for r in runs]
        each = _each([r.rate for r in runs], ",.0f")
        rows.append(
            f"| {connections} | {tree.label} | {rate:,.0f} ({each})"
            f" | {_ratio(rate, first['rate'])}"
            f" | {_median([r.p50_ms for r in runs]):.2f} | {_median([r.p99_ms for r in runs]):.2f}"
            f" | {cpu:.2f} | {_ratio(cpu, first['cpu'])}"
            f" | {'-' if pg_text is None else f'{pg_text:.2f}'}"
            f" | {_each([o or 0.0 for o in other], '.2f')}"
            f" | {_each([r.load_after for r in runs], '.1f')} |"
        )
    return rows


_PAGE_HEAD = [
    "| Conns | Checkout | req/s, median (each round) | vs first | p50 ms | p99 ms"
    " | server CPU ms/req | vs first | PostgreSQL CPU ms/req | other cores | load |",
    "|--:|---|--:|--:|--:|--:|--:|--:|--:|---|---|",
]


def render(
    results: Results,
    trees: list[Checkout],
    args: argparse.Namespace,
    header: list[str],
    began: datetime,
) -> str:
    """The section RESULTS.md gets (also what the terminal shows)."""
    labels = ", ".join(f"{t.label} = {commit_of(t.path)} (`{t.path}`)" for t in trees)
    lines = [f"## Restructure: before and after, {began:%Y-%m-%d}", "", f"- Checkouts: {labels}"]
    lines += [*header, ""]
    events = ", ".join(f"{k}: {v}" for k, v in results.case_events.items())
    for page, route, _ in PAGES:
        body = _median([r.body_bytes for r in results.pages if r.page == page])
        lines += [
            f"### {page}, {route}",
            "",
            f"The demo applicant's N400 with a request for evidence open (events in its"
            f" stream: {events}), two documents uploaded; about {body:,.0f} bytes of HTML.",
            "",
            *_PAGE_HEAD,
        ]
        for connections in args.connections:
            lines += page_table(results, trees, page, connections)
        lines.append("")
    lines += [
        f"### Baseline: one aiohttp route answering {args.baseline_bytes:,} fixed bytes",
        "",
        *_PAGE_HEAD,
        *(
            row
            for connections in args.connections
            for row in page_table(results, [Checkout(BASELINE, Path())], BASELINE, connections)
        ),
        "",
    ]
    if results.commands:
        lines += command_table(results, trees, args)
    lines += [
        "Columns: medians over the rounds, then each round's value in brackets or after a"
        " slash; `vs first` = this checkout against the first listed; CPU per request ="
        " CPU seconds of the server process (or of the bench database's PostgreSQL"
        " processes) during the run / requests; other cores = the machine's busy CPU minus"
        " the server, PostgreSQL and wrk, i.e. other people's work; load = 1-minute load"
        " average at the end of the run (ours included).",
        "",
    ]
    return "\n".join(lines)


def command_table(results: Results, trees: list[Checkout], args: argparse.Namespace) -> list[str]:
    """The command cycle per checkout, medians over rounds."""
    lines = [
        f"### Command cycle (bench/commands.py of each checkout, {args.command_writers} writers,"
        f" {args.command_seconds:.0f} s)",
        "",
        "| Checkout | commands/s, median (each round) | vs first | p50 ms | p99 ms"
        " | Python CPU ms/command | events per case at the end | other cores | load |",
        "|---|--:|--:|--:|--:|--:|--:|---|---|",
    ]
    first = 0.0
    for tree in trees:
        runs = [r for r in results.commands if r.label == tree.label]
        if not runs:
            continue
        rate = _median([r.rate for r in runs])
        first = first or rate
        lines.append(
            f"| {tree.label} | {rate:,.0f} ({_each([r.rate for r in runs], ',.0f')})"
            f" | {_ratio(rate, first)} | {_median([r.p50_ms for r in runs]):.1f}"
            f" | {_median([r.p99_ms for r in runs]):.1f}"
            f" | {_median([r.python_ms_per_command for r in runs]):.2f}"
            f" | {_median([r.events_per_case for r in runs]):.0f}"
            f" | {_each([r.other_cores for r in runs], '.2f')}"
            f" | {_each([r.load for r in runs], '.1f')} |"
        )
    return [*lines, ""]


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
    args = parse_args(sys.argv[1:] if argv is None else argv)
    text = asyncio.run(run(args))
    print()
    print(text)
    if not args.no_write:
        write_section(text)
        print("\nwritten to bench/RESULTS.md")


if __name__ == "__main__":
    main()
