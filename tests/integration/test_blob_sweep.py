"""The sweep of blobs whose upload event never arrived: the function and the command."""

import asyncio
import os
import sys
import time
import uuid
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from immportal.adapters.postgres.recorded_aggregates import PostgresRecordedAggregates
from immportal.app.container import Runtime, open_runtime
from immportal.services.evidence.ports import document_key
from immportal.services.evidence.sweep import sweep_orphan_blobs
from testkit import evidence_samples as samples
from testkit.evidence_support import APPLICANT, blob_keys, start_case
from testkit.seaweed import SeaweedS3
from testkit.support import make_settings


@pytest.fixture
async def on_disk(database_url: str, tmp_path: Path) -> AsyncIterator[Runtime]:
    """A runtime with blobs in a temporary directory and no scanner."""
    async with open_runtime(make_settings(database_url, blob_dir=tmp_path / "blobs")) as runtime:
        yield runtime


async def orphan(runtime: Runtime) -> str:
    """A blob written as an upload would be, whose event never came."""
    key = document_key(uuid.uuid4())
    await runtime.blobs.put(key, samples.chunks_of(samples.pdf()), content_type="application/pdf")
    return key


async def recorded_key(runtime: Runtime) -> str:
    """The blob of a document whose upload was recorded."""
    uploaded = await runtime.evidence.upload(
        await start_case(runtime), APPLICANT, samples.chunks_of(samples.pdf("kept")), "a.pdf"
    )
    return document_key(uploaded.document_id)


class TestSweep:
    """Old orphans go; recorded documents and young blobs stay."""

    async def test_old_orphans_are_deleted_recorded_blobs_kept(self, on_disk: Runtime) -> None:
        """An orphan older than the cutoff is deleted; a recorded document's blob is kept."""
        lost, kept = await orphan(on_disk), await recorded_key(on_disk)
        report = await sweep_orphan_blobs(
            on_disk.blobs,
            PostgresRecordedAggregates(on_disk.pool),
            older_than=timedelta(hours=1),
            now=datetime.now(UTC) + timedelta(hours=2),
        )
        assert ([lost], 2) == (report.deleted, report.examined)
        assert [kept] == await blob_keys(on_disk)

    async def test_young_orphans_are_left_alone(self, on_disk: Runtime) -> None:
        """A blob younger than the cutoff may belong to an upload under way: it stays."""
        young = await orphan(on_disk)
        report = await sweep_orphan_blobs(
            on_disk.blobs, PostgresRecordedAggregates(on_disk.pool), older_than=timedelta(hours=1)
        )
        assert ([], [young]) == (report.deleted, await blob_keys(on_disk))

    async def test_too_short_an_age_is_refused(self, on_disk: Runtime) -> None:
        """Sweeping blobs only minutes old could remove an upload under way: refused."""
        with pytest.raises(ValueError, match="older than"):
            await sweep_orphan_blobs(
                on_disk.blobs,
                PostgresRecordedAggregates(on_disk.pool),
                older_than=timedelta(minutes=1),
            )


class TestIncompleteUploads:
    """Unfinished multipart uploads (S3) are aborted once older than the cutoff."""

    async def test_old_ones_are_aborted_young_ones_kept(
        self, on_disk: Runtime, seaweedfs: SeaweedS3, s3_bucket: str
    ) -> None:
        """A dry run only lists; a sweep two hours on aborts; a sweep now leaves it alone."""
        store = seaweedfs.store(s3_bucket)
        await store.start()
        try:
            key = document_key(uuid.uuid4())
            await store.client.create_multipart_upload(Bucket=s3_bucket, Key=key)
            recorded = PostgresRecordedAggregates(on_disk.pool)
            later = datetime.now(UTC) + timedelta(hours=2)
            hour = timedelta(hours=1)

            young = await sweep_orphan_blobs(store, recorded, older_than=hour)
            dry = await sweep_orphan_blobs(
                store, recorded, older_than=hour, now=later, dry_run=True
            )
            left_by_dry_run = [u.key async for u in store.list_incomplete("documents/")]
            swept = await sweep_orphan_blobs(store, recorded, older_than=hour, now=later)

            assert ([], [key], [key], [key]) == (
                young.aborted,
                dry.aborted,
                left_by_dry_run,
                swept.aborted,
            )
            assert [] == [u async for u in store.list_incomplete("documents/")]
        finally:
            await store.close()


class TestCommand:
    """`immportal blobs sweep --older-than 1h` does the same from the command line."""

    async def test_command_deletes_old_orphans(
        self, on_disk: Runtime, database_url: str, tmp_path: Path
    ) -> None:
        """An orphan two hours old is deleted and named; a recorded blob is kept."""
        lost, kept = await orphan(on_disk), await recorded_key(on_disk)
        two_hours_ago = time.time() - 7200
        for key in (lost, kept):
            os.utime(tmp_path / "blobs" / key, (two_hours_ago, two_hours_ago))
        env = {
            **os.environ,
            "IMMPORTAL_DATABASE_URL": database_url,
            "IMMPORTAL_BLOB_DIR": str(tmp_path / "blobs"),
            "IMMPORTAL_LOG_LEVEL": "warning",
        }
        proc = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "immportal",
            "blobs",
            "sweep",
            "--older-than",
            "1h",
            env=env,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
        )
        out, err = await proc.communicate()
        assert (0, b"") == (proc.returncode, err)
        assert f"deleted {lost}\n1 orphan blobs of 2 examined." == out.decode().strip()
        assert [kept] == await blob_keys(on_disk)
