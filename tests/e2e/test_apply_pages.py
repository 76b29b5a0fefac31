"""Starting a draft and filling its question pages over HTTP (immportal.web.apply)."""

import asyncio
from collections.abc import AsyncIterator

import pytest

from immportal.domain.actor import Role
from immportal.projections.case_summary import list_cases_of
from testkit.apply_support import START_KEY, fill, save_page, start_draft, task_states
from testkit.e2e_support import Portal, count_events, parse_page, post_form
from testkit.filled_forms import I765_PAGES, pages_in
from testkit.signed_in_support import Person, people


@pytest.fixture
async def applicant(portal: Portal) -> AsyncIterator[Person]:
    """A signed-in applicant in their own browser."""
    async with people(portal) as sign_in:
        yield await sign_in(Role.APPLICANT)


class TestStart:
    """The start page opens one draft per start form."""

    async def test_double_submit_opens_one_draft(
        self, applicant: Person, database_url: str
    ) -> None:
        """The same start form sent twice at once leads both posts to the one new draft."""
        portal = applicant.portal
        page = parse_page(await (await portal.client.get("/apply")).text())
        form = {"form_type": "I-765", START_KEY: page.inputs[START_KEY]}
        before = await count_events(database_url)
        first, second = await asyncio.gather(
            post_form(portal, "/apply", form, token=page.inputs["csrf_token"]),
            post_form(portal, "/apply", form, token=page.inputs["csrf_token"]),
        )
        again = await post_form(portal, "/apply", form, token=page.inputs["csrf_token"])
        locations = {r.headers["Location"] for r in (first, second, again)}
        cases = await list_cases_of(portal.runtime.pool, str(applicant.account_id))
        assert [303, 303, 303] == [first.status, second.status, again.status]
        assert {f"/cases/{cases[0].case_id}/apply"} == locations
        assert [("I-765", "ONLINE", "draft")] == [(c.form_type, c.office, c.status) for c in cases]
        # The draft's opening and its name from the profile ("Test Person"), once.
        assert before + 2 == await count_events(database_url)

    async def test_a_form_must_be_chosen(self, applicant: Person) -> None:
        """Starting without choosing says so in the error summary, and opens nothing."""
        page = parse_page(await (await applicant.portal.client.get("/apply")).text())
        form = {START_KEY: page.inputs[START_KEY]}
        token = page.inputs["csrf_token"]
        response = await post_form(applicant.portal, "/apply", form, token=token)
        shown = parse_page(await response.text())
        assert 422 == response.status
        assert ["Select the application you want to start"] == shown.error_summary
        assert [] == await list_cases_of(applicant.portal.runtime.pool, str(applicant.account_id))

    async def test_the_start_page_lists_forms_with_fees(self, applicant: Person) -> None:
        """Each form of the catalogue is offered with its online fee."""
        text = parse_page(await (await applicant.portal.client.get("/apply")).text()).text
        for expected in ("Form I-90", "$415.00", "Form I-765", "$470.00", "N-400", "$710.00"):
            assert expected in text


# (kind, form, page, the field in error, what was typed, the message)
BAD_INPUT = [
    ("text", "I-765", "name", "given_name", {"family_name": "Lopez"}, "Enter your given name"),
    (
        "date",
        "I-765",
        "date_of_birth",
        "date_of_birth",
        {"date_of_birth-month": "2", "date_of_birth-day": "31", "date_of_birth-year": "1990"},
        "Date of birth must be a real date",
    ),
    (
        "past date",
        "I-765",
        "date_of_birth",
        "date_of_birth",
        {"date_of_birth-month": "1", "date_of_birth-day": "1", "date_of_birth-year": "2999"},
        "Date of birth must be in the past",
    ),
    ("choice", "I-765", "reason", "reason", {"reason": "x"}, "Select what you are applying for"),
    (
        "yes_no",
        "I-765",
        "lives_at_mailing",
        "lives_at_mailing_address",
        {"lives_at_mailing_address": "maybe"},
        "Select yes if you live at your mailing address",
    ),
    (
        "email",
        "I-765",
        "email_phone",
        "email",
        {"email": "ana-at-example", "phone": "202 555 0143"},
        "Enter an email address in the correct format, like name@example.com",
    ),
    (
        "tel",
        "I-765",
        "email_phone",
        "phone",
        {"email": "ana@example.com", "phone": "12"},
        "Enter a telephone number, like 202 555 0143 or +44 20 7946 0958",
    ),
    (
        "textarea",
        "I-765",
        "arrest_details",
        "arrest_details",
        {"arrest_details": " "},
        "Tell us what happened, when and where",
    ),
    (
        "number",
        "N-400",
        "children",
        "children_count",
        {"children_count": "three"},
        "The number of sons and daughters must be a whole number, like 3",
    ),
    (
        "number too large",
        "N-400",
        "children",
        "children_count",
        {"children_count": "31"},
        "The number of sons and daughters must be between 0 and 30",
    ),
]
ASKS_ARRESTS = [("category", {"category": "c8"}), ("arrests", {"ever_arrested": "yes"})]


