"""Staff download a case's evidence only where they may work the case; admins never."""

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from immportal.domain.actor import Role
from testkit import evidence_samples as samples
from testkit.documents_support import NOT_FOUND, Filer, filer, upload, uploaded_id
from testkit.e2e_support import PortalOpener, parse_page
from testkit.officer_support import staff


@pytest.fixture
async def applicant(open_portal: PortalOpener, tmp_path: Path) -> AsyncIterator[Filer]:
    """A signed-in applicant's accepted case at NBC, blobs on disk."""
    portal = await open_portal(blob_dir=tmp_path / "blobs")
    async with filer(portal, tmp_path / "blobs") as who:
        yield who


# (role, office): whether the download reaches them. The case is filed at NBC.
WHO = [
    pytest.param(Role.OFFICER, "NBC", True, id="officer-of-the-office"),
    pytest.param(Role.SUPERVISOR, "NBC", True, id="supervisor-of-the-office"),
    pytest.param(Role.AUDITOR, None, True, id="auditor"),
    pytest.param(Role.OFFICER, "CSC", False, id="officer-of-another-office"),
    pytest.param(Role.SUPERVISOR, "CSC", False, id="supervisor-of-another-office"),
    pytest.param(Role.OFFICER, None, False, id="officer-of-no-office"),
    pytest.param(Role.ADMIN, None, False, id="admin"),
]


class TestStaffDownloadScope:
    """The applicant-side download URL gives staff what the review page gives them."""

    @pytest.mark.parametrize(("role", "office", "reaches"), WHO)
    async def test_download_by_staff(
        self, applicant: Filer, role: Role, office: str | None, reaches: bool
    ) -> None:
        """Those who may work the case (and auditors) get the bytes; others the 404 page."""
        data = samples.pdf(f"Scope {role.value} {office}")
        document_id = await uploaded_id(await upload(applicant, data, "scope.pdf"))
        async with staff(applicant.portal) as sign_in:
            person = await sign_in(role, office)
            url = f"{applicant.page}/{document_id}/download"
            response = await person.portal.client.get(url, allow_redirects=False)
            body = await response.read()
        if reaches:
            assert (200, data) == (response.status, body)
        else:
            assert 404 == response.status
            assert NOT_FOUND in parse_page(body.decode()).text
