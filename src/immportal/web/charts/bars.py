"""Grouped bars over categories (weeks), each series in its own fill pattern with a legend."""

from collections.abc import Sequence

from markupsafe import Markup

from immportal.web.charts.lines import Series
from immportal.web.charts.plot import Plot, no_data
from immportal.web.charts.styles import COLOURS, fill_of, patterns
from immportal.web.charts.svg import INK, element, group, image, text

GROUP_SHARE = 0.8
"""The share of each category's width its bars fill; the rest separates categories."""


def legend(chart_id: str, series: Sequence[Series], left: float) -> list[str]:
    """A swatch of each series' fill and its name, in a row above the plot."""
    parts, x = [], left
    for index, one in enumerate(series):
        swatch = element(
            "rect", x=x, y=10, width=16, height=16, fill=fill_of(chart_id, index), stroke=INK
        )
        parts.append(group([swatch, text(one.label, x=x + 22, y=23)]))
        x += 22 + 9 * len(one.label) + 24
    return parts


def bar_chart(
    chart_id: str,
    *,
    title: str,
    description: str,
    categories: Sequence[str],
    series: Sequence[Series],
    x_title: str,
    y_title: str,
) -> Markup:
    """Bars side by side for each category, one per series, outlined so pale fills still show."""
    if not categories or not series:
        return image(chart_id, title, description, no_data())
    largest = max(max(s.values, default=0) for s in series)
    plot = Plot.inside(largest)
    count = len(categories)
    bar = plot.band(count) * GROUP_SHARE / len(series)
    parts = [patterns(chart_id), *plot.count_axis(y_title)]
    for index, one in enumerate(series):
        fill = fill_of(chart_id, index)
        bars = []
        for i, value in enumerate(one.values):
            x = plot.centre(i, count) - bar * len(series) / 2 + bar * index
            top = plot.y(value)
            bars.append(
                element(
                    "rect",
                    x=x,
                    y=top,
                    width=bar,
                    height=plot.bottom - top,
                    fill=fill,
                    stroke=COLOURS[0] if index == 0 else INK,
                )
            )
        parts.append(group(bars))
    parts.append(plot.baseline())
    parts += legend(chart_id, series, plot.left)
    parts += plot.category_labels(categories, x_title)
    return image(chart_id, title, description, parts)