class TestBadInput:
    """Invalid answers on each kind of question: the page again, its errors, nothing saved."""

    @pytest.mark.parametrize(
        ("kind", "form_type", "page_id", "field", "typed", "message"),
        BAD_INPUT,
        ids=[row[0] for row in BAD_INPUT],
    )
    async def test_error_summary_and_nothing_saved(
        self,
        applicant: Person,
        database_url: str,
        kind: str,
        form_type: str,
        page_id: str,
        field: str,
        typed: dict[str, str],
        message: str,
    ) -> None:
        """The error summary links to the field; what was typed is kept; no event."""
        case_id = await start_draft(applicant.portal, form_type)
        if page_id == "arrest_details":
            await fill(applicant.portal, case_id, ASKS_ARRESTS)
        before = await count_events(database_url)
        response = await save_page(applicant.portal, case_id, page_id, typed)
        html = await response.text()
        assert (kind, 422) == (kind, response.status)
        assert [message] == parse_page(html).error_summary
        assert f'<a class="usa-link" href="#q-{field}">' in html
        assert f'id="q-{field}"' in html
        assert "<title>Error: " in html
        for name, value in typed.items():
            if kind not in ("choice", "yes_no") and value.strip():
                assert f'name="{name}"' in html
                assert f'value="{value}"' in html
        assert before == await count_events(database_url)

    async def test_a_date_in_three_boxes_is_stored_as_iso(self, applicant: Person) -> None:
        """Month, day and year typed in their boxes are saved as YYYY-MM-DD and shown in
        their boxes again."""
        case_id = await start_draft(applicant.portal)
        boxes = {
            "date_of_birth-month": "3",
            "date_of_birth-day": "07",
            "date_of_birth-year": "1990",
        }
        await save_page(applicant.portal, case_id, "date_of_birth", boxes)
        case = await applicant.portal.runtime.cases.get(case_id)
        page = await applicant.portal.client.get(f"/cases/{case_id}/apply/date_of_birth")
        html = await page.text()
        # Beside the name the draft was opened with (filled in from the account).
        assert "1990-03-07" == case.answers["applicant"]["date_of_birth"]
        assert '<option value="3" selected>03 - March</option>' in html
        assert 'value="7" id="q-date_of_birth-day"' in html
        assert 'value="1990" id="q-date_of_birth-year"' in html


class TestConditions:
    """A page is asked only when an earlier answer calls for it."""

    async def test_page_appears_and_disappears_with_the_answer(self, applicant: Person) -> None:
        """(c)(9) asks for the I-485; changed to (c)(8), that page goes and arrests come."""
        portal = applicant.portal
        case_id = await start_draft(portal)
        base = f"/cases/{case_id}/apply"
        not_yet = await portal.client.get(f"{base}/pending_adjustment", allow_redirects=False)
        chosen = await save_page(portal, case_id, "category", {"category": "c9"})
        asked = await portal.client.get(f"{base}/pending_adjustment", allow_redirects=False)
        await save_page(portal, case_id, "category", {"category": "c8"})
        gone = await portal.client.get(f"{base}/pending_adjustment", allow_redirects=False)
        arrests = await portal.client.get(f"{base}/arrests", allow_redirects=False)
        unknown = await portal.client.get(f"{base}/no_such_page", allow_redirects=False)

        assert (303, base) == (not_yet.status, not_yet.headers["Location"])
        assert f"{base}/pending_adjustment" == chosen.headers["Location"]
        assert 200 == asked.status
        assert (303, base) == (gone.status, gone.headers["Location"])
        assert 200 == arrests.status
        assert 404 == unknown.status


