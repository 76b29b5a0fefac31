"""The sections of a run, each adding its rows to the report."""

import asyncio
from dataclasses import dataclass

from bench import appends, commands, projections, reads
from bench.db import Database, clear_log
from bench.measure import CpuUse, Latencies
from bench.profiling import profiled
from bench.report import AppendRow, Report, ResultRow
from bench.seed import Seeded, seed
from bench.workarounds import lateral_head_query
from immportal.app.container import all_projections, open_runtime
from immportal.processes.filed_applications import FiledApplicationsProjection
from immportal.processes.notices import NoticesProjection
from immportal.projections.base import Projection

APPEND_TARGET = 20_000
LIBRARY_FACTOR = 5
REBUILD_SECONDS = 60
P99_MS = 10.0


@dataclass(frozen=True)
class Options:
    """What to run and how big (see `python -m bench.run --help`)."""

    writers: tuple[int, ...]
    append_seconds: float
    events_per_case: int
    long_streams: bool
    command_writers: int
    command_seconds: float
    cases_per_writer: int
    catchup_events: int
    catchup_batch: int
    rebuild_events: int
    rebuild_batch: int
    reads: int
    http_reads: int
    read_concurrency: int
    sections: frozenset[str]
    profile: bool


def _say(text: str) -> None:
    print(text, flush=True)


async def run_appends(db: Database, options: Options, report: Report) -> None:
    """Benchmark 1, for each writer count (and once with ever-growing streams)."""
    plan: list[tuple[str, int, int | None]] = [
        (str(n), n, options.events_per_case) for n in options.writers
    ]
    most = max(options.writers)
    if options.long_streams:
        plan.append((f"{most}, one growing case each", most, None))
    seconds = options.append_seconds
    for label, writers, per_case in plan:
        await clear_log(db.url)
        with profiled(f"appends-ours-{writers}-{per_case}", options.profile):
            async with open_runtime(db.settings()) as runtime:
                ours = await appends.ours(runtime.store, db, writers, seconds, per_case)
        library = await asyncio.to_thread(appends.library, db, writers, seconds, per_case)
        raw = await appends.raw(db, writers, seconds, per_case)
        row = AppendRow(label, ours, library, raw)
        report.appends.append(row)
        _say(
            f"appends {label:>26}: ours {ours.throughput.rate:9,.0f}"
            f"  library {library.throughput.rate:9,.0f}  raw {raw.throughput.rate:9,.0f} ev/s"
        )
    if options.long_streams:
        await _append_whatif(db, most, seconds, report)
    _append_targets(report, str(most))


async def _append_whatif(db: Database, writers: int, seconds: float, report: Report) -> None:
    """Ours again on growing cases, with the suggested head query patched in (bench only)."""
    await clear_log(db.url)
    with lateral_head_query() as patched:
        if not patched:
            return
        async with open_runtime(db.settings()) as runtime:
            ours = await appends.ours(runtime.store, db, writers, seconds, None)
    label = f"{writers}, one growing case each, LATERAL head query (suggested fix)"
    report.appends.append(AppendRow(label, ours, None, None))
    _say(f"appends {label}: ours {ours.throughput.rate:9,.0f} ev/s")


def _append_targets(report: Report, label: str) -> None:
    top = next(r for r in report.appends if r.label == label)
    lib_rate = top.library.throughput.rate if top.library else 0.0
    ours_rate = top.ours.throughput.rate
    report.rows.append(
        ResultRow(
            f"1. Appends, {top.label} writers (ours)",
            f"{ours_rate:,.0f} ev/s",
            f">= {APPEND_TARGET:,} ev/s",
            ours_rate >= APPEND_TARGET,
            top.ours.describe(),
        )
    )
    report.rows.append(
        ResultRow(
            f"1. Appends, {top.label} writers, ours/library",
            f"{ours_rate / lib_rate:.1f}x" if lib_rate else "-",
            f">= {LIBRARY_FACTOR}x",
            bool(lib_rate) and ours_rate >= LIBRARY_FACTOR * lib_rate,
            f"library {lib_rate:,.0f} ev/s",
        )
    )


async def run_commands(db: Database, options: Options, report: Report) -> None:
    """Benchmark 2."""
    await clear_log(db.url)
    async with open_runtime(db.settings()) as runtime:
        with profiled("commands", options.profile):
            result = await commands.command_cycle(
                runtime,
                db,
                options.command_writers,
                options.command_seconds,
                options.cases_per_writer,
            )
    lat = result.latencies
    report.rows.append(
        ResultRow(
            f"2. Command cycle (replay, save_answers, save), {options.command_writers} writers",
            f"{lat.rate:,.0f} commands/s",
            details=f"p50 {lat.p50:.1f} ms, p99 {lat.p99:.1f} ms per command;"
            f" cases end at ~{result.events_per_case:.0f} events; {result.cpu.describe()}",
        )
    )
    _say(f"commands: {lat.rate:,.0f}/s (p50 {lat.p50:.1f} ms, p99 {lat.p99:.1f} ms)")


async def _seed_to(db: Database, seeded: Seeded, total: int, label: str) -> None:
    async with open_runtime(db.settings()) as runtime:
        await seed(runtime.store, total - seeded.events, seeded)
    _say(f"seeded {label}: {seeded.events:,} events, {len(seeded.case_ids):,} cases")


