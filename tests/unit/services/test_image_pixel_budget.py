"""Images: a budget of pixels across all frames, checked before any frame is decoded."""

import io
from unittest import mock

import pytest
from PIL import ImageFile

from immportal.domain.evidence.document import MediaType
from immportal.services.evidence.inspection import MAX_IMAGE_FRAMES, inspect_file
from immportal.services.evidence.intake import UnsafeDocument
from testkit.hostile_files import many_frame_tiff


class TestFrameBudget:
    """The probe's TIFF (60 frames of 7000x7000, under 7 KB) is refused without decoding."""

    def test_probe_tiff_is_refused_before_decoding(self) -> None:
        """Each frame is under the per-frame limit; their sum is over the budget."""
        data = many_frame_tiff(60, 7000, 7000)
        with (
            mock.patch.object(ImageFile.ImageFile, "load", autospec=True) as load,
            pytest.raises(UnsafeDocument, match="too large"),
        ):
            inspect_file(io.BytesIO(data), MediaType.TIFF, max_pixels=50_000_000)
        assert 0 == load.call_count

    def test_frames_within_the_budget_are_decoded(self) -> None:
        """Three small frames pass and are each decoded."""
        data = many_frame_tiff(3, 300, 200)
        inspect_file(io.BytesIO(data), MediaType.TIFF, max_pixels=50_000_000)

    def test_budget_is_a_setting(self) -> None:
        """The same three frames are refused under a smaller total budget."""
        data = many_frame_tiff(3, 300, 200)
        with pytest.raises(UnsafeDocument, match="too large"):
            inspect_file(
                io.BytesIO(data), MediaType.TIFF, max_pixels=50_000_000, max_total_pixels=150_000
            )

    def test_too_many_frames(self) -> None:
        """More frames than a scanned document has are refused, however small."""
        data = many_frame_tiff(MAX_IMAGE_FRAMES + 1, 8, 8)
        with pytest.raises(UnsafeDocument, match="pages"):
            inspect_file(io.BytesIO(data), MediaType.TIFF, max_pixels=50_000_000)
