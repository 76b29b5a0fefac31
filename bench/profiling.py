"""Optional cProfile of one section, written to bench/out/ for the 'where the time goes' notes."""

import cProfile
import io
import pstats
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

OUT = Path(__file__).with_name("out")


@contextmanager
def profiled(section: str, enabled: bool) -> Iterator[None]:
    """Profile the block when enabled; save .prof and a top-40 text next to it."""
    if not enabled:
        yield
        return
    profile = cProfile.Profile()
    profile.enable()
    try:
        yield
    finally:
        profile.disable()
        OUT.mkdir(exist_ok=True)
        profile.dump_stats(OUT / f"{section}.prof")
        text = io.StringIO()
        stats = pstats.Stats(profile, stream=text).strip_dirs()
        stats.sort_stats("tottime").print_stats(40)
        stats.sort_stats("cumulative").print_stats(40)
        (OUT / f"{section}.txt").write_text(text.getvalue(), encoding="utf-8")
