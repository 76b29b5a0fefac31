"""The SVG charts (immportal.web.charts): escaped text, empty and one-point series, axis tops."""

import xml.etree.ElementTree as ET
from itertools import pairwise

import pytest

from immportal.web.charts.axis import MAX_TICKS, count_axis, label_every
from immportal.web.charts.bars import bar_chart
from immportal.web.charts.histogram import Marker, histogram
from immportal.web.charts.lines import LABEL_GAP, Series, line_chart, spread
from immportal.web.charts.plot import NO_DATA, Plot
from immportal.web.charts.svg import WIDTH

SVG = "{http://www.w3.org/2000/svg}"
HOSTILE = "<script>alert('x')</script> & \"quoted\""


def parsed(markup: str) -> ET.Element:
    """The chart as XML: it must be well formed."""
    return ET.fromstring(str(markup))  # noqa: S314 - our own output, parsed to check its shape


def texts(root: ET.Element) -> list[str]:
    """Every text element's content, in document order."""
    return [t.text or "" for t in root.iter(f"{SVG}text")]


def lines(categories: list[str], *series: Series, title: str = "Open cases") -> ET.Element:
    """A line chart of the series, parsed."""
    return parsed(
        line_chart(
            "c",
            title=title,
            description="d",
            categories=categories,
            series=list(series),
            x_title="Week",
            y_title="Cases",
        )
    )


class TestCountAxis:
    """The count axis ends on a round number at or above the largest value, in few steps."""

    @pytest.mark.parametrize(
        ("largest", "top", "step"),
        [(0, 1, 1), (1, 1, 1), (3, 3, 1), (7, 8, 2), (10, 10, 2), (99, 100, 20), (101, 125, 25)],
    )
    def test_known_tops(self, largest: int, top: int, step: int) -> None:
        """Hand-picked values and the axis they get."""
        assert (top, step) == count_axis(largest)

    def test_every_count_fits(self) -> None:
        """For every count to 20,000 the top covers it in whole steps, at most five of them."""
        for largest in range(20_001):
            top, step = count_axis(largest)
            assert top >= largest
            assert top % step == 0
            assert top // step <= MAX_TICKS
            assert top < 2.5 * max(largest, 1) or top == 1

    def test_labels_thin_out(self) -> None:
        """Fifty-two weeks in room for eight labels: one label every seventh week."""
        assert (7, 1) == (label_every(52, 8), label_every(8, 8))


class TestEscaping:
    """Text from the data never becomes markup."""

    def test_line_chart(self) -> None:
        """Series names, category labels and the title are escaped, and the SVG stays valid."""
        chart = str(
            line_chart(
                "c",
                title=HOSTILE,
                description=HOSTILE,
                categories=[HOSTILE, "b"],
                series=[Series(HOSTILE, (1, 2))],
                x_title=HOSTILE,
                y_title=HOSTILE,
            )
        )
        root = parsed(chart)

        assert "<script" not in chart
        assert HOSTILE == root.find(f"{SVG}title").text  # type: ignore[union-attr]
        assert HOSTILE == root.find(f"{SVG}desc").text  # type: ignore[union-attr]
        assert texts(root).count(HOSTILE) == 4

    def test_bars_and_histogram(self) -> None:
        """Legend entries and marker labels are escaped too."""
        bars = bar_chart(
            "b",
            title="t",
            description="d",
            categories=["w"],
            series=[Series(HOSTILE, (3,))],
            x_title="x",
            y_title="y",
        )
        bins = histogram(
            "h",
            title="t",
            description="d",
            edges=[0, 7],
            counts=[2],
            markers=[Marker(HOSTILE, 3)],
            x_title="x",
            y_title="y",
        )

        assert all("<script" not in str(chart) for chart in (bars, bins))
        assert HOSTILE in texts(parsed(bars))
        assert HOSTILE in texts(parsed(bins))


class TestAnImage:
    """Every chart is an image named by its title and described by its description."""

    @pytest.mark.parametrize("kind", ["lines", "bars", "histogram"])
    def test_title_and_description(self, kind: str) -> None:
        """role="img", aria-labelledby naming the title and the description, both first."""
        common = {
            "title": "The title",
            "description": "The description",
            "x_title": "x",
            "y_title": "y",
        }
        made = {
            "lines": lambda: line_chart(
                "k", categories=["a"], series=[Series("s", (1,))], **common
            ),
            "bars": lambda: bar_chart("k", categories=["a"], series=[Series("s", (1,))], **common),
            "histogram": lambda: histogram("k", edges=[0, 1], counts=[1], markers=[], **common),
        }
        root = parsed(made[kind]())
        title, desc = list(root)[:2]

        assert "img" == root.get("role")
        assert "k-title k-desc" == root.get("aria-labelledby")
        assert (f"{SVG}title", "k-title", "The title") == (title.tag, title.get("id"), title.text)
        assert (f"{SVG}desc", "k-desc", "The description") == (desc.tag, desc.get("id"), desc.text)


