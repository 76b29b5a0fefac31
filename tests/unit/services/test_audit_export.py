"""Audit downloads: JSON Lines and CSV rows, with formula cells made harmless."""

import csv
import io
import json

import pytest

from immportal.services.audit.export import csv_lines, json_lines, safe_cell


class TestSafeCell:
    """Cells a spreadsheet would run as formulas get a leading quote."""

    @pytest.mark.parametrize("text", ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"])
    def test_formula_starts_are_quoted(self, text: str) -> None:
        """Each dangerous first character is prefixed with a quote."""
        assert "'" + text == safe_cell(text)

    def test_ordinary_values_are_unchanged(self) -> None:
        """Text, numbers and empty values are written as they are (None as empty)."""
        assert ["a=b", "12", ""] == [safe_cell("a=b"), safe_cell(12), safe_cell(None)]

    def test_changes_are_one_readable_cell(self) -> None:
        """A list of changes becomes 'field: before → after' joined by semicolons."""
        changes = [{"field": "status", "before": "draft", "after": "submitted"}]
        assert "status: draft → submitted" == safe_cell(changes)


class TestLines:
    """The writers produce what the standard parsers read back."""

    def test_csv_round_trip(self) -> None:
        """Commas, quotes and newlines survive; the header comes first only when asked."""
        rows = [{"a": 'x, "y"\nz', "b": None}]
        text = csv_lines([], ("a", "b"), header=True) + csv_lines(rows, ("a", "b"), header=False)
        assert [{"a": 'x, "y"\nz', "b": ""}] == list(csv.DictReader(io.StringIO(text)))

    def test_json_lines_round_trip(self) -> None:
        """One object per line, non-ASCII kept."""
        rows = [{"reason": "Zoë's file"}, {"reason": None}]
        assert rows == [json.loads(line) for line in json_lines(rows).splitlines()]
