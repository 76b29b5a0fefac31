"""The work queue never lists a case its viewer cannot open, whatever filter or page they pick.

A walk in the manner of the access tables: for each staff seat, every queue page reachable
from /staff/queue (each view link, each office and form choice of the filter, each next
page) is read, and every case it lists is opened. A listed case that answers "not found"
fails, and so does a case the person may work that no queue page lists.
"""

import html as html_text
import re
from collections.abc import Iterable
from uuid import UUID

from immportal.domain.actor import Actor, Role
from immportal.domain.cases.forms import FormType
from testkit.e2e_support import Portal, wait_until_projected
from testkit.officer_support import case_at, staff
from testkit.signed_in_support import Person

_QUEUE_LINK = re.compile(r'href="(/staff/queue[^"]*)"')
_CASE_ROW = re.compile(r'class="queue-row" data-case-id="([0-9a-f-]{36})"')
_SELECT = r'<select[^>]*name="{name}"[^>]*>(.*?)</select>'
_OPTION = re.compile(r'<option value="([^"]*)"')


def _options(page: str, name: str) -> list[str]:
    found = re.search(_SELECT.format(name=name), page, re.DOTALL)
    return _OPTION.findall(found.group(1)) if found else []


def _next_urls(page: str) -> Iterable[str]:
    yield from (html_text.unescape(link) for link in _QUEUE_LINK.findall(page))
    for view in ("all", "unassigned", "mine", "overdue", "review"):
        for office in _options(page, "office"):
            for form in _options(page, "form"):
                yield f"/staff/queue?office={office}&form={form}&view={view}"


async def walk_queue(person: Person) -> tuple[set[UUID], int]:
    """Every case any reachable queue page lists, and how many pages were read."""
    seen_urls, listed, waiting = set(), set(), ["/staff/queue"]
    while waiting:
        url = waiting.pop()
        if url in seen_urls:
            continue
        seen_urls.add(url)
        response = await person.portal.client.get(url)
        page = await response.text()
        assert 200 == response.status, url
        listed |= {UUID(found) for found in _CASE_ROW.findall(page)}
        waiting.extend(u for u in _next_urls(page) if u not in seen_urls)
    return listed, len(seen_urls)


class TestQueueListsOnlyOpenableCases:
    """Officers and supervisors of two offices, and one of none, walk every queue page."""

    async def test_every_listed_case_opens_and_every_workable_case_is_listed(
        self, portal: Portal
    ) -> None:
        """Listed ⇒ opens (200); may work (own office or assigned) ⇒ listed somewhere."""
        offices = {
            "nbc-1": await case_at(portal, "NBC"),
            "nbc-2": await case_at(portal, "NBC", FormType.I130),
            "csc": await case_at(portal, "CSC"),
            "psc": await case_at(portal, "PSC", FormType.N400),
            "csc-lent": await case_at(portal, "CSC", FormType.I90),
        }
        async with staff(portal) as sign_in:
            seats = {
                "officer NBC": await sign_in(Role.OFFICER, "NBC"),
                "supervisor NBC": await sign_in(Role.SUPERVISOR, "NBC"),
                "officer CSC": await sign_in(Role.OFFICER, "CSC"),
                "supervisor CSC": await sign_in(Role.SUPERVISOR, "CSC"),
                "officer of no office": await sign_in(Role.OFFICER, None),
            }
            # A CSC case assigned to the NBC officer: it follows them into their queue.
            lent_to = str(seats["officer NBC"].account_id)
            await portal.runtime.cases.update(
                offices["csc-lent"], None, lambda c: c.assign(Actor.system(), lent_to)
            )
            await wait_until_projected(portal.runtime, offices["csc-lent"], 5)
            for case_id in offices.values():
                await wait_until_projected(portal.runtime, case_id, 4)

            results = {}
            for seat, person in seats.items():
                listed, pages = await walk_queue(person)
                opened = {
                    case_id: (await person.portal.client.get(f"/staff/cases/{case_id}")).status
                    for case_id in offices.values()
                }
                results[seat] = (listed, pages, opened)

        for seat, (listed, pages, opened) in results.items():
            workable = {case_id for case_id, status in opened.items() if status == 200}
            assert listed == workable, seat
            assert pages > 5, seat  # the walk reached the filters, not just the first page
        nbc_officer = results["officer NBC"][0]
        assert {offices["nbc-1"], offices["nbc-2"], offices["csc-lent"]} == nbc_officer
        assert {offices["csc"], offices["csc-lent"]} == results["supervisor CSC"][0]
        assert set() == results["officer of no office"][0]
