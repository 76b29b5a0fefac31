"""The plotting area of a chart: where values fall, the count axis and the category labels."""

from collections.abc import Sequence
from dataclasses import dataclass

from immportal.web.charts.axis import count_axis, label_every
from immportal.web.charts.svg import AXIS, GRID, HEIGHT, WIDTH, element, number, text

LABEL_ROOM = 5
"""Category labels drawn under the axis at most (about 100 px each)."""
NO_DATA = "Nothing to chart for these choices."


@dataclass(frozen=True)
class Plot:
    """The rectangle inside the margins, and the top of its count axis."""

    left: float
    top: float
    right: float
    bottom: float
    y_top: int
    y_step: int

    @classmethod
    def inside(
        cls, largest: float, *, left: float = 64, right: float = 16, top: float = 40
    ) -> "Plot":
        """The area inside the chart's margins, for counts up to `largest`."""
        y_top, y_step = count_axis(largest)
        return cls(left, top, WIDTH - right, HEIGHT - 56, y_top, y_step)

    @property
    def width(self) -> float:
        """Width of the area."""
        return self.right - self.left

    def y(self, value: float) -> float:
        """The vertical position of a count."""
        return self.bottom - (self.bottom - self.top) * value / self.y_top

    def band(self, count: int) -> float:
        """The width of each of `count` equal categories."""
        return self.width / count

    def centre(self, index: int, count: int) -> float:
        """The middle of category `index` of `count`."""
        return self.left + self.band(count) * (index + 0.5)

    def count_axis(self, label: str) -> list[str]:
        """Grid lines and tick labels of the count axis, and its title turned upright."""
        parts = []
        for tick in range(0, self.y_top + 1, self.y_step):
            y = self.y(tick)
            parts.append(element("line", x1=self.left, x2=self.right, y1=y, y2=y, stroke=GRID))
            parts.append(text(str(tick), x=self.left - 8, y=y + 5, text_anchor="end"))
        middle = (self.top + self.bottom) / 2
        parts.append(
            text(
                label,
                x=16,
                y=middle,
                text_anchor="middle",
                transform=f"rotate(-90 16 {number(middle)})",
            )
        )
        return parts

    def baseline(self) -> str:
        """The line the values stand on."""
        return element(
            "line", x1=self.left, x2=self.right, y1=self.bottom, y2=self.bottom, stroke=AXIS
        )

    def category_labels(self, labels: Sequence[str], title: str) -> list[str]:
        """Labels under some categories (as many as fit), and the axis title below them."""
        every = label_every(len(labels), LABEL_ROOM)
        parts = [
            text(label, x=self.centre(i, len(labels)), y=self.bottom + 20, text_anchor="middle")
            for i, label in enumerate(labels)
            if i % every == 0
        ]
        parts.append(self.axis_title(title))
        return parts

    def axis_title(self, title: str) -> str:
        """The title under the horizontal axis."""
        return text(title, x=(self.left + self.right) / 2, y=HEIGHT - 10, text_anchor="middle")


def no_data() -> list[str]:
    """What an empty chart shows instead of axes."""
    return [text(NO_DATA, x=WIDTH / 2, y=HEIGHT / 2, text_anchor="middle")]
