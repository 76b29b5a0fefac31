"""Shapes that make a long password easy to guess: repeats, runs like 1234 and keyboard walks."""

from __future__ import annotations

import math

# A password counts as a run when this share of its characters sit in stretches where
# each next character repeats, steps (a-b, 3-2) or is the key next to the last one.
_RUN_SHARE = 0.75
_MIN_RUN = 3
_FEW_DISTINCT = 3
_DIGITS = "1234567890"

# QWERTY rows with the horizontal offset of each row, so diagonal neighbours (q-a, 1-q)
# are near too; that catches column walks like 1qaz2wsx as well as rows like qwerty.
_ROWS = (("1234567890-=", 0.0), ("qwertyuiop[]", 0.5), ("asdfghjkl;'", 0.75), ("zxcvbnm,./", 1.25))
_KEYS: dict[str, tuple[float, float]] = {
    key: (column + offset, float(row))
    for row, (keys, offset) in enumerate(_ROWS)
    for column, key in enumerate(keys)
}


def _keyboard_neighbours(a: str, b: str) -> bool:
    if a not in _KEYS or b not in _KEYS:
        return False
    return math.dist(_KEYS[a], _KEYS[b]) <= 1.2


def _step(a: str, b: str) -> bool:
    if a in _DIGITS and b in _DIGITS:
        # 1234567890 is typed along the number row, so 9 -> 0 -> 1 counts as a step.
        gap = (_DIGITS.index(b) - _DIGITS.index(a)) % len(_DIGITS)
        return gap in (1, len(_DIGITS) - 1)
    return a.isalpha() and b.isalpha() and abs(ord(a) - ord(b)) == 1


def _easy_pair(a: str, b: str) -> bool:
    return a == b or _step(a, b) or _keyboard_neighbours(a, b)


def is_run(text: str) -> bool:
    """Whether most of the text is made of runs like aaa, abc, 321, qwe or the column walk qaz."""
    covered, start = 0, 0
    for end in range(1, len(text) + 1):
        if end == len(text) or not _easy_pair(text[end - 1], text[end]):
            # Only stretches of three or more count: any two letters may happen to touch.
            covered += end - start if end - start >= _MIN_RUN else 0
            start = end
    return len(text) >= _MIN_RUN and covered >= _RUN_SHARE * len(text)


def is_repetition(text: str, *, shorter_than: int) -> bool:
    """Whether the text is one short unit said over and over (abcabcabc, 2020202020)."""
    for size in range(1, min(shorter_than, len(text) // 2 + 1)):
        unit, times = text[:size], len(text) // size
        if len(text) % size == 0 and unit * times == text:
            return True
    return False


def has_few_characters(text: str) -> bool:
    """Whether the text uses no more than three different characters (aaaabbbbaaaa)."""
    return len(set(text)) <= _FEW_DISTINCT
