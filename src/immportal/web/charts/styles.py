"""How series tell themselves apart without colour: dashes, marker shapes and fill patterns.

Every colour is dark enough for 3:1 against white (WCAG 1.4.11, non-text contrast); each
series also differs in dash or pattern, and is named in text beside it.
"""

from dataclasses import dataclass

from markupsafe import escape

from immportal.web.charts.svg import INK, element

COLOURS = ("#005ea2", "#1b1b1b", "#b50909", "#216e1f", "#54278f", "#8c4a00", "#0f6460")
"""Blue, ink, red, green, violet, orange and teal: each 6:1 or more against white."""
DASHES = ("", "8 4", "2 3", "12 4 2 4", "4 4", "1 5", "16 4")
MARKERS = ("circle", "square", "triangle", "diamond", "ring", "box", "cross")


@dataclass(frozen=True)
class LineStyle:
    """The colour, dash and marker of one line."""

    colour: str
    dash: str
    marker: str


def line_style(index: int) -> LineStyle:
    """The style of the line of that index; they differ in dash and marker as well as colour."""
    n = index % len(COLOURS)
    return LineStyle(COLOURS[n], DASHES[n], MARKERS[n])


def marker(style: LineStyle, x: float, y: float) -> str:
    """The marker shape of a line at one point."""
    filled: dict[str, str | float] = {"fill": style.colour, "stroke": style.colour}
    hollow: dict[str, str | float] = {"fill": "#ffffff", "stroke": style.colour, "stroke_width": 2}
    match style.marker:
        case "circle":
            return element("circle", cx=x, cy=y, r=4.5, **filled)
        case "square":
            return element("rect", x=x - 4, y=y - 4, width=8, height=8, **filled)
        case "triangle":
            return element("path", d=f"M{x:.1f},{y - 5.5:.1f}l5.5,9.5h-11z", **filled)
        case "diamond":
            return element("path", d=f"M{x:.1f},{y - 6:.1f}l6,6l-6,6l-6,-6z", **filled)
        case "ring":
            return element("circle", cx=x, cy=y, r=4.5, **hollow)
        case "box":
            return element("rect", x=x - 4, y=y - 4, width=8, height=8, **hollow)
    arms = f"M{x - 5:.1f},{y - 5:.1f}l10,10m0,-10l-10,10"
    return element("path", d=arms, fill="none", stroke=style.colour, stroke_width=2.5)


FILLS = ("solid", "hatch", "dots")


def fill_of(chart_id: str, index: int) -> str:
    """The fill of the bars of series `index`: solid, then patterns defined by `patterns`."""
    kind = FILLS[index % len(FILLS)]
    return COLOURS[0] if kind == "solid" else f"url(#{chart_id}-{kind})"


def patterns(chart_id: str) -> str:
    """The fill patterns bars use, with ids unique to the chart."""
    name = escape(chart_id)
    hatch = (
        f'<pattern id="{name}-hatch" patternUnits="userSpaceOnUse" width="8" height="8"'
        ' patternTransform="rotate(45)">'
        + element("rect", width=8, height=8, fill="#ffffff")
        + element("line", x1=0, y1=0, x2=0, y2=8, stroke=INK, stroke_width=5)
        + "</pattern>"
    )
    dots = (
        f'<pattern id="{name}-dots" patternUnits="userSpaceOnUse" width="6" height="6">'
        + element("rect", width=6, height=6, fill="#ffffff")
        + element("circle", cx=3, cy=3, r=1.8, fill=COLOURS[2])
        + "</pattern>"
    )
    return f"<defs>{hatch}{dots}</defs>"
