"""The global audit search, its pages of results and its exports."""

from collections.abc import AsyncIterator
from typing import Any

from aiohttp import web

from immportal.domain.actor import Role
from immportal.services.audit.export import SEARCH_FIELDS, csv_lines, json_lines, search_row
from immportal.services.audit.labels import title_of
from immportal.services.audit.search import (
    PAGE_SIZE,
    event_types,
    kind_and_name,
    search_all,
    search_page,
)
from immportal.web.audit.common import AUDITORS, audit_log, download
from immportal.web.audit.lookups import is_account_id, resolved, result_labels
from immportal.web.audit.search_form import SearchForm, parse_search
from immportal.web.policy import allow
from immportal.web.portal import PORTAL
from immportal.web.rendering import render


def type_options() -> list[tuple[str, str]]:
    """The event types to choose from, in plain words."""
    options = []
    for value, topic in event_types().items():
        kind, name = kind_and_name(topic)
        options.append((value, f"{kind}: {title_of(kind, name)} ({name})"))
    return options


def _page(
    request: web.Request, form: SearchForm, context: dict[str, Any], status: int
) -> web.Response:
    return render(
        "audit/search.html",
        request,
        {
            "title": "Audit search",
            "form": form,
            "values": form.values,
            "errors": form.errors,
            "roles": [r.value for r in Role],
            "types": type_options(),
            **context,
        },
        status=status,
    )


@allow(AUDITORS)
async def search(request: web.Request) -> web.Response:
    """The search form and one page of results, in log order, with names and receipt numbers."""
    form = await resolved(request.app[PORTAL], parse_search(request.query))
    if form.errors:
        return _page(request, form, {"rows": None}, 400)
    page = await search_page(audit_log(request), form.search, form.after)
    rows = [search_row(logged) | {"at": logged.recorded_at} for logged in page.entries]
    names, receipts = await result_labels(request.app[PORTAL], page.entries)
    for row in rows:
        # Names may be shared: an account's id is shown under its name, to tell them apart.
        row["actor_account"] = is_account_id(row["actor_id"])
    next_url = None
    if page.next_after is not None:
        next_url = "/audit?" + form.query(after=str(page.next_after))
    context = {
        "rows": rows,
        "next_url": next_url,
        # An actor search reads a bounded stretch of the log per page; say where it stopped.
        "searched_to": page.next_after if len(page.entries) < PAGE_SIZE else None,
        "first_url": "/audit?" + form.query() if form.after else None,
        "export_query": form.query(),
        "names": names,
        "receipts": receipts,
    }
    return _page(request, form, context, 200)


async def _export(request: web.Request, fmt: str) -> web.StreamResponse:
    form = await resolved(request.app[PORTAL], parse_search(request.query))
    if form.errors:
        return _page(request, form, {"rows": None}, 400)
    log = audit_log(request)

    async def chunks() -> AsyncIterator[str]:
        if fmt == "csv":
            yield csv_lines([], SEARCH_FIELDS, header=True)
        async for batch in search_all(log, form.search):
            rows = [search_row(logged) for logged in batch]
            yield csv_lines(rows, SEARCH_FIELDS, header=False) if fmt == "csv" else json_lines(rows)

    return await download(request, f"audit-search.{fmt}", fmt, chunks())


@allow(AUDITORS)
async def export_jsonl(request: web.Request) -> web.StreamResponse:
    """Every match (not just one page) as JSON Lines."""
    return await _export(request, "jsonl")


@allow(AUDITORS)
async def export_csv(request: web.Request) -> web.StreamResponse:
    """Every match (not just one page) as CSV."""
    return await _export(request, "csv")
