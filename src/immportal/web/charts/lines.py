"""A line chart over categories (weeks): one line per series, each named at its end."""

from collections.abc import Sequence
from dataclasses import dataclass

from markupsafe import Markup

from immportal.web.charts.plot import Plot, no_data
from immportal.web.charts.styles import line_style, marker
from immportal.web.charts.svg import element, group, image, text

LABEL_GAP = 18.0
"""End labels closer than this (px, about a line of text) are moved apart."""


@dataclass(frozen=True)
class Series:
    """A named run of values, one per category."""

    label: str
    values: tuple[float, ...]


def spread(wanted: Sequence[float], low: float, high: float, gap: float = LABEL_GAP) -> list[float]:
    """Positions as near as may be to `wanted`, at least `gap` apart and within low..high.

    Labels are pushed down past their upper neighbour, then up from the bottom edge, so
    two lines that end at the same value keep both their names readable.
    """
    order = sorted(range(len(wanted)), key=lambda i: wanted[i])
    placed = [wanted[i] for i in order]
    for n in range(len(placed)):
        floor = low if n == 0 else placed[n - 1] + gap
        placed[n] = max(placed[n], floor)
    for n in reversed(range(len(placed))):
        ceiling = high if n == len(placed) - 1 else placed[n + 1] - gap
        placed[n] = min(placed[n], ceiling)
    result = [0.0] * len(wanted)
    for n, i in enumerate(order):
        result[i] = placed[n]
    return result


def line_chart(
    chart_id: str,
    *,
    title: str,
    description: str,
    categories: Sequence[str],
    series: Sequence[Series],
    x_title: str,
    y_title: str,
) -> Markup:
    """Lines over the categories, with markers at each value and each line's name at its end."""
    if not categories or not series:
        return image(chart_id, title, description, no_data())
    largest = max(max(s.values, default=0) for s in series)
    plot = Plot.inside(largest, right=110)
    count = len(categories)
    parts = plot.count_axis(y_title)
    ends = []
    for index, one in enumerate(series):
        style = line_style(index)
        points = [(plot.centre(i, count), plot.y(v)) for i, v in enumerate(one.values)]
        drawn = [
            element(
                "polyline",
                points=" ".join(f"{x:.1f},{y:.1f}" for x, y in points),
                fill="none",
                stroke=style.colour,
                stroke_width=2.5,
                stroke_dasharray=style.dash or "none",
            )
        ]
        drawn += [marker(style, x, y) for x, y in points]
        parts.append(group(drawn))
        ends.append(points[-1][1])
    label_x = plot.centre(count - 1, count) + 12
    for index, (one, y) in enumerate(zip(series, spread(ends, plot.top, plot.bottom), strict=True)):
        colour = line_style(index).colour
        parts.append(text(one.label, x=label_x, y=y + 5, fill=colour, font_weight="bold"))
    parts.append(plot.baseline())
    parts += plot.category_labels(categories, x_title)
    return image(chart_id, title, description, parts)
