"""`immportal audit export`: one case's history as JSON Lines or CSV on standard output."""

import argparse
import sys
from typing import Any
from uuid import UUID

from immportal.adapters.postgres.audit_queries import PostgresAuditLog
from immportal.app.container import open_runtime
from immportal.errors import NotFound
from immportal.services.audit.export import HISTORY_FIELDS, csv_lines, history_row, json_lines
from immportal.services.audit.history import case_history
from immportal.settings import Settings


def add_audit_export(actions: Any) -> None:
    """Declare the export action under `immportal audit`."""
    export = actions.add_parser("export", help="write one case's history to standard output")
    export.add_argument("--case", required=True, type=UUID, help="the case id")
    export.add_argument("--format", choices=["jsonl", "csv"], default="jsonl")


async def audit_export(settings: Settings, args: argparse.Namespace) -> int:
    """Print the case's history (the same rows as the auditor page's downloads)."""
    async with open_runtime(settings) as runtime:
        log = PostgresAuditLog(runtime.pool, runtime.store.mapper)
        try:
            entries = await case_history(log, args.case)
        except NotFound:
            sys.stderr.write(f"immportal: no case {args.case}\n")
            return 1
    rows = [history_row(entry) for entry in entries]
    if args.format == "csv":
        sys.stdout.write(csv_lines(rows, HISTORY_FIELDS, header=True))
    else:
        sys.stdout.write(json_lines(rows))
    return 0
