"""The dashboards' numbers as tables: one shape for the page, the CSV and the Parquet file.

A chart's table, its CSV and its Parquet file are made from the same `DataTable`, so
all three hold exactly the numbers the chart draws.
"""

from dataclasses import dataclass
from datetime import date

from immportal.services.analytics.dashboard import Backlog, Distribution, WeekFlow

Cell = date | int | float | None


@dataclass(frozen=True)
class Column:
    """A column: its name in files, its heading on the page, and its type (date, int, float)."""

    key: str
    heading: str
    kind: str


@dataclass(frozen=True)
class DataTable:
    """Rows of numbers with named columns; `name` is the file's name without its suffix."""

    name: str
    caption: str
    columns: tuple[Column, ...]
    rows: tuple[tuple[Cell, ...], ...]


WEEK = Column("week_of", "Week of (Monday)", "date")


def backlog_table(backlog: Backlog) -> DataTable:
    """Open cases at the end of each week, a column per form or office."""
    columns = (WEEK, *(Column(g, g, "int") for g in backlog.groups))
    # Weeks with no group to count are not rows: nothing is charted for them.
    weeks = backlog.weeks if backlog.groups else ()
    rows: tuple[tuple[Cell, ...], ...] = tuple(
        (week, *backlog.at(n)) for n, week in enumerate(weeks)
    )
    return DataTable(
        "backlog", f"Open cases at the end of each week, by {backlog.by}", columns, rows
    )


def throughput_table(flows: list[WeekFlow]) -> DataTable:
    """Cases received and cases completed in each week."""
    columns = (
        WEEK,
        Column("receipts", "Receipts", "int"),
        Column("completions", "Completions", "int"),
    )
    rows = tuple((f.week_of, f.receipts, f.completions) for f in flows)
    return DataTable("throughput", "Receipts and completions each week", columns, rows)


def distribution_table(distribution: Distribution) -> DataTable:
    """First decisions per bin of days from acceptance."""
    columns = (
        Column("from_days", "At least (days)", "int"),
        Column("to_days", "Less than (days)", "int"),
        Column("decisions", "Decisions", "int"),
    )
    rows = tuple((b.from_days, b.to_days, b.decisions) for b in distribution.bins)
    return DataTable("processing-times", "First decisions by days from acceptance", columns, rows)


def summary_table(distribution: Distribution) -> DataTable:
    """How many first decisions, and their median and 80th percentile in days."""
    columns = (
        Column("decisions", "Decisions", "int"),
        Column("median_days", "Median (days)", "float"),
        Column("p80_days", "80th percentile (days)", "float"),
    )
    row = (distribution.decisions, distribution.median_days, distribution.p80_days)
    return DataTable(
        "processing-time-summary", "Days from acceptance to a first decision", columns, (row,)
    )


def dashboard_tables(
    backlog: Backlog, flows: list[WeekFlow], distribution: Distribution
) -> tuple[DataTable, ...]:
    """Every table the dashboards chart, in the order the page shows them."""
    return (
        backlog_table(backlog),
        throughput_table(flows),
        distribution_table(distribution),
        summary_table(distribution),
    )


TABLE_NAMES = ("backlog", "throughput", "processing-times", "processing-time-summary")
"""The `name` of each table `dashboard_tables` makes: the downloads' names."""
