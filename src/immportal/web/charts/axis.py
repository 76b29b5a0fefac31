"""Axis arithmetic: a round top for a count axis, and how many category labels fit."""

import math

_STEPS = (1, 2, 2.5, 5)
MAX_TICKS = 5


def count_axis(largest: float) -> tuple[int, int]:
    """The axis top and tick step for counts up to `largest`: whole, round, at most 5 steps.

    An axis with nothing to show still runs from 0 to 1, so that it can be drawn.
    """
    if largest <= 1:
        return 1, 1
    magnitude = 10 ** math.floor(math.log10(largest))
    for scale in (magnitude / 10, magnitude, magnitude * 10):
        for factor in _STEPS:
            step = factor * scale
            # Steps of 2.5 only where they stay whole (25, 250...).
            if step < 1 or step != int(step):
                continue
            if math.ceil(largest / step) <= MAX_TICKS:
                return int(math.ceil(largest / step) * step), int(step)
    raise AssertionError("unreachable: ten times the magnitude always fits")


def label_every(count: int, room: int) -> int:
    """Label one category in this many so that at most `room` labels are drawn."""
    return max(1, math.ceil(count / max(room, 1)))
