"""Dates in the person's time zone: chosen on the account page, shown on the case page and in
notices (web/identity/time_zone_page.py, web/person_zone.py, immportal.formatting)."""

import io
import re
from collections.abc import AsyncIterator
from datetime import datetime

import pytest
from pypdf import PdfReader

from immportal import formatting
from immportal.domain.actor import Role
from testkit.e2e_support import Portal, accepted_case, form_token, parse_page, post_form
from testkit.notice_support import wait_for_notices
from testkit.signed_in_support import Person, people

# Moments only (a stamp with a time); days folded together carry dates alone.
TIME = re.compile(r'<time datetime="([^"]+T[^"]+)">([^<]+)</time>')
US_LONG_DATE = re.compile(
    r"(January|February|March|April|May|June|July|August|September|October|November|December)"
    r" \d{1,2}, \d{4}"
)


@pytest.fixture
async def applicant(portal: Portal) -> AsyncIterator[Person]:
    """A signed-in applicant with no mailing address on the account yet."""
    async with people(portal) as sign_in:
        yield await sign_in(Role.APPLICANT)


async def page_text(person: Person, path: str) -> str:
    """The page's visible words, spaces collapsed."""
    response = await person.portal.client.get(path)
    assert 200 == response.status
    return " ".join(parse_page(await response.text()).text.split())


async def case_times(person: Person, path: str) -> list[tuple[datetime, str]]:
    """Each <time> of the page: the moment it marks and the words it shows."""
    response = await person.portal.client.get(path)
    assert 200 == response.status
    html = await response.text()
    return [(datetime.fromisoformat(stamp), shown) for stamp, shown in TIME.findall(html)]


async def choose(person: Person, zone: str) -> tuple[int, str]:
    """Send the time zone form; (status, Location or the page's words)."""
    token = await form_token(person.portal, "/account/time-zone")
    response = await post_form(
        person.portal, "/account/time-zone", {"time_zone": zone}, token=token
    )
    if response.status == 303:
        return response.status, response.headers["Location"]
    return response.status, " ".join(parse_page(await response.text()).text.split())


class TestChooseTimeZone:
    """The chosen zone is kept and every page shows moments in it."""

    async def test_case_timeline_follows_the_chosen_zone(
        self, portal: Portal, applicant: Person
    ) -> None:
        """Before: the agency's Eastern time; after choosing Hawaii: Hawaii time, with HST."""
        case_id = await accepted_case(portal.runtime.cases, applicant.actor)
        account = await page_text(applicant, "/account")
        assert "Time zone Eastern Time (New York) (from your mailing address)" in account

        before = await case_times(applicant, f"/cases/{case_id}")
        assert before, "the timeline shows when things happened"
        for moment, shown in before:
            assert formatting.moment(moment, "America/New_York") == shown
            assert re.search(r"\d{1,2}:\d{2} (AM|PM) E[SD]T$", shown)

        status, location = await choose(applicant, "Pacific/Honolulu")
        assert (303, "/account?done=time-zone") == (status, location)
        account = await page_text(applicant, location)
        assert "Your time zone was saved" in account
        assert "Time zone United States (Honolulu) Time" in account
        assert "(from your mailing address)" not in account

        after = await case_times(applicant, f"/cases/{case_id}")
        # Steps may have been added meanwhile (a notice issued); none is lost.
        assert len(before) <= len(after)
        for moment, shown in after:
            assert formatting.moment(moment, "Pacific/Honolulu") == shown
            assert shown.endswith(" HST")

    async def test_a_zone_not_on_the_list_is_refused(self, applicant: Person) -> None:
        """A made-up zone gets a plain message and changes nothing."""
        status, words = await choose(applicant, "Mars/Olympus")
        assert 422 == status
        assert "Choose a time zone from the list" in words
        form = await applicant.portal.client.get("/account/time-zone")
        html = await form.text()
        assert re.search(r'<option value="America/New_York"[^>]* selected>', html)

    async def test_the_page_lists_us_and_other_zones(self, applicant: Person) -> None:
        """The form offers the states' and territories' zones, then other countries'."""
        words = await page_text(applicant, "/account/time-zone")
        assert "Now: Eastern Time (New York), from your mailing address." in words.replace(
            " ,", ","
        )
        for label in ("Atlantic Time (Puerto Rico)", "Guam Time", "Central Time (Mexico City)"):
            assert label in words


class TestReceiptNotice:
    """The receipt notice's PDF dates the letter in US style."""

    async def test_pdf_dates(self, portal: Portal, applicant: Person) -> None:
        """'Notice date' reads like 'December 6, 2026'."""
        case_id = await accepted_case(portal.runtime.cases, applicant.actor)
        [notice] = await wait_for_notices(portal, case_id, 1)
        response = await applicant.portal.client.get(f"/cases/{case_id}/notices/{notice}.pdf")
        assert 200 == response.status
        text = PdfReader(io.BytesIO(await response.read())).pages[0].extract_text()
        dates = US_LONG_DATE.findall(text)
        assert dates, text
        assert not re.search(
            r"\b\d{1,2} (January|February|March|April|May|June|July|August"
            r"|September|October|November|December) \d{4}",
            text,
        )
