"""Audit results as JSON Lines and CSV, a batch at a time, safe to open in a spreadsheet."""

import csv
import io
import json
from collections.abc import Iterable, Mapping
from typing import Any

from immportal.services.audit.history import HistoryEntry
from immportal.services.audit.labels import title_of
from immportal.services.audit.ports import LoggedEvent
from immportal.services.audit.search import actor_of, kind_and_name

SEARCH_FIELDS = (
    "position",
    "recorded_at",
    "aggregate_type",
    "aggregate_id",
    "version",
    "event_type",
    "title",
    "actor_id",
    "actor_role",
    "reason",
)
HISTORY_FIELDS = (
    "position",
    "version",
    "recorded_at",
    "event_type",
    "title",
    "actor_id",
    "actor_role",
    "reason",
    "changes",
)
# A spreadsheet runs a cell that starts with one of these as a formula.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def search_row(logged: LoggedEvent) -> dict[str, Any]:
    """One search result; only case events say why (other events' fields stay unread)."""
    kind, name = kind_and_name(logged.topic)
    actor_id, role = actor_of(logged)
    reason = getattr(logged.event, "reason", None) if kind == "Case" else None
    return {
        "position": logged.position,
        "recorded_at": logged.recorded_at.isoformat(),
        "aggregate_type": kind,
        "aggregate_id": str(logged.aggregate_id),
        "version": logged.version,
        "event_type": name,
        "title": title_of(kind, name),
        "actor_id": actor_id,
        "actor_role": role,
        "reason": reason if isinstance(reason, str) else None,
    }


def history_row(entry: HistoryEntry) -> dict[str, Any]:
    """One event of a case history, with what it changed."""
    return {
        "position": entry.position,
        "version": entry.version,
        "recorded_at": entry.recorded_at.isoformat(),
        "event_type": entry.event_type,
        "title": entry.title,
        "actor_id": entry.actor_id,
        "actor_role": entry.actor_role,
        "reason": entry.reason,
        "changes": [
            {"field": c.field, "before": c.before, "after": c.after} for c in entry.changes
        ],
    }


def json_lines(rows: Iterable[Mapping[str, Any]]) -> str:
    """One JSON object per line."""
    return "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows)


def safe_cell(value: Any) -> str:
    """A CSV cell a spreadsheet shows as text, never runs as a formula."""
    if value is None:
        return ""
    if isinstance(value, list):
        text = "; ".join(f"{c['field']}: {c['before']} → {c['after']}" for c in value)
    else:
        text = str(value)
    return "'" + text if text.startswith(_FORMULA_STARTS) else text


def csv_lines(rows: Iterable[Mapping[str, Any]], fields: tuple[str, ...], *, header: bool) -> str:
    """Rows as CSV text (with the header line first when asked)."""
    out = io.StringIO()
    writer = csv.writer(out)
    if header:
        writer.writerow(fields)
    for row in rows:
        writer.writerow([safe_cell(row.get(name)) for name in fields])
    return out.getvalue()
