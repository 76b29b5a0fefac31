"""What the analysts' dashboards count: the filter, and the weekly and binned series it selects.

Weeks run Monday to Sunday in UTC, like the `analytics` views' dates (UTC days), so a
count here equals the same count over those views. A chosen date range is widened to
whole weeks: every chart then covers the same weeks.
"""

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta

from immportal.domain.cases.forms import FormType

GROUPINGS = ("form", "office")
"""The backlog chart draws one line per form or one per office."""
DEFAULT_WEEKS = 12
MAX_WEEKS = 104
"""Two years of weeks: more would make unreadable charts and tables."""
BIN_WIDTHS = (1, 2, 5, 7, 10, 14, 30, 60, 90, 180, 365)
MAX_BINS = 20
_WEEK = timedelta(days=7)


def monday_of(day: date) -> date:
    """The Monday that starts the week holding `day`."""
    return day - timedelta(days=day.weekday())


@dataclass(frozen=True)
class DashboardFilter:
    """The form and office counted (None: all) and the whole weeks charted, Monday to Monday."""

    first_week: date
    last_week: date
    form_type: FormType | None = None
    office: str | None = None
    by: str = "form"

    @classmethod
    def covering(
        cls,
        first_day: date,
        last_day: date,
        *,
        form_type: FormType | None = None,
        office: str | None = None,
        by: str = "form",
    ) -> "DashboardFilter":
        """The whole weeks that hold both days and every day between them."""
        return cls(monday_of(first_day), monday_of(last_day), form_type, office, by)

    @classmethod
    def recent(cls, today: date, weeks: int = DEFAULT_WEEKS) -> "DashboardFilter":
        """The last `weeks` weeks, this one included."""
        last = monday_of(today)
        return cls(last - _WEEK * (weeks - 1), last)

    @property
    def weeks(self) -> tuple[date, ...]:
        """The Monday of every week charted, oldest first."""
        count = (self.last_week - self.first_week).days // 7 + 1
        return tuple(self.first_week + _WEEK * n for n in range(count))

    @property
    def ends(self) -> date:
        """The Monday after the last week: the range ends before it."""
        return self.last_week + _WEEK

    @property
    def last_day(self) -> date:
        """The Sunday that ends the last week."""
        return self.ends - timedelta(days=1)


@dataclass(frozen=True)
class Backlog:
    """Cases open at the end of each week, one series per form or per office."""

    by: str
    weeks: tuple[date, ...]
    groups: tuple[str, ...]
    counts: tuple[tuple[int, ...], ...]
    """One series per group (in the order of `groups`), one count per week."""

    @classmethod
    def from_counts(
        cls, by: str, weeks: tuple[date, ...], counted: Iterable[tuple[date, str, int]]
    ) -> "Backlog":
        """Series from (week, group, open cases) rows; a week a group lacks counts zero.

        A group with no open case in any of the weeks draws no line.
        """
        found: dict[str, dict[date, int]] = {}
        for week, group, cases in counted:
            found.setdefault(group, {})[week] = cases
        groups = tuple(sorted(g for g, per_week in found.items() if any(per_week.values())))
        counts = tuple(tuple(found[g].get(w, 0) for w in weeks) for g in groups)
        return cls(by, weeks, groups, counts)

    def at(self, week: int) -> tuple[int, ...]:
        """Each group's open cases at the end of the week of that index."""
        return tuple(series[week] for series in self.counts)


@dataclass(frozen=True)
class WeekFlow:
    """Cases received (accepted) in one week, and cases that left the backlog in it."""

    week_of: date
    receipts: int
    completions: int


@dataclass(frozen=True)
class DaysBin:
    """First decisions that took at least `from_days` and less than `to_days`."""

    from_days: int
    to_days: int
    decisions: int


@dataclass(frozen=True)
class Distribution:
    """How long first decisions took: counts per bin of days, the median and 80th percentile."""

    bins: tuple[DaysBin, ...]
    decisions: int
    median_days: float | None
    p80_days: float | None


def bin_width(longest_day: int) -> int:
    """The narrowest usual width that fits days 0 to `longest_day` in at most MAX_BINS bins."""
    for width in BIN_WIDTHS:
        if math.ceil((longest_day + 1) / width) <= MAX_BINS:
            return width
    return math.ceil((longest_day + 1) / MAX_BINS)


def binned(per_day: Mapping[int, int]) -> tuple[DaysBin, ...]:
    """Decisions per whole day (days rounded down) gathered into equal bins from day 0.

    Bins between the first and the last that hold decisions are kept at zero, so the
    histogram's axis has no gaps.
    """
    if not per_day:
        return ()
    width = bin_width(max(per_day))
    counts = [0] * (max(per_day) // width + 1)
    for day, decisions in per_day.items():
        counts[day // width] += decisions
    return tuple(DaysBin(n * width, (n + 1) * width, c) for n, c in enumerate(counts))