def benchmarked_projections() -> list[Projection]:
    """Every read model but the notices, whose cost is rendering PDFs, not projecting."""
    # The workers that issue signed documents (notices, filed copies) need a runtime.
    issuing = (NoticesProjection, FiledApplicationsProjection)
    return [p for p in all_projections() if not isinstance(p, issuing)]


async def run_projections(db: Database, options: Options, report: Report) -> Seeded:
    """Benchmarks 3 and 4 on one log: seed, catch up from zero, seed more, rebuild all."""
    await clear_log(db.url)
    seeded = Seeded()
    if "catchup" in options.sections:
        await _seed_to(db, seeded, options.catchup_events, "for catch-up")
        async with open_runtime(db.settings()) as runtime:
            for projection in benchmarked_projections():
                with profiled(f"catchup-{projection.name}", options.profile):
                    run = await projections.catch_up(runtime, db, projection, options.catchup_batch)
                report.rows.append(
                    ResultRow(
                        f"3. Catch-up from zero, {projection.name} (batch {options.catchup_batch})",
                        f"{run.throughput.rate:,.0f} ev/s",
                        details=f"{run.throughput.count:,} events in"
                        f" {run.throughput.seconds:.1f} s; {run.cpu.describe()}",
                    )
                )
                _say(f"catch-up {projection.name}: {run.throughput.rate:,.0f} ev/s")
    if "rebuild" in options.sections:
        await _seed_to(db, seeded, options.rebuild_events, "for rebuild")
        report.rows.append(
            ResultRow(
                "Seeding through our store (64 appenders, 40 cases per append)",
                f"{seeded.throughput.rate:,.0f} ev/s",
                details=f"{seeded.events:,} events, {len(seeded.case_ids):,} cases in"
                f" {seeded.seconds:.1f} s",
            )
        )
        total = 0.0
        async with open_runtime(db.settings()) as runtime:
            for projection in benchmarked_projections():
                with profiled(f"rebuild-{projection.name}", options.profile):
                    run = await projections.full_rebuild(
                        runtime, db, projection, options.rebuild_batch
                    )
                seconds = run.throughput.seconds
                total += seconds
                report.rows.append(
                    ResultRow(
                        f"4. Rebuild {projection.name}, {run.throughput.count:,} events"
                        f" (batch {options.rebuild_batch})",
                        f"{seconds:.1f} s",
                        f"<= {REBUILD_SECONDS} s",
                        seconds <= REBUILD_SECONDS,
                        f"{run.throughput.rate:,.0f} ev/s; {run.cpu.describe()}",
                    )
                )
                _say(f"rebuild {projection.name}: {seconds:.1f} s")
        report.rows.append(
            ResultRow(
                "4. Rebuild every read model above, one after the other",
                f"{total:.1f} s",
                f"<= {REBUILD_SECONDS} s (strict reading)",
                total <= REBUILD_SECONDS,
            )
        )
    return seeded


def _read_row(name: str, lat: Latencies, cpu: CpuUse, concurrency: int) -> ResultRow:
    cpu_ms = cpu.python / lat.count * 1000 if lat.count else 0.0
    return ResultRow(
        name,
        f"p50 {lat.p50:.2f} ms, p99 {lat.p99:.2f} ms",
        f"p99 <= {P99_MS:.0f} ms",
        lat.p99 <= P99_MS,
        f"{lat.count:,} reads, concurrency {concurrency}, {lat.rate:,.0f} reads/s,"
        f" max {lat.max:.1f} ms; {cpu_ms:.2f} ms Python CPU per read; {cpu.describe()}",
    )


async def run_reads(db: Database, options: Options, report: Report, seeded: Seeded) -> None:
    """Benchmark 5, on whatever read model the projection sections built."""
    if not seeded.case_ids:
        await clear_log(db.url)
        await _seed_to(db, seeded, 50_000, "for reads")
    async with open_runtime(db.settings()) as runtime:
        if "catchup" not in options.sections and "rebuild" not in options.sections:
            for projection in benchmarked_projections():
                await projections.catch_up(runtime, db, projection, 5000)
        with profiled("reads-direct", options.profile):
            lat, cpu = await reads.direct_reads(
                runtime, db, seeded.case_ids, options.reads, options.read_concurrency
            )
    cases = f"{len(seeded.case_ids):,} cases"
    name = f"5. Case page reads, get_case_summary + get_timeline ({cases})"
    report.rows.append(_read_row(name, lat, cpu, options.read_concurrency))
    _say(f"reads direct: p50 {lat.p50:.2f} ms, p99 {lat.p99:.2f} ms")
    if not options.http_reads:
        return
    concurrencies = (options.read_concurrency, 1)
    with profiled("reads-http", options.profile):
        runs = await reads.http_reads(db, seeded.case_ids, options.http_reads, concurrencies)
    for concurrency, (lat, cpu) in zip(concurrencies, runs, strict=True):
        name = "5. Case page over HTTP, GET /dev/cases/{id}"
        report.rows.append(_read_row(name, lat, cpu, concurrency))
        _say(f"reads http x{concurrency}: p50 {lat.p50:.2f} ms, p99 {lat.p99:.2f} ms")
