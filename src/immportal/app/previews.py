"""The previews worker as the composition root builds it (part of the composition root)."""

from typing import TYPE_CHECKING

from immportal.adapters.previews.process_renderer import ProcessPreviewRenderer
from immportal.processes.previews import DocumentPreviewsProjection
from immportal.services.evidence.preview_maker import PreviewMaker

if TYPE_CHECKING:
    from immportal.app.container import Runtime


def previews_projection(runtime: "Runtime | None") -> DocumentPreviewsProjection:
    """The previews worker drawing into the blob store (tables only without a runtime)."""
    if runtime is None:
        return DocumentPreviewsProjection()
    return DocumentPreviewsProjection(PreviewMaker(runtime.blobs, ProcessPreviewRenderer()))
