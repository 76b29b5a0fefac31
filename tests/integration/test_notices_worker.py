"""The notices worker on PostgreSQL: one notice per notifiable event, whatever happens."""

import io
from collections.abc import AsyncIterable, AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from uuid import UUID

import pytest
from pypdf import PdfReader

from immportal.adapters.blobs.s3 import S3BlobStore
from immportal.adapters.pdf.notice_pdf import FpdfNoticeRenderer
from immportal.app.container import Runtime, open_runtime
from immportal.app.workers import running
from immportal.dev.demo.cases import seed_demo_cases
from immportal.processes.notices import NoticesProjection
from immportal.projections.rebuild import rebuild
from immportal.projections.runner import ProjectionRunner
from immportal.services.evidence.ports import BlobStore, BlobStoreUnavailable
from immportal.services.notices.issuer import NoticeIssuer, notice_id_for, notice_keys
from immportal.services.notices.kinds import NOTICE_KINDS
from testkit.projection_support import caught_up, wait_until
from testkit.support import make_settings

DEMO_NOTICES = 13
"""Receipts, appointments, evidence requests and the decision of the six demo cases."""


@pytest.fixture
async def runtime(database_url: str, tmp_path: Path) -> AsyncIterator[Runtime]:
    """A runtime whose blobs are kept in this test's own directory."""
    async with open_runtime(make_settings(database_url, blob_dir=tmp_path / "blobs")) as opened:
        yield opened


class FailingPuts:
    """A blob store whose puts fail from the n-th on, until healed (a worker crash)."""

    def __init__(self, inner: BlobStore, fail_from: int) -> None:
        self._inner = inner
        self.name = inner.name
        self.fail_from = fail_from
        self.puts = 0

    async def put(self, key: str, chunks: AsyncIterable[bytes], *, content_type: str) -> int:
        """Fail once `fail_from` puts were made; otherwise write through."""
        self.puts += 1
        if self.fail_from and self.puts >= self.fail_from:
            raise BlobStoreUnavailable("disk gone for a moment")
        return await self._inner.put(key, chunks, content_type=content_type)

    def __getattr__(self, name: str) -> object:
        return getattr(self._inner, name)


def notices_projection(runtime: Runtime, blobs: BlobStore) -> NoticesProjection:
    """The notices projection writing to `blobs`."""
    return NoticesProjection(NoticeIssuer(blobs, FpdfNoticeRenderer()), runtime.cases)


@asynccontextmanager
async def notices_worker(runtime: Runtime, blobs: BlobStore) -> AsyncIterator[None]:
    """Run the notices projection alone (as its leader) until the block exits."""
    runner = ProjectionRunner(
        dsn=runtime.dsn,
        role=runtime.settings.database_app_role,
        store=runtime.store,
        notifier=runtime.notifier,
        projection=notices_projection(runtime, blobs),
        batch_size=5,
        idle_wait=0.05,
    )
    async with running([runner.run()]):
        yield


async def notifiable(runtime: Runtime) -> set[UUID]:
    """The notice id of every event in the log that issues a notice."""
    rows = await runtime.pool.fetch(
        "SELECT originator_id, originator_version, topic FROM events ORDER BY notification_id"
    )
    return {
        notice_id_for(r["originator_id"], r["originator_version"])
        for r in rows
        if r["topic"].rsplit(".", 1)[-1] in NOTICE_KINDS
    }


async def notice_rows(runtime: Runtime) -> list[dict[str, object]]:
    """Every row of read.notices, in log order."""
    rows = await runtime.pool.fetch("SELECT * FROM read.notices ORDER BY position")
    return [dict(r) for r in rows]


async def read_blob(blobs: BlobStore, key: str) -> bytes:
    """A whole blob."""
    return b"".join([chunk async for chunk in blobs.open(key)])


async def notices_caught_up(runtime: Runtime) -> bool:
    """Whether the notices projection reached the head of the log."""
    return await caught_up(runtime, ("notices",))


async def assert_receipt_pdf(runtime: Runtime, blobs: BlobStore, case_id: UUID) -> None:
    """The case's receipt notice is a PDF with its receipt number and the applicant's name."""
    case = await runtime.cases.get(case_id)
    key = await runtime.pool.fetchval(
        "SELECT blob_key FROM read.notices WHERE case_id = $1 AND kind = 'receipt'", case_id
    )
    reader = PdfReader(io.BytesIO(await read_blob(blobs, key)))
    text = "\n".join(page.extract_text() for page in reader.pages)
    about = case.answers["applicant"]
    assert case.receipt_number is not None
    assert case.receipt_number in text
    assert f"{about['given_name']} {about['family_name']}" in text


