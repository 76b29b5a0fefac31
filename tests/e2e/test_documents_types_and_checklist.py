"""Document types on upload, the "What to upload" checklist, and names that follow the content."""

import re
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from immportal.domain.actor import Role
from immportal.domain.cases.forms import FormType
from immportal.projections.case_documents import list_case_documents
from testkit import evidence_samples as samples
from testkit.documents_support import NOT_FOUND, Filer, filer, page_text, upload, uploaded_id
from testkit.e2e_support import PortalOpener, accepted_case, parse_page, wait_until_projected
from testkit.signed_in_support import people

_ITEM = re.compile(r'data-document-type="([a-z0-9_]+)" data-status="(uploaded|needed)"')


@pytest.fixture
async def applicant(
    open_portal: PortalOpener, database_url: str, tmp_path: Path
) -> AsyncIterator[Filer]:
    """A signed-in applicant's accepted I-765 case (its answers ask for a photo and an I-94)."""
    blob_dir = tmp_path / "blobs"
    portal = await open_portal(database_url, blob_dir=blob_dir)
    async with filer(portal, blob_dir) as who:
        yield who


async def checklist_of(who: Filer) -> dict[str, str]:
    """Each document type on the case's checklist with its status ("uploaded" or "needed")."""
    response = await who.portal.client.get(f"{who.page}/checklist")
    assert 200 == response.status
    return dict(_ITEM.findall(await response.text()))


class TestDocumentType:
    """The upload form asks what the document is; the answer is kept and listed."""

    async def test_an_upload_without_a_type_is_refused_and_nothing_kept(
        self, applicant: Filer
    ) -> None:
        """422 with the message linked to the list of types; no document recorded."""
        response = await upload(
            applicant, samples.pdf("Passport"), "passport.pdf", document_type=""
        )

        page = parse_page(await response.text())
        assert (422, ["Choose what kind of document this is"]) == (
            response.status,
            page.error_summary,
        )
        assert 'href="#document-type"' in await response.text()
        assert [] == await list_case_documents(applicant.portal.runtime.pool, applicant.case_id)

    async def test_a_type_no_one_may_choose_is_refused(self, applicant: Filer) -> None:
        """The filed application is the portal's own type: an upload cannot claim it."""
        response = await upload(
            applicant, samples.pdf("Form"), "form.pdf", document_type="filed_application"
        )

        assert 422 == response.status
        assert [] == await list_case_documents(applicant.portal.runtime.pool, applicant.case_id)

    async def test_the_type_is_recorded_and_listed(self, applicant: Filer) -> None:
        """The read model keeps the type; the list names it in words."""
        document_id = await uploaded_id(
            await upload(
                applicant, samples.pdf("Passport"), "passport.pdf", document_type="passport"
            )
        )

        [listed] = await list_case_documents(applicant.portal.runtime.pool, applicant.case_id)
        assert (document_id, "passport") == (listed.document_id, listed.document_type)
        html = await (await applicant.portal.client.get(applicant.page)).text()
        assert 'data-document-type="passport">Passport</span>' in html

    async def test_the_types_the_answers_ask_for_come_first(self, applicant: Filer) -> None:
        """The I-765's photo and I-94 lead the list, in their own group."""
        html = await (await applicant.portal.client.get(applicant.page)).text()
        asked = html.split('<optgroup label="Asked for by your answers">')[1].split("</optgroup>")[
            0
        ]
        assert ["photo", "i94"] == re.findall(r'value="([a-z0-9_]+)"', asked)
        assert 'value="filed_application"' not in html


class TestChecklist:
    """The checklist shows each needed document as uploaded (with its file) or still needed."""

    async def test_it_follows_the_uploads(self, applicant: Filer) -> None:
        """Before: both needed; after a typed photo: the photo is uploaded, the I-94 needed."""
        assert {"photo": "needed", "i94": "needed"} == await checklist_of(applicant)
        assert "2 documents are still needed." in await page_text(
            applicant, f"{applicant.page}/checklist"
        )

        await uploaded_id(
            await upload(applicant, samples.image("PNG"), "me.png", document_type="photo")
        )

        assert {"photo": "uploaded", "i94": "needed"} == await checklist_of(applicant)
        text = await page_text(applicant, f"{applicant.page}/checklist")
        assert "Uploaded me.png" in text
        assert "1 document is still needed." in text

    async def test_a_replaced_file_still_counts_through_its_new_version(
        self, applicant: Filer
    ) -> None:
        """A corrected version keeps the item ticked, naming only the current file."""
        first = await uploaded_id(
            await upload(applicant, samples.pdf("I-94 old"), "i94 old.pdf", document_type="i94")
        )
        await uploaded_id(
            await upload(
                applicant,
                samples.pdf("I-94 new"),
                "i94 new.pdf",
                document_type="i94",
                supersedes=str(first),
            )
        )

        text = await page_text(applicant, f"{applicant.page}/checklist")
        assert "Uploaded i94 new.pdf" in text
        assert "i94 old.pdf" not in text

    async def test_a_draft_has_its_checklist_too(self, applicant: Filer) -> None:
        """The task list links the checklist: a draft's answers so far decide what it lists."""
        runtime = applicant.portal.runtime
        actor = applicant.person.actor
        draft = await runtime.cases.start(
            actor=actor, applicant_id=actor.user_id, form_type=FormType.I765, office="NBC"
        )
        await runtime.cases.update(
            draft, None, lambda c: c.save_answers(actor, "about_you", {"family_name": "Doe"})
        )
        await wait_until_projected(runtime, draft, 2)

        tasks = await (await applicant.portal.client.get(f"/cases/{draft}/apply")).text()
        response = await applicant.portal.client.get(f"/cases/{draft}/documents/checklist")

        assert f'href="/cases/{draft}/documents/checklist"' in tasks
        assert 200 == response.status
        assert {"photo": "needed", "i94": "needed"} == dict(_ITEM.findall(await response.text()))

    async def test_linked_from_the_documents_page(self, applicant: Filer) -> None:
        """The documents page links to the checklist."""
        html = await (await applicant.portal.client.get(applicant.page)).text()
        assert f'href="{applicant.page}/checklist"' in html

    async def test_another_persons_checklist_is_not_found(self, applicant: Filer) -> None:
        """Someone else's case answers with the not-found page, never a 500."""
        async with people(applicant.portal) as sign_in:
            other = await sign_in(Role.APPLICANT)
            other_case = await accepted_case(applicant.portal.runtime.cases, other.actor)
            await wait_until_projected(applicant.portal.runtime, other_case, 4)
        response = await applicant.portal.client.get(f"/cases/{other_case}/documents/checklist")
        assert 404 == response.status
        assert NOT_FOUND in parse_page(await response.text()).text


class TestNamesFollowTheContent:
    """A file's stored name ends as its detected type does."""

    async def test_a_png_named_pdf_is_kept_listed_and_served_as_png(self, applicant: Filer) -> None:
        """Kept as x.png, listed as x.png, downloaded as x.png (image/png)."""
        document_id = await uploaded_id(await upload(applicant, samples.image("PNG"), "x.pdf"))

        [listed] = await list_case_documents(applicant.portal.runtime.pool, applicant.case_id)
        assert "x.png" == listed.filename
        text = await page_text(applicant)
        assert "x.png" in text
        assert "x.pdf" not in text
        response = await applicant.portal.client.get(f"{applicant.page}/{document_id}/download")
        assert "image/png" == response.headers["Content-Type"]
        assert 'filename="x.png"' in response.headers["Content-Disposition"]
