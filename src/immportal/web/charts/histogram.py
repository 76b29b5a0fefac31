"""A histogram over bins of a measure (days), with named markers (median, 80th percentile)."""

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from markupsafe import Markup

from immportal.web.charts.axis import label_every
from immportal.web.charts.plot import LABEL_ROOM, Plot, no_data
from immportal.web.charts.styles import COLOURS
from immportal.web.charts.svg import INK, element, group, image, text

CHARACTER_WIDTH = 8.5
"""About how wide one character of the 16 px labels is, to keep marker labels apart."""
MARKER_DASHES = ("6 3", "2 3", "10 3 2 3")
BAR_FILL = "#73b3e7"
"""A light blue, outlined in dark blue: the ink marker lines keep 7:1 against it."""


@dataclass(frozen=True)
class Marker:
    """A named value drawn as a vertical line across the bars."""

    label: str
    at: float


def histogram(
    chart_id: str,
    *,
    title: str,
    description: str,
    edges: Sequence[int],
    counts: Sequence[int],
    markers: Sequence[Marker],
    x_title: str,
    y_title: str,
) -> Markup:
    """One bar per bin between consecutive `edges`, markers as labelled dashed lines."""
    if not counts or len(edges) != len(counts) + 1:
        return image(chart_id, title, description, no_data())
    plot = Plot.inside(max(counts), top=56)
    low, high = edges[0], edges[-1]

    def x_of(value: float) -> float:
        share = (min(max(value, low), high) - low) / (high - low)
        return plot.left + plot.width * share

    parts = plot.count_axis(y_title)
    bars = []
    for n, count in enumerate(counts):
        left, right = x_of(edges[n]), x_of(edges[n + 1])
        top = plot.y(count)
        bars.append(
            element(
                "rect",
                x=left + 1,
                y=top,
                width=max(right - left - 2, 1),
                height=plot.bottom - top,
                fill=BAR_FILL,
                stroke=COLOURS[0],
            )
        )
    parts.append(group(bars))
    parts.append(plot.baseline())
    every = label_every(len(edges), LABEL_ROOM + 2)
    parts += [
        text(str(edge), x=x_of(edge), y=plot.bottom + 20, text_anchor="middle")
        for n, edge in enumerate(edges)
        if n % every == 0
    ]
    parts.append(plot.axis_title(x_title))
    parts += _markers(markers, plot, x_of)
    return image(chart_id, title, description, parts)


def _markers(markers: Sequence[Marker], plot: Plot, x_of: Callable[[float], float]) -> list[str]:
    """Lines across the plot, labels above it: a label that would touch one to its left
    moves up a row."""
    parts = []
    rows: list[float] = []  # the right end of the last label in each row
    for n, one in enumerate(sorted(markers, key=lambda m: m.at)):
        x = x_of(one.at)
        half = len(one.label) * CHARACTER_WIDTH / 2
        centre = min(max(x, plot.left + half), plot.right - half)
        row = next((r for r, end in enumerate(rows) if end < centre - half - 8), len(rows))
        if row == len(rows):
            rows.append(0.0)
        rows[row] = centre + half
        y = plot.top - 8 - 18 * row
        line = element(
            "line",
            x1=x,
            x2=x,
            y1=plot.top,
            y2=plot.bottom,
            stroke=INK,
            stroke_width=2,
            stroke_dasharray=MARKER_DASHES[n % len(MARKER_DASHES)],
        )
        label = text(one.label, x=centre, y=y, text_anchor="middle", font_weight="bold")
        parts.append(group([line, label]))
    return parts
