"""The fee rules of the online filings the portal takes: one row per form, category and situation.

Rows are tried in order and the first that matches decides; each form ends with its
standard fee, which matches everything. Amounts are US cents. Where each row comes from,
and how sure it is, is in the row (`confidence`) and in immportal.domain.payments.fees.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from immportal.domain.cases.forms import FormType
from immportal.domain.payments.fee_situation import Situation

HR1_FROM = date(2025, 7, 22)
"""Public Law 119-21's fees apply to filings from this day (FR 2025-13738)."""
FY2026_FROM = date(2026, 1, 1)
"""The first inflation adjustment of those fees took effect on this day (FR 2025-20622)."""


class Confidence(StrEnum):
    """How well a row is sourced."""

    VERIFIED = "verified"
    """A primary source, or two sources that agree."""
    SINGLE_SOURCE = "single source"
    UNVERIFIED = "unverified"
    """Recalled from the G-1055 and not checked against it again; see the fees module."""


@dataclass(frozen=True)
class StatutoryFee:
    """A fee set by Public Law 119-21: due on top of the filing fee, and never waived."""

    label: str
    amounts: tuple[tuple[date, int], ...]
    """(first day, cents) in date order; the last amount holds until the table is updated."""

    def on(self, filed_on: date) -> int:
        """The amount due for a filing on that day (0 before the law applied)."""
        due = 0
        for first_day, cents in self.amounts:
            if filed_on >= first_day:
                due = cents
        return due


@dataclass(frozen=True)
class FeeRule:
    """One row of the schedule: when it applies, what it costs and why."""

    rule_id: str
    form_type: FormType
    reason: str
    """Why this fee, in words the applicant reads; `{category}` is the I-765 category."""
    base_cents: int
    waivable: bool = True
    """Whether Form I-912 may waive the filing fee (never the statutory fee)."""
    categories: frozenset[str] = frozenset()
    """I-765 categories the row is for; empty for any."""
    requests: frozenset[str] = frozenset()
    """I-765 requests (initial, renewal, replacement) or I-90 reasons; empty for any."""
    when: Callable[[Situation], bool] | None = None
    statutory: StatutoryFee | None = None
    reduced_fee_possible: bool = False
    confidence: Confidence = Confidence.VERIFIED

    def matches(self, situation: Situation) -> bool:
        """Whether this row decides the fee of the situation."""
        return (
            situation.form_type is self.form_type
            and (not self.categories or situation.category in self.categories)
            and (not self.requests or situation.request in self.requests)
            and (self.when is None or self.when(situation))
        )


_RULE = "Public Law 119-21"
ASYLUM_FIRST = StatutoryFee(
    f"Fee for a first work permit while asylum is pending ({_RULE})",
    ((HR1_FROM, 55_000), (FY2026_FROM, 56_000)),
)
# Two secondary reports say the renewal fee was not raised for fiscal year 2026.
ASYLUM_RENEWAL = StatutoryFee(
    f"Fee for renewing a work permit while asylum is pending ({_RULE})", ((HR1_FROM, 27_500),)
)
PAROLE_FIRST = StatutoryFee(
    f"Fee for a first work permit of a parolee ({_RULE})",
    ((HR1_FROM, 55_000), (FY2026_FROM, 56_000)),
)
PAROLE_RENEWAL = StatutoryFee(
    f"Fee for renewing the work permit of a parolee ({_RULE})",
    ((HR1_FROM, 27_500), (FY2026_FROM, 28_000)),
)
TPS_FIRST = StatutoryFee(
    f"Fee for a first work permit under Temporary Protected Status ({_RULE})",
    ((HR1_FROM, 55_000), (FY2026_FROM, 56_000)),
)
TPS_RENEWAL = StatutoryFee(
    f"Fee for renewing a work permit under Temporary Protected Status ({_RULE})",
    ((HR1_FROM, 27_500), (FY2026_FROM, 28_000)),
)

_I765, _N400, _I130, _I90 = FormType.I765, FormType.N400, FormType.I130, FormType.I90
_FIRST, _RENEWAL, _REPLACEMENT = (
    frozenset({"initial"}),
    frozenset({"renewal"}),
    frozenset({"replacement"}),
)
_ADJUSTING = frozenset({"c9", "c16"})
_TPS = frozenset({"a12", "c19"})
# T and U nonimmigrants, VAWA self-petitioners and bona fide T applicants: the 2024 rule
# exempts the filings tied to their status, the work permit included.
_SURVIVORS = frozenset({"a16", "c25", "c40", "a19", "a20", "c31"})
_EXEMPT_FIRST_AND_RENEWAL = frozenset({"a8", "a10", "c1", "c4", "c7"})
_EXEMPT_FIRST = frozenset({"a3", "a5", "a7"})
_U = Confidence.UNVERIFIED


def _i485_before_rule(situation: Situation) -> bool:
    return situation.i485_before_rule


def _military(situation: Situation) -> bool:
    return situation.basis == "military"


def _reduced(situation: Situation) -> bool:
    return situation.reduced_fee


