"""Projection workers take the configured batch size unless a projection caps it."""

from immportal.app.workers import batch_size_for
from immportal.processes.notices import NoticesProjection
from immportal.projections.case_summary import CaseSummaryProjection


class TestBatchSizeFor:
    """Slow projections (PDF notices) commit in small batches; others in large ones."""

    def test_uncapped_projection_takes_the_setting(self) -> None:
        """The case summary uses whatever is configured."""
        assert 1000 == batch_size_for(CaseSummaryProjection(), 1000)

    def test_notices_are_capped(self) -> None:
        """Notices commit at most their cap, so the first appear within seconds."""
        cap = NoticesProjection.max_batch
        assert cap is not None
        assert (cap, 20) == (
            batch_size_for(NoticesProjection(), 1000),
            batch_size_for(NoticesProjection(), 20),
        )
