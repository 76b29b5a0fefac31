"""What the public pages and estimates read: processing times of a form at an office.

Read models answer these (`projections.processing_times`); the services only consume them.
The analysts' dashboards read their own series (`services.analytics.dashboard`).
"""

import math
from dataclasses import dataclass
from datetime import date, timedelta

MIN_DECISIONS = 5
"""Fewer decisions than this say too little to publish a time."""


@dataclass(frozen=True)
class ProcessingTime:
    """How long decisions of one form (at one office, or all when None) took."""

    form_type: str | None
    office: str | None
    decisions: int
    median_days: float | None
    p80_days: float | None

    @property
    def enough(self) -> bool:
        """Whether there are enough decisions to publish the times."""
        return self.decisions >= MIN_DECISIONS and self.p80_days is not None

    @property
    def median_whole_days(self) -> int:
        """The median in whole days, rounded up: "half within M days"."""
        return math.ceil(self.median_days or 0)

    @property
    def p80_whole_days(self) -> int:
        """The 80th percentile in whole days, rounded up: "80% within N days"."""
        return math.ceil(self.p80_days or 0)

    def inquiry_receipt_date(self, today: date) -> date:
        """Cases received on or before this day have waited longer than 80% of cases."""
        return today - timedelta(days=self.p80_whole_days)
