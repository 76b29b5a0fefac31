"""The filing fee of each form, in US cents, as paid when filing online.

Source: USCIS Fee Schedule, Form G-1055, effective April 1, 2024 (the fee rule
published in the Federal Register on January 31, 2024, 89 FR 6194). Online filing
costs $50 less than paper for these forms; the biometric services fee is now part
of each form's fee rather than charged separately.

- I-90: $415 online ($465 on paper).
- I-765: $470 online ($520 on paper) for an initial request in most categories;
  some categories pay less or nothing (for example (c)(9) filed with a Form I-485
  after April 1, 2024), which this schedule does not model yet.
- I-130: $625 online ($675 on paper).
- N-400: $710 online ($760 on paper); a reduced fee ($380) exists for household
  incomes at or below 400% of the Federal Poverty Guidelines (Form I-942).

Fee waivers (Form I-912) are out of scope except for the flag below.
"""

from __future__ import annotations

from dataclasses import dataclass

from immportal.domain.cases.forms import FormType

SCHEDULE_NAME = "USCIS Fee Schedule (Form G-1055), effective April 1, 2024"
CURRENCY = "USD"


@dataclass(frozen=True)
class Fee:
    """What filing a form online costs."""

    form_type: FormType
    amount_cents: int
    waiver_available: bool
    """Whether a fee waiver (Form I-912) may be requested for this form."""

    @property
    def display(self) -> str:
        """The amount as people write it, such as $415.00."""
        return format_cents(self.amount_cents)


FEES: dict[FormType, Fee] = {
    FormType.I90: Fee(FormType.I90, 41_500, waiver_available=True),
    FormType.I765: Fee(FormType.I765, 47_000, waiver_available=True),
    FormType.I130: Fee(FormType.I130, 62_500, waiver_available=False),
    FormType.N400: Fee(FormType.N400, 71_000, waiver_available=True),
}


def fee_for(form_type: FormType | str) -> Fee:
    """The online filing fee of a form."""
    return FEES[FormType(form_type)]


def format_cents(cents: int) -> str:
    """Cents as dollars with a thousands separator, such as $1,225.00."""
    return f"${cents // 100:,}.{cents % 100:02d}"
