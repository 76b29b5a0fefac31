"""What the audit search looks up in the read models before it reads the log, and after.

Before: a receipt number becomes its case's id, and a name or an email address the ids of
the accounts it names. After: the results' actors get their names and their cases their
receipt numbers. The log itself is searched by ids, as events record them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from uuid import UUID

from immportal.domain.errors import InvalidArgument
from immportal.domain.identity.emails import email_key
from immportal.projections.account_profiles import find_account_ids
from immportal.projections.case_summary import case_id_by_receipt, get_case_summaries
from immportal.services.audit.ports import LoggedEvent
from immportal.services.audit.search import actor_of, kind_and_name
from immportal.web.audit.search_form import SearchForm
from immportal.web.portal import Portal
from immportal.web.queries.staff import staff_names

NO_EMAIL = "No account has that email address"


def is_account_id(text: str | None) -> bool:
    """Whether an actor id is an account's (a UUID), rather than "system" or an older id."""
    if text is None:
        return False
    return _is_id(text)


def _is_id(text: str) -> bool:
    try:
        UUID(text)
    except ValueError:
        return False
    return True


async def resolved(portal: Portal, form: SearchForm) -> SearchForm:
    """The form with its receipt number and its person looked up (or a message why not)."""
    if form.errors:
        return form
    search = form.search
    if form.receipt_number is not None:
        case_id = await case_id_by_receipt(portal.pool, form.receipt_number)
        if case_id is None:
            form.errors = {"case": f"No case has the receipt number {form.receipt_number}"}
            return form
        search = replace(search, criteria=replace(search.criteria, aggregate_id=case_id))
    actor = form.values["actor"]
    if actor and not _is_id(actor):
        if "@" in actor:
            try:
                ids = await find_account_ids(portal.pool, email_key=email_key(actor))
            except InvalidArgument as wrong:
                form.errors = {"actor": str(wrong)}
                return form
            if not ids:
                form.errors = {"actor": NO_EMAIL}
                return form
        else:
            ids = await find_account_ids(portal.pool, name=actor)
        # The text itself too: ids that name no account ("system", older made-up ids).
        search = replace(search, actor_id=None, actor_ids=frozenset({actor, *map(str, ids)}))
    form.search = search
    return form


async def result_labels(
    portal: Portal, entries: Iterable[LoggedEvent]
) -> tuple[dict[str, str], dict[str, str]]:
    """Names of the actors and accounts in the results, and receipt numbers of their cases."""
    entries = list(entries)
    people = [actor_of(logged)[0] for logged in entries]
    accounts, cases = [], []
    for logged in entries:
        kind = kind_and_name(logged.topic)[0]
        if kind == "Account":
            accounts.append(str(logged.aggregate_id))
        elif kind == "Case":
            cases.append(logged.aggregate_id)
    names = await staff_names(portal, [*people, *accounts])
    summaries = await get_case_summaries(portal.pool, cases)
    receipts = {
        str(case_id): summary.receipt_number
        or f"{summary.form_type or 'A'} filing without a receipt number"
        for case_id, summary in summaries.items()
    }
    return names, receipts