RULES: tuple[FeeRule, ...] = (
    # Form I-765, Application for Employment Authorization.
    FeeRule(
        "i765-c9-before-rule",
        _I765,
        "{category} with a pending I-485 filed before April 1, 2024, whose fee covers this card",
        0,
        categories=_ADJUSTING,
        when=_i485_before_rule,
        confidence=Confidence.SINGLE_SOURCE,
    ),
    FeeRule(
        "i765-c9-pending-i485",
        _I765,
        "{category} with a pending I-485 filed on or after April 1, 2024",
        26_000,
        categories=_ADJUSTING,
    ),
    FeeRule(
        "i765-c8-first",
        _I765,
        "(c)(8) pending asylum application, first card: no filing fee",
        0,
        categories=frozenset({"c8"}),
        requests=_FIRST,
        statutory=ASYLUM_FIRST,
    ),
    FeeRule(
        "i765-c8-renewal",
        _I765,
        "(c)(8) pending asylum application, renewal",
        47_000,
        categories=frozenset({"c8"}),
        requests=_RENEWAL,
        statutory=ASYLUM_RENEWAL,
    ),
    # Whether the law's fee applies to a replacement card is not settled; none is charged.
    FeeRule(
        "i765-c8-replacement",
        _I765,
        "(c)(8) pending asylum application, replacement card",
        47_000,
        categories=frozenset({"c8"}),
        requests=_REPLACEMENT,
        confidence=_U,
    ),
    FeeRule(
        "i765-a4-first",
        _I765,
        "(a)(4) paroled as a refugee, first card: no filing fee",
        0,
        categories=frozenset({"a4"}),
        requests=_FIRST,
        statutory=PAROLE_FIRST,
        confidence=_U,
    ),
    FeeRule(
        "i765-c11-first",
        _I765,
        "(c)(11) parole, first card",
        47_000,
        categories=frozenset({"c11"}),
        requests=_FIRST,
        statutory=PAROLE_FIRST,
        confidence=_U,
    ),
    FeeRule(
        "i765-c11-renewal",
        _I765,
        "(c)(11) parole, renewal",
        47_000,
        categories=frozenset({"c11"}),
        requests=_RENEWAL,
        statutory=PAROLE_RENEWAL,
        confidence=_U,
    ),
    FeeRule(
        "i765-tps-first",
        _I765,
        "{category} Temporary Protected Status, first card",
        47_000,
        categories=_TPS,
        requests=_FIRST,
        statutory=TPS_FIRST,
    ),
    FeeRule(
        "i765-tps-renewal",
        _I765,
        "{category} Temporary Protected Status, renewal",
        47_000,
        categories=_TPS,
        requests=_RENEWAL,
        statutory=TPS_RENEWAL,
    ),
    FeeRule(
        "i765-survivors",
        _I765,
        "{category}: no fee for victims of trafficking or crime and VAWA self-petitioners",
        0,
        categories=_SURVIVORS,
        confidence=_U,
    ),
    FeeRule(
        "i765-exempt-first-renewal",
        _I765,
        "{category}: no fee for a first card or a renewal",
        0,
        categories=_EXEMPT_FIRST_AND_RENEWAL,
        requests=_FIRST | _RENEWAL,
        confidence=_U,
    ),
    FeeRule(
        "i765-exempt-first",
        _I765,
        "{category}, first card: no fee",
        0,
        categories=_EXEMPT_FIRST,
        requests=_FIRST,
        confidence=_U,
    ),
    FeeRule(
        "i765-daca",
        _I765,
        "(c)(33) Deferred Action for Childhood Arrivals (no fee waiver for this category)",
        47_000,
        waivable=False,
        categories=frozenset({"c33"}),
    ),
    FeeRule("i765-standard", _I765, "Standard fee for filing Form I-765 online", 47_000),
    # Form N-400, Application for Naturalization.
    FeeRule(
        "n400-military",
        _N400,
        "Naturalization through service in the U.S. armed forces (INA 328 or 329): no fee",
        0,
        when=_military,
        confidence=_U,
    ),
    # The reduced fee and a fee waiver cannot be asked for together.
    FeeRule(
        "n400-reduced",
        _N400,
        "Reduced fee: household income at or below 400% of the Federal Poverty Guidelines",
        38_000,
        waivable=False,
        when=_reduced,
    ),
    FeeRule(
        "n400-standard",
        _N400,
        "Standard fee for filing Form N-400 online",
        71_000,
        reduced_fee_possible=True,
    ),
    # Form I-130, Petition for Alien Relative: Form I-912 does not cover it.
    FeeRule(
        "i130-standard",
        _I130,
        "Standard fee for filing Form I-130 online (no fee waiver for this form)",
        62_500,
        waivable=False,
    ),
    # Form I-90, Application to Replace Permanent Resident Card.
    FeeRule(
        "i90-uscis-error",
        _I90,
        "Replacing a card with a mistake made by USCIS: no fee",
        0,
        requests=frozenset({"uscis_error"}),
        confidence=Confidence.SINGLE_SOURCE,
    ),
    FeeRule("i90-standard", _I90, "Standard fee for filing Form I-90 online", 41_500),
)
"""Every row, in the order they are tried."""


def rule_for(situation: Situation) -> FeeRule:
    """The first row that matches (every form's last row matches everything)."""
    return next(rule for rule in RULES if rule.matches(situation))
