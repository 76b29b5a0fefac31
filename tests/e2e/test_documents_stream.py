"""The upload route reads its body as a stream: CSRF before the file, and a store outage."""

import asyncio
import os
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
import yarl

from immportal.adapters.blobs.s3 import S3BlobStore
from testkit import evidence_samples as samples
from testkit.documents_support import Filer, document_events, filer, upload, upload_form
from testkit.e2e_support import PortalOpener, form_token, parse_page
from testkit.seaweed import SeaweedS3, parts_received
from testkit.tcp_proxy import TcpProxy

BOUNDARY = "immportal-test-boundary"
REFUSED = "This form has expired or was sent from somewhere else."
STORE_DOWN = (
    "We could not save your file right now; nothing was saved. Please try again in a few minutes."
)
MiB = 1024 * 1024
RENAME = "Rename the file without slashes or special characters, then upload it again."


@pytest.fixture
async def applicant(open_portal: PortalOpener, tmp_path: Path) -> AsyncIterator[Filer]:
    """A signed-in applicant's accepted case, blobs on disk, no scanner."""
    portal = await open_portal(blob_dir=tmp_path / "blobs")
    async with filer(portal, tmp_path / "blobs") as who:
        yield who


def part(name: str, value: bytes, filename: str | None = None) -> bytes:
    """One part of a multipart/form-data body, up to the start of the next boundary."""
    disposition = f'form-data; name="{name}"'
    if filename is not None:
        disposition += f'; filename="{filename}"'
    head = f"--{BOUNDARY}\r\nContent-Disposition: {disposition}\r\n\r\n".encode()
    return head + value + b"\r\n"


class TestCsrfBeforeTheFile:
    """The token is checked from the first field; a refused form's file is never read."""

    async def test_wrong_token_is_refused_while_the_file_is_still_coming(
        self, applicant: Filer
    ) -> None:
        """The 403 arrives while the body has not finished: the file was not waited for."""
        finish = asyncio.Event()

        async def body() -> AsyncIterator[bytes]:
            yield part("csrf_token", b"not-the-token")
            yield part("file", b"%PDF-1.7\n" + b"\0" * 1000, "a.pdf")[:-2]
            await finish.wait()  # the rest of the file never comes until the answer did
            yield f"\r\n--{BOUNDARY}--\r\n".encode()

        client = applicant.portal.client
        await form_token(applicant.portal, applicant.page)  # a session with a token exists
        try:
            async with asyncio.timeout(10):
                response = await client.post(
                    applicant.page,
                    data=body(),
                    headers={
                        "Origin": applicant.portal.origin,
                        "Content-Type": f"multipart/form-data; boundary={BOUNDARY}",
                    },
                    allow_redirects=False,
                )
                assert 403 == response.status
                assert REFUSED in parse_page(await response.text()).text
        finally:
            finish.set()
        assert ([], 0) == (applicant.blobs(), await document_events(applicant.portal))

    async def test_token_after_the_file_is_refused(self, applicant: Filer) -> None:
        """A right token that comes after the file does not count."""
        token = await form_token(applicant.portal, applicant.page)
        form = upload_form(token, samples.pdf(), "a.pdf", token_first=False)

        response = await applicant.portal.client.post(
            applicant.page, data=form, headers={"Origin": applicant.portal.origin}
        )

        assert 403 == response.status
        assert ([], 0) == (applicant.blobs(), await document_events(applicant.portal))

    async def test_missing_token_is_refused(self, applicant: Filer) -> None:
        """A form without a token is refused and nothing is kept."""
        await form_token(applicant.portal, applicant.page)

        response = await applicant.portal.client.post(
            applicant.page,
            data=upload_form(None, samples.pdf(), "a.pdf"),
            headers={"Origin": applicant.portal.origin},
        )

        assert 403 == response.status
        assert ([], 0) == (applicant.blobs(), await document_events(applicant.portal))

    async def test_another_origin_is_refused(self, applicant: Filer) -> None:
        """The origin is still checked for the streamed route, token or not."""
        token = await form_token(applicant.portal, applicant.page)

        response = await applicant.portal.client.post(
            applicant.page,
            data=upload_form(token, samples.pdf(), "a.pdf"),
            headers={"Origin": "https://elsewhere.example"},
        )

        assert 403 == response.status
        assert [] == applicant.blobs()

    async def test_right_token_first_is_accepted(self, applicant: Filer) -> None:
        """The page's own form (token first) works, and the file is marked unscanned."""
        response = await upload(applicant, samples.pdf(), "a.pdf", follow=True)

        text = parse_page(await response.text()).text
        assert 200 == response.status
        assert "a.pdf was uploaded. Not checked for viruses." in text


