"""Run the benchmarks: `python -m bench.run [options]` (see --help).

Creates a fresh database `bench_<random>` on the server (and, for the relay section, a
`bench-<random>` exchange and queues on RabbitMQ), runs each section with its baselines
in the same run, prints the tables, writes bench/RESULTS.md, drops what it created.
"""

import argparse
import asyncio
import shlex
import sys
import time
from datetime import UTC, datetime
from importlib.metadata import version

from bench import messaging, suite
from bench.broker import DEFAULT_BROKER, broker_version
from bench.db import DEFAULT_SERVER, bench_database, server_version
from bench.measure import machine_busy_cores
from bench.report import Report, machine_lines, render, write_results
from bench.workarounds import patch_started_status
from immportal.app.logging_setup import configure_logging

SECTIONS = ("appends", "commands", "catchup", "rebuild", "reads", "relay")


def _counts(text: str) -> tuple[int, ...]:
    return tuple(int(part) for part in text.split(",") if part.strip())


def parse_args(argv: list[str]) -> argparse.Namespace:
    """Command-line options; defaults are the issue's sizes (about 5-8 minutes on 2 cores)."""
    parser = argparse.ArgumentParser(prog="python -m bench.run", description=__doc__)
    add = parser.add_argument
    add("--database-url", default=DEFAULT_SERVER, help="server to create bench_<random> on")
    add("--only", default=",".join(SECTIONS), help=f"comma-separated subset of {SECTIONS}")
    add("--writers", type=_counts, default=(1, 8, 64), help="append writer counts, e.g. 1,8,64")
    add("--append-seconds", type=float, default=5.0, help="measuring time per append run")
    add("--events-per-case", type=int, default=20, help="appends: a new case every N events")
    add("--no-long-streams", action="store_true", help="skip the ever-growing-case variant")
    add("--command-writers", type=int, default=64)
    add("--command-seconds", type=float, default=10.0)
    add("--cases-per-writer", type=int, default=8)
    add("--catchup-events", type=int, default=200_000)
    add("--catchup-batch", type=int, default=1000)
    add("--rebuild-events", type=int, default=1_000_000)
    add("--rebuild-batch", type=int, default=5000)
    add("--reads", type=int, default=5000, help="direct read-model reads (summary + timeline)")
    add("--http-reads", type=int, default=2000, help="case page GETs over HTTP; 0 skips")
    add("--read-concurrency", type=int, default=8)
    add("--rabbitmq-url", default=DEFAULT_BROKER, help="broker for the relay section")
    add("--relay-events", type=int, default=50_000, help="events the relay publishes")
    add("--relay-batches", type=_counts, default=(100, 500, 2000), help="relay batch sizes")
    add(
        "--no-relay-before",
        action="store_true",
        help="skip the relay on its earlier per-message publisher",
    )
    add("--latency-rate", type=float, default=500.0, help="end-to-end: appends per second")
    add("--latency-seconds", type=float, default=20.0, help="end-to-end: how long")
    add("--no-listener-loss", action="store_true", help="skip the degraded end-to-end run")
    add("--wait-quiet", type=float, default=0.0, help="wait up to N s for an idle machine")
    add("--profile", action="store_true", help="cProfile each section into bench/out/")
    add("--no-write", action="store_true", help="print only; leave RESULTS.md alone")
    args = parser.parse_args(argv)
    unknown = set(args.only.split(",")) - set(SECTIONS)
    if unknown:
        parser.error(f"unknown sections: {', '.join(sorted(unknown))}")
    return args


def options_from(args: argparse.Namespace) -> suite.Options:
    """The suite's options from parsed arguments."""
    return suite.Options(
        writers=args.writers,
        append_seconds=args.append_seconds,
        events_per_case=args.events_per_case,
        long_streams=not args.no_long_streams,
        command_writers=args.command_writers,
        command_seconds=args.command_seconds,
        cases_per_writer=args.cases_per_writer,
        catchup_events=args.catchup_events,
        catchup_batch=args.catchup_batch,
        rebuild_events=max(args.rebuild_events, args.catchup_events),
        rebuild_batch=args.rebuild_batch,
        reads=args.reads,
        http_reads=args.http_reads,
        read_concurrency=args.read_concurrency,
        sections=frozenset(args.only.split(",")),
        profile=args.profile,
    )


