"""The dashboards' series (immportal.services.analytics): weeks, histogram bins, tables, files."""

import io
from datetime import date

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from immportal.services.analytics.dashboard import (
    MAX_BINS,
    Backlog,
    DashboardFilter,
    DaysBin,
    Distribution,
    WeekFlow,
    bin_width,
    binned,
)
from immportal.services.analytics.table_files import table_csv, table_parquet
from immportal.services.analytics.tables import DataTable, dashboard_tables

WEEKS = (date(2026, 5, 4), date(2026, 5, 11))


class TestWeeks:
    """A filter covers whole Monday-to-Sunday weeks."""

    def test_covering(self) -> None:
        """A Wednesday to a Tuesday: the two weeks around them, ending before a Monday."""
        chosen = DashboardFilter.covering(date(2026, 5, 6), date(2026, 5, 12))

        assert WEEKS == chosen.weeks
        assert (date(2026, 5, 18), date(2026, 5, 17)) == (chosen.ends, chosen.last_day)


class TestBins:
    """Days to decide go into at most twenty equal bins of a usual width, from day 0."""

    @pytest.mark.parametrize(
        ("longest", "width"), [(0, 1), (19, 1), (20, 2), (69, 5), (139, 7), (400, 30), (7000, 365)]
    )
    def test_width(self, longest: int, width: int) -> None:
        """The narrowest usual width that fits."""
        assert width == bin_width(longest)

    def test_every_longest_fits(self) -> None:
        """Whatever the longest day, the bins hold it and are no more than twenty."""
        for longest in range(0, 20_000, 7):
            assert (longest + 1) / bin_width(longest) <= MAX_BINS

    def test_binned(self) -> None:
        """Days 0, 3 and 9 with width 1: ten bins, empty ones kept at zero."""
        bins = binned({0: 2, 3: 1, 9: 4})

        assert 10 == len(bins)
        assert [DaysBin(0, 1, 2), DaysBin(3, 4, 1), DaysBin(9, 10, 4)] == [
            b for b in bins if b.decisions
        ]
        assert () == binned({})


class TestTablesAndFiles:
    """A table, its CSV and its Parquet file hold the same numbers."""

    def tables(self) -> tuple[DataTable, ...]:
        """The four tables of a small dashboard."""
        backlog = Backlog.from_counts(
            "office", WEEKS, [(WEEKS[0], "=CSC", 3), (WEEKS[1], "NBC", 1), (WEEKS[0], "PSC", 0)]
        )
        flows = [WeekFlow(WEEKS[0], 4, 1), WeekFlow(WEEKS[1], 0, 2)]
        times = Distribution((DaysBin(0, 7, 2), DaysBin(7, 14, 1)), 3, 5.5, None)
        return dashboard_tables(backlog, flows, times)

    def test_backlog_leaves_out_empty_groups(self) -> None:
        """A group open in no week draws no line and has no column; missing weeks are zero."""
        backlog = self.tables()[0]

        assert ["week_of", "=CSC", "NBC"] == [c.key for c in backlog.columns]
        assert ((WEEKS[0], 3, 0), (WEEKS[1], 0, 1)) == backlog.rows

    def test_csv_is_formula_safe(self) -> None:
        """A heading that starts like a formula is written as text; an unknown time is empty."""
        backlog, _, _, summary = self.tables()

        assert "week_of,'=CSC,NBC\r\n2026-05-04,3,0\r\n2026-05-11,0,1\r\n" == table_csv(backlog)
        assert "decisions,median_days,p80_days\r\n3,5.5,\r\n" == table_csv(summary)

    def test_parquet_round_trip(self) -> None:
        """Dates stay dates, counts int64, days float64 (null when unknown)."""
        flows, summary = self.tables()[1], self.tables()[3]

        read = pq.read_table(io.BytesIO(table_parquet(flows)))
        days = pq.read_table(io.BytesIO(table_parquet(summary)))

        assert [pa.date32(), pa.int64(), pa.int64()] == read.schema.types
        assert [list(r) for r in flows.rows] == [list(r.values()) for r in read.to_pylist()]
        assert [{"decisions": 3, "median_days": 5.5, "p80_days": None}] == days.to_pylist()
        assert pa.float64() == days.schema.field("p80_days").type
