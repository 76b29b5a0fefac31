"""A change the read models have not caught up with yet: saved, and the next page says so."""

import asyncio
import re

import asyncpg

from immportal.app.container import all_projections
from immportal.projections.engine import process_batch
from immportal.web.read_your_writes import READ_YOUR_WRITES_SECONDS
from testkit.e2e_support import (
    PortalOpener,
    accepted_case,
    form_token,
    new_applicant,
    parse_page,
    post_form,
)

UPDATING = "Your change was saved. This page may take a moment to show it."
NEW_ADDRESS = {"line1": "7 Pier Road", "city": "Salem", "state": "MA", "postal_code": "01970"}


class TestStillUpdating:
    """With no projection running, a change waits its bounded time, then flags the next page."""

    async def test_change_saved_and_page_says_it_may_lag(
        self, open_portal: PortalOpener, database_url: str
    ) -> None:
        """The address is recorded, the redirect carries the flag and the page shows the notice."""
        portal = await open_portal(dev=True, run_workers=False)
        runtime = portal.runtime
        applicant = new_applicant()
        case_id = await accepted_case(runtime.cases, applicant)
        conn = await asyncpg.connect(database_url)
        try:
            # The case page reads the read models: project the case as it is, then stop.
            for projection in all_projections(runtime):
                await process_batch(conn, runtime.store, projection, 1000)
        finally:
            await conn.close()
        token = await form_token(portal, f"/dev/cases/{case_id}")
        loop = asyncio.get_running_loop()

        started = loop.time()
        response = await post_form(
            portal,
            f"/dev/cases/{case_id}/address",
            {"expected_version": "4", **NEW_ADDRESS},
            token=token,
        )
        waited = loop.time() - started
        flagged_html = await (await portal.client.get(response.headers["Location"])).text()
        plain = parse_page(await (await portal.client.get(f"/dev/cases/{case_id}")).text())

        assert (303, f"/dev/cases/{case_id}?updating=1") == (
            response.status,
            response.headers["Location"],
        )
        assert READ_YOUR_WRITES_SECONDS <= waited < READ_YOUR_WRITES_SECONDS + 1
        assert UPDATING in parse_page(flagged_html).text
        # Announced politely to screen readers, as the page's other notices are.
        assert re.search(
            r'role="status">\s*<div class="usa-alert__body">\s*<p[^>]*>' + re.escape(UPDATING),
            flagged_html,
        )
        assert UPDATING not in plain.text
        # Posted without a country: a U.S. address.
        assert {**NEW_ADDRESS, "country": "US"} == (await runtime.cases.get(case_id)).address
