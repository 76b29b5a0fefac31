"""`/account/address`: one change of mailing address for the profile and every active case."""

from __future__ import annotations

from typing import Any

from aiohttp import web
from pydantic import ValidationError

from immportal.domain.actor import Role
from immportal.domain.cases.filed_contact import address_lines
from immportal.domain.cases.status import ACTIVE_STATUSES, CaseStatus
from immportal.domain.identifiers.countries import country_names
from immportal.i18n import _
from immportal.projections.case_summary import CaseSummary, list_cases_of
from immportal.web.case_pages import UNCHANGED
from immportal.web.forms import AddressForm, field_errors
from immportal.web.identity.common import ACCOUNT_PATH, account_id_of, posted
from immportal.web.policy import allow, roles
from immportal.web.portal import portal
from immportal.web.queries.profiles import read_own_profile
from immportal.web.read_your_writes import ACCOUNT_PAGE, CASE_PAGE, caught_up
from immportal.web.rendering import render

ADDRESS_PATH = f"{ACCOUNT_PATH}/address"
APPLICANTS = roles(Role.APPLICANT)
"""The address is the applicant's own; representatives keep theirs on each G-28."""


async def active_cases(request: web.Request) -> list[CaseSummary]:
    """The signed-in applicant's own cases that a change of address reaches."""
    account_id = str(account_id_of(request))
    return [
        s
        for s in await list_cases_of(portal(request).pool, account_id)
        if s.applicant_id == account_id and CaseStatus(s.status) in ACTIVE_STATUSES
    ]


@allow(APPLICANTS)
async def address_page(request: web.Request) -> web.Response:
    """The form, filled with the profile's address, and the cases it will reach."""
    return await _render(request, {}, {})


@allow(APPLICANTS)
async def change_address(request: web.Request) -> web.Response:
    """Record the address on the account and each active case; say which cases changed."""
    values = await posted(request)
    try:
        form = AddressForm.model_validate(values)
    except ValidationError as exc:
        return await _render(request, field_errors(exc), values, 422)
    services = portal(request)
    cases = await active_cases(request)
    report = await services.profile_address.change(
        account_id_of(request), form.address(), [s.case_id for s in cases]
    )
    if report.nothing_changed:
        # The address already kept everywhere: nothing recorded, no notice; say so.
        return await _render(request, {}, {**values, UNCHANGED: "1"})
    # The account and the cases' pages, one click away, should show the new address.
    shown = await caught_up(services, report.position, (*ACCOUNT_PAGE, *CASE_PAGE))
    by_id = {s.case_id: s for s in cases}
    return render(
        "identity/address_done.html",
        request,
        {
            "title": _("Your mailing address was changed"),
            "address": form.address(),
            "address_lines": address_lines(form.address()),
            "updated": [by_id[case_id] for case_id in report.updated],
            "refused": [by_id[case_id] for case_id in report.refused],
            "still_updating": not shown,
        },
    )


async def _render(
    request: web.Request, errors: dict[str, str], values: dict[str, str], status: int = 200
) -> web.Response:
    account = await read_own_profile(portal(request), account_id_of(request))
    context: dict[str, Any] = {
        "title": _("Change your mailing address"),
        # The shared address form reads the version and current address from `case`.
        "case": {"version": account.version, "address": account.mailing_address},
        "address_action": ADDRESS_PATH,
        "countries": country_names(),
        "cases": await active_cases(request),
        "errors": errors,
        "values": values,
    }
    return render("identity/address.html", request, context, status=status)


def add_routes(app: web.Application) -> None:
    """Register the change-of-address page of the account."""
    app.router.add_get(ADDRESS_PATH, address_page)
    app.router.add_post(ADDRESS_PATH, change_address)
