"""Downloading a document: an attachment stream on disk, a presigned link on S3, staff recorded."""

from collections.abc import AsyncIterator
from pathlib import Path
from urllib.parse import parse_qs, urlsplit
from uuid import uuid4

import aiohttp
import pytest
import yarl

from immportal.adapters.postgres.access_log import PostgresAccessLog
from immportal.domain.actor import Role
from immportal.domain.cases.forms import FormType
from testkit import evidence_samples as samples
from testkit.documents_support import NOT_FOUND, Filer, filer, upload, uploaded_id
from testkit.e2e_support import PortalOpener, parse_page, wait_until_projected
from testkit.officer_support import staff
from testkit.seaweed import SeaweedS3

NAME = "Certificat de naissance é.pdf"


@pytest.fixture
async def applicant(open_portal: PortalOpener, tmp_path: Path) -> AsyncIterator[Filer]:
    """A signed-in applicant's accepted case, blobs on disk, no scanner."""
    portal = await open_portal(blob_dir=tmp_path / "blobs")
    async with filer(portal, tmp_path / "blobs") as who:
        yield who


class TestOnDisk:
    """The portal streams the file itself, as an attachment that is never sniffed or cached."""

    async def test_headers_and_bytes(self, applicant: Filer) -> None:
        """Attachment with the cleaned name in RFC 8187 form, nosniff, no-store, detected type."""
        data = samples.pdf("Naissance")
        document_id = await uploaded_id(await upload(applicant, data, NAME))

        response = await applicant.portal.client.get(f"{applicant.page}/{document_id}/download")

        assert 200 == response.status
        assert data == await response.read()
        headers = response.headers
        assert "application/pdf" == headers["Content-Type"]
        assert "nosniff" == headers["X-Content-Type-Options"]
        assert "no-store" == headers["Cache-Control"]
        disposition = headers["Content-Disposition"]
        assert disposition.startswith('attachment; filename="Certificat de naissance _.pdf"')
        assert disposition.endswith("filename*=UTF-8''Certificat%20de%20naissance%20%C3%A9.pdf")

    async def test_the_type_comes_from_the_content(self, applicant: Filer) -> None:
        """A PNG named .pdf is served as image/png."""
        document_id = await uploaded_id(await upload(applicant, samples.image("PNG"), "x.pdf"))

        response = await applicant.portal.client.get(f"{applicant.page}/{document_id}/download")

        assert "image/png" == response.headers["Content-Type"]

    async def test_unknown_or_malformed_document_is_not_found(self, applicant: Filer) -> None:
        """Ids that name no document of the case get the not-found page."""
        for document_id in (uuid4(), "nope"):
            response = await applicant.portal.client.get(f"{applicant.page}/{document_id}/download")
            assert 404 == response.status
            assert NOT_FOUND in parse_page(await response.text()).text

    async def test_a_document_of_another_case_is_not_found_here(self, applicant: Filer) -> None:
        """A document id under another case's URL (both the person's own) is not found."""
        document_id = await uploaded_id(await upload(applicant, samples.pdf(), "a.pdf"))
        runtime, actor = applicant.portal.runtime, applicant.person.actor
        other = await runtime.cases.start(
            actor=actor, applicant_id=actor.user_id, form_type=FormType.I130, office="NBC"
        )
        await wait_until_projected(runtime, other, 1)
        assert 200 == (await applicant.portal.client.get(f"/cases/{other}/documents")).status

        response = await applicant.portal.client.get(
            f"/cases/{other}/documents/{document_id}/download"
        )

        assert 404 == response.status

    async def test_staff_download_is_recorded(self, applicant: Filer) -> None:
        """An officer may download; the access log records the document view."""
        data = samples.pdf("For the officer")
        document_id = await uploaded_id(await upload(applicant, data, "a.pdf"))
        async with staff(applicant.portal) as sign_in:
            officer = await sign_in(Role.OFFICER, "NBC")  # the case's office

            response = await officer.portal.client.get(f"{applicant.page}/{document_id}/download")

            assert (200, data) == (response.status, await response.read())
        log = PostgresAccessLog(applicant.portal.runtime.pool)
        records = await log.for_case(applicant.case_id, 10)
        assert [("document", str(document_id), officer.account_id)] == [
            (r.what, r.document_id, r.viewer_id) for r in records
        ]


class TestOnS3:
    """With S3 the portal answers with a short-lived link to the object."""

    async def test_presigned_redirect_gives_the_bytes(
        self, open_portal: PortalOpener, seaweedfs: SeaweedS3, s3_bucket: str, tmp_path: Path
    ) -> None:
        """303 to a link valid at most five minutes; a plain GET of it returns the bytes."""
        portal = await open_portal(
            s3_endpoint_url=seaweedfs.endpoint_url,
            s3_bucket=s3_bucket,
            s3_access_key_id="immportal-test",
            s3_secret_access_key="immportal-test-secret",
            s3_region="us-east-1",
        )
        data = samples.pdf("On S3")
        async with filer(portal, tmp_path) as who:
            document_id = await uploaded_id(await upload(who, data, "s3 file.pdf"))

            response = await who.portal.client.get(
                f"{who.page}/{document_id}/download", allow_redirects=False
            )

            assert 303 == response.status
            link = response.headers["Location"]
        query = parse_qs(urlsplit(link).query)
        assert int(query["X-Amz-Expires"][0]) <= 300
        async with (
            aiohttp.ClientSession() as http,
            http.get(yarl.URL(link, encoded=True)) as fetched,
        ):
            assert (200, data) == (fetched.status, await fetched.read())
            assert fetched.headers["Content-Disposition"].startswith("attachment;")
            assert "s3%20file.pdf" in fetched.headers["Content-Disposition"]