class TestEmpty:
    """With nothing to draw, a chart says so instead of drawing axes."""

    def test_no_categories_or_series(self) -> None:
        """No weeks, or no lines: the image holds the message and no lines."""
        for root in (lines([], Series("s", ())), lines(["a", "b"])):
            assert [NO_DATA] == texts(root)
            assert root.find(f"{SVG}polyline") is None

    def test_empty_histogram(self) -> None:
        """No bins (or edges that do not match the counts) give the message."""
        for edges, counts in (([], []), ([0, 7], [1, 2])):
            chart = histogram(
                "h",
                title="t",
                description="d",
                edges=edges,
                counts=counts,
                markers=[],
                x_title="x",
                y_title="y",
            )
            assert [NO_DATA] == texts(parsed(chart))

    def test_all_zero(self) -> None:
        """Lines at zero still get an axis from 0 to 1, drawn on the baseline."""
        root = lines(["a", "b"], Series("s", (0, 0)))
        plot = Plot.inside(0, right=110)
        ticks = [t for t in texts(root) if t.isdigit()]
        points = root.find(f".//{SVG}polyline").get("points", "")  # type: ignore[union-attr]

        assert ["0", "1"] == ticks
        assert {f"{plot.bottom:.1f}"} == {p.split(",")[1] for p in points.split()}


class TestOnePoint:
    """A single week is one marker in the middle of the plot, named beside it."""

    def test_one_point(self) -> None:
        """One category, one value: the marker sits at the centre of the only band."""
        root = lines(["only week"], Series("I-130", (4,)))
        plot = Plot.inside(4, right=110)
        marker = root.find(f".//{SVG}circle")

        assert marker is not None
        assert (plot.left + plot.width / 2, plot.y(4)) == (
            float(marker.get("cx", "")),
            float(marker.get("cy", "")),
        )
        assert "I-130" in texts(root)
        assert "only week" in texts(root)

    def test_axis_top_is_the_largest_value_rounded_up(self) -> None:
        """The highest tick is the axis top, whatever the series."""
        root = lines(["a", "b", "c"], Series("s", (3, 7, 1)), Series("t", (2, 2, 2)))
        ticks = [int(t) for t in texts(root) if t.isdigit()]

        assert [0, 2, 4, 6, 8] == ticks


class TestTellingSeriesApart:
    """Series differ in more than colour: dash and marker, or fill pattern, and a name."""

    def test_lines_differ_in_dash_and_marker(self) -> None:
        """Two lines: different dash patterns, different marker shapes, each named."""
        root = lines(["a", "b"], Series("one", (1, 2)), Series("two", (2, 1)))
        dashes = [p.get("stroke-dasharray") for p in root.iter(f"{SVG}polyline")]
        groups = [g for g in root if g.tag == f"{SVG}g"]
        shapes = [[c.tag for c in g][1] for g in groups]

        assert len(set(dashes)) == 2
        assert len(set(shapes)) == 2
        assert {"one", "two"} <= set(texts(root))

    def test_bars_differ_in_pattern(self) -> None:
        """Two series of bars: a solid fill and a hatch pattern defined in the chart."""
        chart = parsed(
            bar_chart(
                "flow",
                title="t",
                description="d",
                categories=["a", "b"],
                series=[Series("Receipts", (1, 2)), Series("Completions", (2, 0))],
                x_title="x",
                y_title="y",
            )
        )
        pattern_ids = {p.get("id") for p in chart.iter(f"{SVG}pattern")}
        fills = {r.get("fill") for r in chart.iter(f"{SVG}rect") if r.get("height") != "16"}

        assert {"flow-hatch", "flow-dots"} == pattern_ids
        assert "url(#flow-hatch)" in fills
        assert {"Receipts", "Completions"} <= set(texts(chart))

    def test_end_labels_are_kept_apart(self) -> None:
        """Names of lines that end at the same height are moved a line apart, inside the plot."""
        placed = spread([100.0, 100.0, 100.0, 10.0], low=20, high=110)

        ordered = sorted(placed)
        assert all(b - a >= LABEL_GAP for a, b in pairwise(ordered))
        assert min(placed) >= 20
        assert max(placed) <= 110

    def test_close_markers_use_two_rows(self) -> None:
        """The median and the 80th percentile close together are labelled on different rows."""
        chart = parsed(
            histogram(
                "h",
                title="t",
                description="d",
                edges=[0, 10, 20],
                counts=[3, 1],
                markers=[Marker("Median 9.0 days", 9), Marker("80% within 10.0 days", 10)],
                x_title="x",
                y_title="y",
            )
        )
        labels = {t.text: t.get("y") for t in chart.iter(f"{SVG}text")}

        assert labels["Median 9.0 days"] != labels["80% within 10.0 days"]
        assert float(chart.get("viewBox", "").split()[2]) == WIDTH