class TestTaskList:
    """Each section shows not started, in progress or completed."""

    async def test_states_follow_the_answers(self, applicant: Person) -> None:
        """Nothing, then one page of two, then both pages of the first section."""
        portal = applicant.portal
        case_id = await start_draft(portal)
        sections = ["applicant", "contact", "reason", "eligibility", "immigration"]
        first = await task_states(portal, case_id)
        name = await save_page(portal, case_id, "name", dict(I765_PAGES[0][1]))
        second = await task_states(portal, case_id)
        birth = await save_page(portal, case_id, *I765_PAGES[1])
        *others, last = pages_in("I-765", I765_PAGES, "applicant")[2:]
        await fill(portal, case_id, others)
        ended = await save_page(portal, case_id, *last)
        third = await task_states(portal, case_id)

        # The name comes from the account's profile: the section is begun, nothing more.
        assert {
            **dict.fromkeys([*sections, "statement"], "not_started"),
            "applicant": "in_progress",
        } == first
        assert f"/cases/{case_id}/apply/date_of_birth" == name.headers["Location"]
        assert "in_progress" == second["applicant"]
        assert f"/cases/{case_id}/apply/other_names" == birth.headers["Location"]
        assert f"/cases/{case_id}/apply" == ended.headers["Location"]  # end of the section
        assert ("completed", "not_started") == (third["applicant"], third["contact"])
        text = parse_page(await (await portal.client.get(f"/cases/{case_id}/apply")).text()).text
        assert "We keep your draft for at least 30 days" in text
        assert "You have completed 1 of 6 sections." in text


class TestSavingTwice:
    """Saves are events; saving in two tabs at once keeps both."""

    async def test_two_tabs_at_once(self, applicant: Person) -> None:
        """Two pages of one section sent at the same moment are both kept."""
        portal = applicant.portal
        case_id = await start_draft(portal)
        responses = await asyncio.gather(
            save_page(portal, case_id, *I765_PAGES[0]), save_page(portal, case_id, *I765_PAGES[1])
        )
        case = await portal.runtime.cases.get(case_id)
        assert [303, 303] == [r.status for r in responses]
        assert {"given_name", "family_name", "middle_name", "date_of_birth"} == set(
            case.answers["applicant"]
        )

    async def test_unchanged_page_records_nothing(
        self, applicant: Person, database_url: str
    ) -> None:
        """Saving a page again with the same answers adds no event."""
        case_id = await start_draft(applicant.portal)
        await fill(applicant.portal, case_id, I765_PAGES[:1])
        before = await count_events(database_url)
        await fill(applicant.portal, case_id, I765_PAGES[:1])
        assert before == await count_events(database_url)

    async def test_autosave(self, applicant: Person, database_url: str) -> None:
        """The background save keeps a valid page (204) and leaves a half-typed one (422)."""
        portal = applicant.portal
        case_id = await start_draft(portal)
        path = f"/cases/{case_id}/apply/name"
        token = parse_page(await (await portal.client.get(path)).text()).inputs["csrf_token"]
        headers = {"Origin": portal.origin, "X-Autosave": "1"}
        half = await portal.client.post(
            path, data={"given_name": "An", "csrf_token": token}, headers=headers
        )
        before = await count_events(database_url)
        whole = await portal.client.post(
            path,
            data={"given_name": "Ana", "family_name": "Lopez", "csrf_token": token},
            headers=headers,
        )
        case = await portal.runtime.cases.get(case_id)
        assert (422, 204) == (half.status, whole.status)
        assert before + 1 == await count_events(database_url)
        assert {"given_name": "Ana", "middle_name": None, "family_name": "Lopez"} == (
            case.answers["applicant"]
        )