def relay_options(args: argparse.Namespace) -> messaging.RelayOptions:
    """The relay section's options from parsed arguments."""
    return messaging.RelayOptions(
        rabbitmq_url=args.rabbitmq_url,
        events=args.relay_events,
        batches=args.relay_batches,
        latency_rate=args.latency_rate,
        latency_seconds=args.latency_seconds,
        before=not args.no_relay_before,
        listener_loss=not args.no_listener_loss,
        profile=args.profile,
    )


def wait_for_quiet(limit: float) -> float | None:
    """Background load in busy cores, after waiting up to `limit` s for it to drop below 0.3."""
    deadline = time.monotonic() + limit
    busy = machine_busy_cores(2.0)
    while busy is not None and busy > 0.3 and time.monotonic() < deadline:
        print(f"machine busy ({busy:.2f} cores); waiting", flush=True)
        busy = machine_busy_cores(5.0)
    return busy


async def run(args: argparse.Namespace) -> str:
    """Every requested section on one fresh database; the rendered report."""
    options = options_from(args)
    patched = patch_started_status()
    background = wait_for_quiet(args.wait_quiet)
    started, began = time.monotonic(), datetime.now(UTC)
    report = Report()
    server = await server_version(args.database_url)
    rabbit = None
    if "relay" in options.sections:
        rabbit = await broker_version(args.rabbitmq_url)
    async with bench_database(args.database_url) as db:
        if "appends" in options.sections:
            await suite.run_appends(db, options, report)
        if "commands" in options.sections:
            await suite.run_commands(db, options, report)
        seeded = await suite.run_projections(db, options, report)
        if "reads" in options.sections:
            await suite.run_reads(db, options, report, seeded)
        relay_background: float | None = None
        if "relay" in options.sections:
            # The run is long and the machine shared: wait for quiet again.
            relay_background = wait_for_quiet(args.wait_quiet)
            await messaging.run_relay(db, relay_options(args), report)
    command = "python -m bench.run" + "".join(f" {shlex.quote(a)}" for a in sys.argv[1:])
    header = [
        f"## Run of {began:%Y-%m-%d %H:%M} UTC",
        "",
        f"- Command: `{command}` ({time.monotonic() - started:.0f} s)",
        *machine_lines(server, background),
    ]
    if rabbit is not None:
        clients = f"aio-pika {version('aio-pika')}, aiormq {version('aiormq')}"
        header.append(f"- Broker: {rabbit} on this machine; {clients}")
        quiet = "unknown" if relay_background is None else f"{relay_background:.2f} cores busy"
        header.append(f"- Load before the relay section: {quiet}")
    report.notes += [
        "Ours = `PostgresEventStore.append` through the group-commit writer; library ="
        " eventsourcing's `Application.save` with `eventsourcing.postgres` from N threads"
        " (pool size N); raw = asyncpg single-row autocommit INSERT, one connection per writer.",
        "Every append is one event: copies of real Case events (Started, then AnswersSaved"
        f" with a 10-field section; a new case every {options.events_per_case} events), the"
        " same events for ours and the library; the command cycle runs the real commands.",
        "CPU columns: cores used by this Python process (py), by PostgreSQL processes of the"
        " bench database plus WAL writer/checkpointer (pg), and by anything else on the"
        " machine (other) during the measured window.",
    ]
    if rabbit is not None:
        report.notes += messaging.NOTES
    if patched:
        report.notes.append(
            "src bug worked around: case_summary.fold leaves status NULL for a case whose"
            " Started event ends a batch (NOT NULL violation, projection stuck); the bench"
            " folded Started as 'draft' (bench/workarounds.py)."
        )
    return render(report, header)


def main(argv: list[str] | None = None) -> None:
    """Entry point."""
    args = parse_args(sys.argv[1:] if argv is None else argv)
    configure_logging("warning", json=False)
    text = asyncio.run(run(args))
    print()
    print(text)
    if not args.no_write:
        write_results(text)
        print("\nwritten to bench/RESULTS.md")


if __name__ == "__main__":
    main()