class TestFilenameAsBrowsersSendIt:
    """Browsers send a filename's control characters raw; the header parser refuses those."""

    async def test_raw_control_character_is_refused_with_the_rename_message(
        self, applicant: Filer
    ) -> None:
        """A raw ESC and a path in the part's header: 422 with the rename message, nothing kept."""
        token = await form_token(applicant.portal, applicant.page)
        body = (
            part("csrf_token", token.encode())
            + part("file", samples.pdf(), "scans/pass\x1bport.pdf")
            + f"--{BOUNDARY}--\r\n".encode()
        )

        response = await applicant.portal.client.post(
            applicant.page,
            data=body,
            headers={
                "Origin": applicant.portal.origin,
                "Content-Type": f"multipart/form-data; boundary={BOUNDARY}",
            },
        )

        page = parse_page(await response.text())
        assert (422, [RENAME]) == (response.status, page.error_summary)
        assert ([], 0) == (applicant.blobs(), await document_events(applicant.portal))


class TestStoreDown:
    """With S3 unreachable the person is told so, and nothing is half-recorded."""

    async def test_s3_down_answers_503_and_records_nothing(
        self, open_portal: PortalOpener, seaweedfs: SeaweedS3, s3_bucket: str, tmp_path: Path
    ) -> None:
        """503 with the plain message; no Document event."""
        proxy = TcpProxy("127.0.0.1", yarl.URL(seaweedfs.endpoint_url).port or 80)
        await proxy.start()
        try:
            portal = await open_portal(**s3_through(proxy, s3_bucket))
            async with filer(portal, tmp_path) as who:
                token = await form_token(who.portal, who.page)
                await proxy.close()

                response = await who.portal.client.post(
                    who.page,
                    data=upload_form(token, samples.pdf(), "a.pdf"),
                    headers={"Origin": who.portal.origin},
                    allow_redirects=False,
                )

                text = parse_page(await response.text()).text
                assert 503 == response.status
                assert STORE_DOWN in text
                assert 0 == await document_events(who.portal)
        finally:
            await proxy.close()

    async def test_s3_cut_mid_upload_answers_503_and_records_nothing(
        self, open_portal: PortalOpener, seaweedfs: SeaweedS3, s3_bucket: str, tmp_path: Path
    ) -> None:
        """The first part reached S3, then the store went: 503 with the plain message, no event."""
        proxy = TcpProxy("127.0.0.1", yarl.URL(seaweedfs.endpoint_url).port or 80)
        await proxy.start()
        direct = seaweedfs.store(s3_bucket)
        await direct.start()
        try:
            portal = await open_portal(**s3_through(proxy, s3_bucket))
            async with filer(portal, tmp_path) as who:
                token = await form_token(who.portal, who.page)

                async def body() -> AsyncIterator[bytes]:
                    yield part("csrf_token", token.encode())
                    yield part("document_type", b"other")
                    yield part("file", b"%PDF-1.7\n", "scan.pdf")[:-2]
                    for sent in range(1, 19):
                        yield os.urandom(MiB)
                        if sent == 9:  # more than one 8 MiB part: wait until S3 has it
                            await until_a_part_arrived(direct)
                            await proxy.close()
                    yield f"\r\n--{BOUNDARY}--\r\n".encode()

                response = await who.portal.client.post(
                    who.page,
                    data=body(),
                    headers={
                        "Origin": who.portal.origin,
                        "Content-Type": f"multipart/form-data; boundary={BOUNDARY}",
                    },
                    allow_redirects=False,
                )

                text = parse_page(await response.text()).text
                assert 503 == response.status
                assert STORE_DOWN in text
                assert 0 == await document_events(who.portal)
        finally:
            await proxy.close()
            await direct.close()


def s3_through(proxy: TcpProxy, bucket: str) -> dict[str, object]:
    """Portal settings that reach the test S3 server's bucket through the proxy."""
    return {
        "s3_endpoint_url": f"http://127.0.0.1:{proxy.port}",
        "s3_bucket": bucket,
        "s3_access_key_id": "immportal-test",
        "s3_secret_access_key": "immportal-test-secret",
        "s3_region": "us-east-1",
    }


async def until_a_part_arrived(store: S3BlobStore, seconds: float = 10) -> None:
    """Wait until the store holds the first part of an unfinished upload."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + seconds
    while not await parts_received(store):
        if loop.time() > deadline:
            raise AssertionError(f"no part of the upload reached S3 in {seconds}s")
        await asyncio.sleep(0.05)
