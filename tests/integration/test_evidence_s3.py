"""Uploading evidence to S3 (SeaweedFS): links for downloads, and an outage that keeps nothing."""

import os
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta

import aiohttp
import pytest
import yarl

from immportal.adapters.postgres.recorded_aggregates import PostgresRecordedAggregates
from immportal.app.container import Runtime, open_runtime
from immportal.services.evidence.intake import FileTooLarge
from immportal.services.evidence.ports import BlobStoreUnavailable
from immportal.services.evidence.sweep import sweep_orphan_blobs
from immportal.settings import Settings
from testkit import evidence_samples as samples
from testkit.evidence_support import APPLICANT, blob_keys, document_events, start_case
from testkit.seaweed import SeaweedS3, parts_received
from testkit.support import make_settings
from testkit.tcp_proxy import TcpProxy

MiB = 1024 * 1024


def s3_settings(database_url: str, endpoint_url: str, bucket: str, **overrides: object) -> Settings:
    """Settings that keep blobs in a bucket of the test server (no scanner)."""
    return make_settings(
        database_url,
        s3_endpoint_url=endpoint_url,
        s3_bucket=bucket,
        s3_access_key_id="immportal-test",
        s3_secret_access_key="immportal-test-secret",
        s3_region="us-east-1",
        **overrides,
    )


@pytest.fixture
async def on_s3(database_url: str, seaweedfs: SeaweedS3, s3_bucket: str) -> AsyncIterator[Runtime]:
    """A runtime whose blobs go to a fresh bucket, with a 6 MiB upload limit."""
    settings = s3_settings(
        database_url, seaweedfs.endpoint_url, s3_bucket, upload_max_bytes=6 * MiB
    )
    async with open_runtime(settings) as runtime:
        yield runtime


class TestOnS3:
    """Uploads land in the bucket and come back through a short-lived link."""

    async def test_download_is_a_working_link(self, on_s3: Runtime) -> None:
        """The download is a presigned URL that a plain GET follows to the bytes."""
        data = samples.pdf("On S3")
        uploaded = await on_s3.evidence.upload(
            await start_case(on_s3), APPLICANT, samples.chunks_of(data), "a.pdf"
        )
        download = await on_s3.evidence.download(uploaded.document_id, APPLICANT)
        assert download.url is not None
        assert download.chunks is None
        async with (
            aiohttp.ClientSession() as http,
            http.get(yarl.URL(download.url, encoded=True)) as response,
        ):
            assert (200, data) == (response.status, await response.read())

    async def test_oversize_stops_midway_and_leaves_no_blob(self, on_s3: Runtime) -> None:
        """A file past the limit (after a multipart upload began) leaves no object behind."""
        data = b"%PDF-1.7\n" + os.urandom(7 * MiB)
        with pytest.raises(FileTooLarge):
            await on_s3.evidence.upload(
                await start_case(on_s3), APPLICANT, samples.chunks_of(data, MiB), "big.pdf"
            )
        assert ([], 0) == (await blob_keys(on_s3), await document_events(on_s3))


class TestOutage:
    """S3 down: a clear error, and nothing half-recorded."""

    async def test_s3_down_raises_and_records_nothing(
        self, database_url: str, seaweedfs: SeaweedS3, s3_bucket: str
    ) -> None:
        """With the store unreachable the upload raises BlobStoreUnavailable; no event exists."""
        proxy = TcpProxy("127.0.0.1", yarl.URL(seaweedfs.endpoint_url).port or 80)
        await proxy.start()
        settings = s3_settings(database_url, f"http://127.0.0.1:{proxy.port}", s3_bucket)
        async with open_runtime(settings) as runtime:
            case_id = await start_case(runtime)
            await proxy.close()
            with pytest.raises(BlobStoreUnavailable):
                await runtime.evidence.upload(
                    case_id, APPLICANT, samples.chunks_of(samples.pdf()), "a.pdf"
                )
            assert 0 == await document_events(runtime)

    async def test_cut_mid_upload_leaves_nothing_after_the_sweep(
        self, database_url: str, seaweedfs: SeaweedS3, s3_bucket: str
    ) -> None:
        """A part is in, then S3 goes: BlobStoreUnavailable, no event; the sweep ends the rest."""
        proxy = TcpProxy("127.0.0.1", yarl.URL(seaweedfs.endpoint_url).port or 80)
        await proxy.start()
        settings = s3_settings(database_url, f"http://127.0.0.1:{proxy.port}", s3_bucket)
        direct = seaweedfs.store(s3_bucket)
        await direct.start()
        try:
            async with open_runtime(settings) as runtime:
                case_id = await start_case(runtime)

                async def cut_after_the_first_part() -> AsyncIterator[bytes]:
                    yield b"%PDF-1.7\n"
                    for sent in range(1, 19):
                        yield os.urandom(MiB)
                        if sent == 9:  # the store had 8 MiB: the first part went through
                            assert [1] == await parts_received(direct)
                            await proxy.close()

                with pytest.raises(BlobStoreUnavailable):
                    await runtime.evidence.upload(
                        case_id, APPLICANT, cut_after_the_first_part(), "scan.pdf"
                    )
                assert 0 == await document_events(runtime)
                # The store was gone, so neither the upload's abort nor its delete got through.
                assert 1 == len([u async for u in direct.list_incomplete("documents/")])

                report = await sweep_orphan_blobs(
                    direct,
                    PostgresRecordedAggregates(runtime.pool),
                    older_than=timedelta(hours=1),
                    now=datetime.now(UTC) + timedelta(hours=2),
                )

                assert 1 == len(report.aborted)
                assert ([], []) == (
                    [b.key async for b in direct.list("documents/")],
                    [u async for u in direct.list_incomplete("documents/")],
                )
        finally:
            await proxy.close()
            await direct.close()
