"""Rules across pages that forms share: dates that must come in order."""

from __future__ import annotations

from datetime import date

from immportal.domain.catalogue.model import Answers, Rule

Place = tuple[str, str]
"""Where an answer is saved: (section id, question name)."""


def dates_in_order(earlier: Place, later: Place, message: str) -> Rule:
    """A rule: once both dates are answered, the later one is not before the earlier one
    (arrival after birth); `message` says so when it is."""

    def check(answers: Answers) -> str | None:
        first, then = _day(answers, earlier), _day(answers, later)
        if first is not None and then is not None and then < first:
            return message
        return None

    return check


def _day(answers: Answers, place: Place) -> date | None:
    section, name = place
    value = answers.get(section, {}).get(name)
    try:
        return date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        # Not a date (an old draft's typing): its page says so, not this rule.
        return None
