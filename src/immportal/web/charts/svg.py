"""SVG elements as strings: every text and attribute value escaped, numbers kept short."""

from collections.abc import Iterable

from markupsafe import Markup, escape

WIDTH = 600
HEIGHT = 320
INK = "#1b1b1b"
"""Text and outlines: USWDS ink, 17:1 on white."""
AXIS = "#565c65"
"""Axes and ticks: USWDS base-dark, 7:1 on white (graphics need 3:1)."""
GRID = "#dfe1e2"
"""Grid lines are a reading aid only, so they may be faint."""
FONT = "Source Sans Pro Web, Helvetica Neue, Helvetica, Roboto, Arial, sans-serif"


def number(value: float) -> str:
    """A coordinate or a value with at most one decimal and no trailing zeros."""
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


def attributes(values: dict[str, str | float]) -> str:
    """` name="value"` for each attribute; underscores become hyphens (stroke_width)."""
    parts = []
    for name, value in values.items():
        shown = number(value) if isinstance(value, int | float) else value
        parts.append(f' {name.rstrip("_").replace("_", "-")}="{escape(shown)}"')
    return "".join(parts)


def element(name: str, **values: str | float) -> str:
    """An empty element: `<rect x="1" .../>`."""
    return f"<{name}{attributes(values)}/>"


def text(content: str, **values: str | float) -> str:
    """A text element whose content is escaped."""
    return f"<text{attributes(values)}>{escape(content)}</text>"


def group(children: Iterable[str], **values: str | float) -> str:
    """A `<g>` around the children."""
    return f"<g{attributes(values)}>{''.join(children)}</g>"


def image(chart_id: str, title: str, description: str, body: Iterable[str]) -> Markup:
    """The `<svg>` image: named by its title and described by its description."""
    head = (
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" id="{escape(chart_id)}"'
        f' aria-labelledby="{escape(chart_id)}-title {escape(chart_id)}-desc"'
        f' viewBox="0 0 {WIDTH} {HEIGHT}" width="100%"'
        f' font-family="{FONT}" font-size="16" fill="{INK}">'
        f'<title id="{escape(chart_id)}-title">{escape(title)}</title>'
        f'<desc id="{escape(chart_id)}-desc">{escape(description)}</desc>'
    )
    return Markup(head + "".join(body) + "</svg>")  # noqa: S704 - every part is escaped above
