"""A personal estimate for one case: how long cases like it take, and when to ask about it.

The times are the public processing times (projections/processing_times.py) of the
case's form at its office; when that office has decided too few such cases, the times
of every office stand in, and the page says so. The case may be asked about once it has
waited longer than 80% of cases took, the same rule as the processing-times page.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Protocol

from immportal.services.analytics.ports import ProcessingTime

DAYS_PER_MONTH = 365.25 / 12


class ProcessingTimes(Protocol):
    """The processing time of a form at an office (or at every office when None)."""

    async def __call__(
        self, *, form_type: str, office: str | None, now: datetime
    ) -> ProcessingTime:
        """The median and 80th percentile of the decisions of the months before `now`."""
        ...


def whole_months(days: int) -> int:
    """Days as months, rounded up: "within N months" must not promise too little."""
    return max(1, math.ceil(days / DAYS_PER_MONTH))


@dataclass(frozen=True)
class CaseEstimate:
    """How long cases like this one take, and how long this one has waited."""

    time: ProcessingTime | None
    """The times used, or None when there are too few decisions even over every office."""
    every_office: bool
    """Whether the office had too few decisions, so every office's times are used."""
    received_on: date | None
    today: date

    @property
    def days_waited(self) -> int | None:
        """Days since the case was received (accepted), or None before that."""
        return None if self.received_on is None else (self.today - self.received_on).days

    @property
    def months(self) -> tuple[int, int] | None:
        """(X, Y): half of the cases within X months, 80% within Y months."""
        if self.time is None:
            return None
        return whole_months(self.time.median_whole_days), whole_months(self.time.p80_whole_days)

    @property
    def inquiry_from(self) -> date | None:
        """The first day this case may be asked about, if the times and receipt are known."""
        if self.time is None or self.received_on is None:
            return None
        return self.received_on + timedelta(days=self.time.p80_whole_days)

    @property
    def may_ask(self) -> bool:
        """Whether the case has waited longer than 80% of cases like it."""
        return self.inquiry_from is not None and self.inquiry_from <= self.today


async def estimate_case(
    times: ProcessingTimes,
    *,
    form_type: str,
    office: str | None,
    accepted_at: datetime | None,
    now: datetime,
) -> CaseEstimate:
    """The estimate of a case of this form at this office, received at `accepted_at`."""
    received_on = None if accepted_at is None else accepted_at.date()
    found: ProcessingTime | None = None
    every_office = False
    if office is not None:
        at_office = await times(form_type=form_type, office=office, now=now)
        found = at_office if at_office.enough else None
    if found is None:
        everywhere = await times(form_type=form_type, office=None, now=now)
        found, every_office = (everywhere, True) if everywhere.enough else (None, False)
    return CaseEstimate(found, every_office, received_on, now.date())
