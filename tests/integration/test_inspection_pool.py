"""Uploads are inspected in dedicated worker processes, each file within a CPU budget."""

import io
import os
from collections.abc import Iterator

import pytest
from PIL import Image

from immportal.adapters.inspection.pool import TOO_SLOW, ProcessPoolInspector
from immportal.domain.evidence.document import MediaType
from immportal.services.evidence.intake import UnsafeDocument
from testkit import evidence_samples as samples
from testkit.hostile_files import REFUSED_PDFS, many_frame_tiff


def spooled(data: bytes) -> io.BytesIO:
    """The upload's local copy (a file object, as the service keeps it)."""
    return io.BytesIO(data)


@pytest.fixture
def pool() -> Iterator[ProcessPoolInspector]:
    """One worker process, the default budgets."""
    inspector = ProcessPoolInspector(
        workers=1, max_pixels=50_000_000, max_total_pixels=200_000_000, cpu_seconds=10
    )
    yield inspector
    inspector.close()


def noisy_tiff(frames: int, side: int) -> bytes:
    """A TIFF of random-looking pages, slow to decode for its size (LZW)."""
    pages = [Image.frombytes("L", (side, side), os.urandom(side * side)) for _ in range(frames)]
    out = io.BytesIO()
    pages[0].save(
        out, format="TIFF", compression="tiff_lzw", save_all=True, append_images=pages[1:]
    )
    return out.getvalue()


class TestInThePool:
    """The work runs in the pool's processes, never in the web process."""

    async def test_probe_tiff_is_refused_by_a_worker(self, pool: ProcessPoolInspector) -> None:
        """The 60-frame 7000x7000 TIFF: refused by the pixel budget, in another process."""
        with pytest.raises(UnsafeDocument, match="too large"):
            await pool.inspect(spooled(many_frame_tiff(60, 7000, 7000)), MediaType.TIFF)
        assert pool.worker_pids
        assert os.getpid() not in pool.worker_pids

    async def test_good_files_pass(self, pool: ProcessPoolInspector) -> None:
        """A plain PDF and a small image pass through the same worker."""
        await pool.inspect(spooled(samples.pdf("Pool")), MediaType.PDF)
        await pool.inspect(spooled(samples.image("PNG")), MediaType.PNG)
        assert 1 == len(pool.worker_pids)

    async def test_hostile_pdf_is_refused(self, pool: ProcessPoolInspector) -> None:
        """The PDF filter's refusal crosses back from the worker with its words."""
        with pytest.raises(UnsafeDocument, match="scripts or actions"):
            await pool.inspect(spooled(REFUSED_PDFS["open-action-uri"]()), MediaType.PDF)


class TestCpuBudget:
    """A file over its CPU budget is refused, and the worker stays usable."""

    async def test_over_budget_is_refused(self) -> None:
        """Pages under every pixel limit but slower to decode than the budget allows."""
        inspector = ProcessPoolInspector(
            workers=1, max_pixels=50_000_000, max_total_pixels=200_000_000, cpu_seconds=0.01
        )
        try:
            with pytest.raises(UnsafeDocument) as refused:
                await inspector.inspect(spooled(noisy_tiff(8, 1500)), MediaType.TIFF)
            assert TOO_SLOW == str(refused.value)
            await inspector.inspect(spooled(samples.image("PNG")), MediaType.PNG)
        finally:
            inspector.close()
