"""The dashboards' charts and tables from the series: labels, descriptions and cell text."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from markupsafe import Markup

from immportal import formatting
from immportal.services.analytics.dashboard import Backlog, DashboardFilter, Distribution, WeekFlow
from immportal.services.analytics.tables import Cell, DataTable, dashboard_tables
from immportal.web.charts.bars import bar_chart
from immportal.web.charts.histogram import Marker, histogram
from immportal.web.charts.lines import Series, line_chart
from immportal.web.person_zone import person_locale

SEE_TABLE = "The table beside the chart gives every number."


@dataclass(frozen=True)
class Panel:
    """One chart with its heading, what it counts, and the tables of its numbers."""

    key: str
    heading: str
    explanation: str
    chart: Markup
    tables: tuple[DataTable, ...]


def long_date(day: date) -> str:
    """'March 3, 2026'."""
    return formatting.long_date(day, person_locale())


def short_dates(days: Sequence[date]) -> list[str]:
    """'Mar 3' under each week; the year only on the first and where it changes."""
    labels, year = [], None
    for day in days:
        same_year = day.year == year
        label = formatting.month_day if same_year else formatting.short_date
        labels.append(label(day, person_locale()))
        year = day.year
    return labels


def cell_text(value: Cell, kind: str) -> str:
    """What a table cell shows: dates in words, days to one decimal, never 'None'."""
    if value is None:
        return "Not enough decisions"
    if isinstance(value, date):
        return formatting.short_date(value, person_locale())
    return f"{value:.1f}" if kind == "float" else str(value)


def describe_filter(chosen: DashboardFilter) -> str:
    """The filter in words: which form, which office, which weeks."""
    form = f"Form {chosen.form_type}" if chosen.form_type else "All forms"
    office = f"office {chosen.office}" if chosen.office else "all offices"
    weeks = len(chosen.weeks)
    return (
        f"{form} at {office}, {weeks} week{'s' if weeks != 1 else ''}"
        f" from Monday {long_date(chosen.first_week)} to Sunday {long_date(chosen.last_day)}."
    )


def backlog_panel(chosen: DashboardFilter, backlog: Backlog, table: DataTable) -> Panel:
    """Open cases over time, a line per form or office."""
    lines = [Series(g, tuple(c)) for g, c in zip(backlog.groups, backlog.counts, strict=True)]
    trends = "; ".join(
        f"{s.label}: {s.values[0]} at first, {s.values[-1]} at the end, at most {max(s.values)}"
        for s in lines
    )
    description = (
        f"Line chart of open cases at the end of each week, one line per {backlog.by}. "
        f"{trends or 'No open cases in these weeks'}. {SEE_TABLE}"
    )
    chart = line_chart(
        "backlog-chart",
        title=f"Backlog: open cases at the end of each week, by {backlog.by}",
        description=description,
        categories=short_dates(chosen.weeks),
        series=lines,
        x_title="Week of (Monday)",
        y_title="Open cases",
    )
    explanation = (
        "A case is open from its acceptance until its first decision, withdrawal, rejection"
        " or closure. The current week counts up to now."
    )
    return Panel("backlog", "Backlog over time", explanation, chart, (table,))


def throughput_panel(chosen: DashboardFilter, flows: list[WeekFlow], table: DataTable) -> Panel:
    """Receipts and completions each week, as bars side by side."""
    received = tuple(f.receipts for f in flows)
    completed = tuple(f.completions for f in flows)
    description = (
        f"Bar chart of cases received (solid bars) and completed (hatched bars) each week: "
        f"{sum(received)} received and {sum(completed)} completed in all, at most"
        f" {max(received, default=0)} received and {max(completed, default=0)} completed"
        f" in one week. {SEE_TABLE}"
    )
    chart = bar_chart(
        "throughput-chart",
        title="Receipts and completions each week",
        description=description,
        categories=short_dates(chosen.weeks),
        series=[Series("Receipts", received), Series("Completions", completed)],
        x_title="Week of (Monday)",
        y_title="Cases",
    )
    explanation = (
        "Receipts are cases accepted in the week; completions are cases that left the"
        " backlog in it. Each week's backlog is the last one's plus receipts minus completions."
    )
    return Panel("throughput", "Receipts and completions", explanation, chart, (table,))


def times_panel(distribution: Distribution, tables: tuple[DataTable, ...]) -> Panel:
    """How long first decisions took, with the median and 80th percentile marked."""
    bins = distribution.bins
    markers = []
    if distribution.median_days is not None:
        markers.append(
            Marker(f"Median {distribution.median_days:.1f} days", distribution.median_days)
        )
    if distribution.p80_days is not None:
        markers.append(
            Marker(f"80% within {distribution.p80_days:.1f} days", distribution.p80_days)
        )
    marked = ". ".join(m.label for m in markers)
    width = bins[0].to_days - bins[0].from_days if bins else 0
    description = (
        f"Histogram of {distribution.decisions} first decisions by days from acceptance"
        + (f", in bins of {width} days. {marked}" if bins else "")
        + f". {SEE_TABLE}"
    )
    chart = histogram(
        "times-chart",
        title="Days from acceptance to a first decision",
        description=description,
        edges=[b.from_days for b in bins] + ([bins[-1].to_days] if bins else []),
        counts=[b.decisions for b in bins],
        markers=markers,
        x_title="Days from acceptance to the first decision",
        y_title="Decisions",
    )
    explanation = (
        "First decisions issued in these weeks, counted at the office that issued them."
        " The median and 80th percentile interpolate between decisions (PostgreSQL's"
        " percentile_cont), as the public processing times do."
    )
    return Panel("times", "Processing times", explanation, chart, tables)


def panels(
    chosen: DashboardFilter, backlog: Backlog, flows: list[WeekFlow], distribution: Distribution
) -> list[Panel]:
    """The three charts, each with the tables of exactly its numbers."""
    backlog_rows, flow_rows, bin_rows, summary = dashboard_tables(backlog, flows, distribution)
    return [
        backlog_panel(chosen, backlog, backlog_rows),
        throughput_panel(chosen, flows, flow_rows),
        times_panel(distribution, (bin_rows, summary)),
    ]
