"""The analysts' tables as CSV: backlog, weekly throughput and processing times."""

from collections.abc import Iterable, Mapping
from dataclasses import asdict
from typing import Any

from immportal.services.analytics.ports import BacklogRow, ProcessingTime, WeekThroughput
from immportal.services.audit.export import csv_lines

BACKLOG_FIELDS = ("office", "form_type", "status", "cases", "oldest_accepted_on")
THROUGHPUT_FIELDS = ("week_of", "accepted", "decided", "approved", "denied")
PROCESSING_FIELDS = ("form_type", "office", "decisions", "median_days", "p80_days")
ALL_OFFICES = "all offices"


def _csv(rows: Iterable[Mapping[str, Any]], fields: tuple[str, ...]) -> str:
    return csv_lines(rows, fields, header=True)


def backlog_csv(rows: list[BacklogRow]) -> str:
    """Open cases per office, form and status, oldest acceptance day beside them."""
    return _csv((asdict(r) for r in rows), BACKLOG_FIELDS)


def throughput_csv(weeks: list[WeekThroughput]) -> str:
    """Cases accepted and decisions issued (approved, denied) per week."""
    return _csv((asdict(w) for w in weeks), THROUGHPUT_FIELDS)


def processing_times_csv(times: list[ProcessingTime]) -> str:
    """Median and 80th percentile of days to a first decision, per form and office."""
    return _csv((asdict(t) | {"office": t.office or ALL_OFFICES} for t in times), PROCESSING_FIELDS)