class TestExactlyOnce:
    """Each notifiable event gets one notice row and one PDF, also after a crash."""

    async def test_one_notice_per_notifiable_event(self, runtime: Runtime) -> None:
        """The demo cases' 13 notifiable events give 13 rows, each with its PDF and content."""
        async with notices_worker(runtime, runtime.blobs):
            ids = await seed_demo_cases(runtime.cases)
            await wait_until(lambda: notices_caught_up(runtime))
        rows = await notice_rows(runtime)
        assert DEMO_NOTICES == len(rows)
        assert await notifiable(runtime) == {r["notice_id"] for r in rows}
        for row in rows:
            pdf_key, content_key = notice_keys(row["case_id"], row["notice_id"])  # type: ignore[arg-type]
            assert (pdf_key, content_key) == (row["blob_key"], row["content_key"])
            assert (await read_blob(runtime.blobs, pdf_key)).startswith(b"%PDF-")
        await assert_receipt_pdf(runtime, runtime.blobs, ids[-1])

    async def test_crash_mid_batch_then_restart(self, runtime: Runtime) -> None:
        """Blobs written before a failed batch are overwritten on retry: same keys, no extras."""
        # Each notice is two puts (content, then PDF): the 8th put fails after the 4th
        # notice's content was written, so the failed batch leaves a blob but no row.
        flaky = FailingPuts(runtime.blobs, fail_from=8)
        async with notices_worker(runtime, flaky):
            await seed_demo_cases(runtime.cases)
            await wait_until(lambda: _at_least(flaky, 8))
            assert len(await notice_rows(runtime)) < DEMO_NOTICES
            flaky.fail_from = 0
            await wait_until(lambda: notices_caught_up(runtime))
        rows = await notice_rows(runtime)
        kept = [info.key async for info in runtime.blobs.list("notices/")]
        assert DEMO_NOTICES == len(rows) == len({r["notice_id"] for r in rows})
        assert sorted(kept) == sorted(k for r in rows for k in (r["blob_key"], r["content_key"]))

    async def test_replay_from_zero_changes_nothing(self, runtime: Runtime) -> None:
        """A worker that restarts from position 0 keeps the rows and writes identical PDFs."""
        async with notices_worker(runtime, runtime.blobs):
            await seed_demo_cases(runtime.cases)
            await wait_until(lambda: notices_caught_up(runtime))
        before = await notice_rows(runtime)
        pdfs = {r["blob_key"]: await read_blob(runtime.blobs, str(r["blob_key"])) for r in before}
        await runtime.pool.execute(
            "UPDATE projection_positions SET position = 0 WHERE name = 'notices'"
        )
        async with notices_worker(runtime, runtime.blobs):
            await wait_until(lambda: notices_caught_up(runtime))
        assert before == await notice_rows(runtime)
        for key, pdf in pdfs.items():
            assert pdf == await read_blob(runtime.blobs, str(key))

    async def test_rebuild_issues_the_same_notices(self, runtime: Runtime) -> None:
        """`projections rebuild notices` fills a new generation with the same ids and keys."""
        async with notices_worker(runtime, runtime.blobs):
            await seed_demo_cases(runtime.cases)
            await wait_until(lambda: notices_caught_up(runtime))
        before = {(r["notice_id"], r["blob_key"]) for r in await notice_rows(runtime)}
        generation = await rebuild(
            dsn=runtime.dsn,
            role=runtime.settings.database_app_role,
            store=runtime.store,
            projection=notices_projection(runtime, runtime.blobs),
        )
        after = {(r["notice_id"], r["blob_key"]) for r in await notice_rows(runtime)}
        assert (2, before) == (generation, after)


class TestOnS3:
    """The same worker with the S3 adapter, against SeaweedFS."""

    async def test_notices_on_s3(self, runtime: Runtime, s3_store: S3BlobStore) -> None:
        """Each notice's PDF is kept in the bucket and reads back as the receipt notice."""
        async with notices_worker(runtime, s3_store):
            ids = await seed_demo_cases(runtime.cases)
            await wait_until(lambda: notices_caught_up(runtime))
        rows = await notice_rows(runtime)
        assert DEMO_NOTICES == len(rows)
        for row in rows:
            assert await s3_store.exists(str(row["blob_key"]))
        await assert_receipt_pdf(runtime, s3_store, ids[1])


async def _at_least(flaky: FailingPuts, puts: int) -> bool:
    return flaky.puts >= puts
