"""The results table, printed and written into bench/RESULTS.md between markers."""

import os
import platform
import re
from dataclasses import dataclass, field
from importlib.metadata import version
from pathlib import Path

from bench.appends import Measured
from bench.measure import Throughput
from bench.relay import RelayRow

RESULTS = Path(__file__).with_name("RESULTS.md")
BEGIN, END = "<!-- bench:begin -->", "<!-- bench:end -->"


def cpu_model() -> str:
    """The CPU model line of /proc/cpuinfo."""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def machine_lines(server: str, background: float | None) -> list[str]:
    """Where the numbers come from."""
    packages = ", ".join(f"{p} {version(p)}" for p in ("eventsourcing", "asyncpg", "psycopg"))
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    quiet = "unknown" if background is None else f"{background:.2f} cores busy"
    return [
        f"- Machine: {os.cpu_count()} CPUs (nproc), {cpu_model()}, {platform.system()}"
        f" {platform.release()}",
        f"- PostgreSQL: {server}",
        f"- Python {platform.python_version()}; {packages}",
        f"- Load before the run: {quiet} (loadavg {load})",
    ]


@dataclass(frozen=True)
class AppendRow:
    """One writer count: ours beside the library and raw INSERTs."""

    label: str
    ours: Measured
    library: Measured | None
    raw: Measured | None


@dataclass(frozen=True)
class ResultRow:
    """One line of the summary table."""

    benchmark: str
    result: str
    target: str = ""
    met: bool | None = None
    details: str = ""


@dataclass
class Report:
    """Everything one run measured."""

    appends: list[AppendRow] = field(default_factory=list)
    rows: list[ResultRow] = field(default_factory=list)
    relay: list[RelayRow] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def _rate(measured: Measured | None) -> str:
    return "-" if measured is None else f"{measured.throughput.rate:,.0f}"


def _ratio(ours: Measured, other: Measured | None) -> str:
    if other is None or other.throughput.rate <= 0:
        return "-"
    return f"{ours.throughput.rate / other.throughput.rate:.2f}x"


def _met(met: bool | None) -> str:
    return {True: "yes", False: "**no**", None: ""}[met]


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def append_table(rows: list[AppendRow]) -> list[str]:
    """Events/s per writer count, with ratios and what each side spent."""
    lines = [
        "| Writers | Ours ev/s | Library ev/s | Raw INSERT ev/s | Ours/library | Ours/raw"
        " | Ours: groups, CPU | Library: CPU | Raw: CPU |",
        "|---|--:|--:|--:|--:|--:|---|---|---|",
    ]
    for row in rows:
        lines.append(
            f"| {row.label} | {_rate(row.ours)} | {_rate(row.library)} | {_rate(row.raw)}"
            f" | {_ratio(row.ours, row.library)} | {_ratio(row.ours, row.raw)}"
            f" | {_cell(row.ours.describe())}"
            f" | {_cell(row.library.describe() if row.library else '')}"
            f" | {_cell(row.raw.describe() if row.raw else '')} |"
        )
    return lines


def summary_table(rows: list[ResultRow]) -> list[str]:
    """Every other benchmark, with its target where the issue gives one."""
    lines = ["| Benchmark | Result | Target | Met | Details |", "|---|--:|---|---|---|"]
    for row in rows:
        lines.append(
            f"| {_cell(row.benchmark)} | {_cell(row.result)} | {_cell(row.target)}"
            f" | {_met(row.met)} | {_cell(row.details)} |"
        )
    return lines


def _per_s(throughput: Throughput | None) -> str:
    return "-" if throughput is None else f"{throughput.rate:,.0f}"


def relay_table(rows: list[RelayRow]) -> list[str]:
    """Relay events/s per batch size, beside its earlier publisher and raw aio-pika."""
    lines = [
        "| Batch | Relay ev/s | Relay, earlier per-message publisher | Relay/earlier"
        " | Bus publish alone, msg/s | Raw aio-pika, confirms | Raw aio-pika, no confirms"
        " | Relay/raw confirms | Stages alone | Relay: CPU |",
        "|--:|--:|--:|--:|--:|--:|--:|--:|---|---|",
    ]
    for row in rows:
        raw = row.raw_confirms.rate
        ratio = f"{row.relay.rate / raw:.2f}x" if raw > 0 else "-"
        before = row.before.rate if row.before else 0.0
        gain = f"{row.relay.rate / before:.2f}x" if before > 0 else "-"
        lines.append(
            f"| {row.batch:,} | {_per_s(row.relay)} | {_per_s(row.before)} | {gain}"
            f" | {row.stages.publish_rate:,.0f} | {_per_s(row.raw_confirms)}"
            f" | {_per_s(row.raw_plain)} | {ratio} | {_cell(row.stages.describe())}"
            f" | {_cell(row.cpu.describe())} |"
        )
    return lines


def render(report: Report, header: list[str]) -> str:
    """The generated part of RESULTS.md (also what the terminal shows)."""
    lines = [*header, ""]
    if report.appends:
        lines += ["### 1. Appends, one event per append", "", *append_table(report.appends), ""]
    if report.relay:
        lines += ["### 6. Relay to RabbitMQ, events/s", "", *relay_table(report.relay), ""]
    if report.rows:
        lines += ["### Summary and targets", "", *summary_table(report.rows), ""]
    if report.notes:
        lines += ["Notes:", "", *(f"- {note}" for note in report.notes), ""]
    return "\n".join(lines)


_PREAMBLE = """# Benchmarks

Generated by `python -m bench.run` between the markers below; text outside the
markers is kept across runs. Timings are measurements, never assertions.
"""


def write_results(generated: str) -> None:
    """Replace the generated block of RESULTS.md, keeping the hand-written text around it."""
    block = f"{BEGIN}\n{generated.rstrip()}\n{END}"
    if RESULTS.exists():
        text = RESULTS.read_text(encoding="utf-8")
        if BEGIN in text and END in text:
            pattern = re.compile(re.escape(BEGIN) + r".*?" + re.escape(END), re.S)
            RESULTS.write_text(pattern.sub(lambda _m: block, text, count=1), encoding="utf-8")
            return
        RESULTS.write_text(text.rstrip() + "\n\n" + block + "\n", encoding="utf-8")
        return
    RESULTS.write_text(_PREAMBLE + "\n" + block + "\n", encoding="utf-8")
