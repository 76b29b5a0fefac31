"""The upload inspection pool the settings ask for (part of the composition root)."""

from collections.abc import Iterator
from contextlib import contextmanager

from immportal.adapters.inspection.pool import ProcessPoolInspector
from immportal.settings import Settings


@contextmanager
def inspection_pool(settings: Settings) -> Iterator[ProcessPoolInspector]:
    """A pool of inspection processes for as long as the runtime is open."""
    inspector = ProcessPoolInspector(
        workers=settings.inspection_workers,
        max_pixels=settings.image_max_pixels,
        max_total_pixels=settings.image_max_total_pixels,
        cpu_seconds=settings.inspection_cpu_seconds,
    )
    try:
        yield inspector
    finally:
        inspector.close()
