"""The complete forms over HTTP: a checkboxes question (each box posted by name, saved
joined, shown ticked) and the form's edition on check your answers."""

from collections.abc import AsyncIterator

import pytest

from immportal.domain.actor import Role
from testkit.apply_support import save_page, start_draft
from testkit.e2e_support import Portal, parse_page
from testkit.filled_parts import DESCRIPTION
from testkit.signed_in_support import Person, people


@pytest.fixture
async def applicant(portal: Portal) -> AsyncIterator[Person]:
    """A signed-in applicant in their own browser."""
    async with people(portal) as sign_in:
        yield await sign_in(Role.APPLICANT)


class TestRace:
    """The I-90's race question: any of five boxes."""

    async def test_boxes_saved_and_shown(self, applicant: Person) -> None:
        """Two ticked boxes are saved as one answer and shown ticked again; none is refused."""
        portal = applicant.portal
        case_id = await start_draft(portal, "I-90")
        typed = {k: v for k, v in DESCRIPTION[1].items() if k != "race"}
        refused = await save_page(portal, case_id, "description", typed)
        ticked = {**typed, "race-white": "yes", "race-asian": "yes"}
        saved = await save_page(portal, case_id, "description", ticked)
        case = await portal.runtime.cases.get(case_id)
        html = await (await portal.client.get(f"/cases/{case_id}/apply/description")).text()

        assert (422, ["Select at least one race"]) == (
            refused.status,
            parse_page(await refused.text()).error_summary,
        )
        assert 303 == saved.status
        assert "asian,white" == case.answers["processing"]["race"]
        for value in ("asian", "white"):
            assert f'name="race-{value}" value="yes" checked' in html
        assert 'name="race-black" value="yes">' in html


class TestEdition:
    """Check your answers names the edition of the paper form the questions follow."""

    async def test_edition_shown(self, applicant: Person) -> None:
        """An N-400 draft's check page says edition 01/20/25."""
        case_id = await start_draft(applicant.portal, "N-400")
        html = await (await applicant.portal.client.get(f"/cases/{case_id}/apply/check")).text()
        assert "Form N-400, edition 01/20/25" in parse_page(html).text
