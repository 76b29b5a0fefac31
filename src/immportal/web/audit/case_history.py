"""One case for auditors: its full history, its state at any version, and exports."""

from collections.abc import AsyncIterator

from aiohttp import web

from immportal import formatting
from immportal.errors import NotFound
from immportal.services.audit.access import accesses_for_case
from immportal.services.audit.export import HISTORY_FIELDS, csv_lines, history_row, json_lines
from immportal.services.audit.history import case_history, correspondence_history
from immportal.services.audit.ports import Viewed
from immportal.services.audit.views_by_day import accesses_by_day
from immportal.web.audit.access import access_log, record_staff_view
from immportal.web.audit.as_of import answer_rows, state_rows
from immportal.web.audit.common import AUDITORS, audit_log, download
from immportal.web.case_pages import parse_case_id
from immportal.web.person_zone import person_zone
from immportal.web.policy import allow
from immportal.web.portal import PORTAL
from immportal.web.rendering import render

VIEWS_READ = 5000
"""How many of the latest views are read, then grouped by person, thing and day."""


@allow(AUDITORS)
async def history(request: web.Request) -> web.Response:
    """Every event of the case (and of its messages and requests): who, why, what; who viewed."""
    case_id = parse_case_id(request)
    entries = await case_history(audit_log(request), case_id)
    await record_staff_view(request, case_id)
    return render(
        "audit/history.html",
        request,
        {
            "title": f"History of case {case_id}",
            "case_id": case_id,
            "entries": entries,
            "correspondence": await correspondence_history(audit_log(request), case_id),
            "accesses": accesses_by_day(
                await accesses_for_case(access_log(request), case_id, limit=VIEWS_READ),
                formatting.zone(person_zone()),
            ),
        },
    )


def _version(request: web.Request) -> int:
    text = request.match_info["version"]
    if not text.isdigit() or len(text) > 18 or int(text) < 1:
        raise NotFound("malformed version")
    return int(text)


@allow(AUDITORS)
async def as_of(request: web.Request) -> web.Response:
    """The case rebuilt from its events up to one version, as it stood then."""
    case_id, version = parse_case_id(request), _version(request)
    entries = await case_history(audit_log(request), case_id)
    if version > len(entries):
        raise NotFound(f"case {case_id} has no version {version}")
    case = await request.app[PORTAL].cases.get(case_id, up_to_version=version)
    await record_staff_view(request, case_id)
    return render(
        "audit/as_of.html",
        request,
        {
            "title": f"Case {case_id} at version {version}",
            "case_id": case_id,
            "version": version,
            "latest": len(entries),
            "entry": entries[version - 1],
            "rows": state_rows(case),
            "answers": answer_rows(case),
        },
    )


async def _export(request: web.Request, fmt: str) -> web.StreamResponse:
    case_id = parse_case_id(request)
    rows = [history_row(entry) for entry in await case_history(audit_log(request), case_id)]
    await record_staff_view(request, case_id, Viewed.EXPORT)

    async def chunks() -> AsyncIterator[str]:
        # The history is already read (one case is small); it is written in slices.
        if fmt == "csv":
            yield csv_lines([], HISTORY_FIELDS, header=True)
        for start in range(0, len(rows), 500):
            part = rows[start : start + 500]
            yield (
                csv_lines(part, HISTORY_FIELDS, header=False) if fmt == "csv" else json_lines(part)
            )

    return await download(request, f"case-{case_id}-history.{fmt}", fmt, chunks())


@allow(AUDITORS)
async def history_jsonl(request: web.Request) -> web.StreamResponse:
    """The case's history as JSON Lines."""
    return await _export(request, "jsonl")


@allow(AUDITORS)
async def history_csv(request: web.Request) -> web.StreamResponse:
    """The case's history as CSV."""
    return await _export(request, "csv")
