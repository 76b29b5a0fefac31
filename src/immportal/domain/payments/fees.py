"""The filing fee of an application, from a table of rules (fee_rules.RULES), with its reason.

Which schedule the portal models. The USCIS Fee Schedule, Form G-1055, effective April 1,
2024 (the fee rule of January 31, 2024, 89 FR 6194), for online filing: the portal takes
applications online only, and online filing costs $50 less than paper where both exist.
Biometrics are part of each fee. On top of it, the statutory fees of Public Law 119-21
(July 2025) for some work permits, which cannot be waived and are due even when the filing
fee is nothing (FR 2025-13738, adjusted for inflation by FR 2025-20622 from January 1,
2026). Only those confirmed by two sources are charged: the first card and the renewal for
(c)(8) asylum applicants, for (a)(12)/(c)(19) TPS and for (c)(11)/(a)(4) parolees. Later
yearly adjustments are not known yet; the last known amount applies until the table is
updated. The $50 online saving, and TPS's own Form I-821 fees, are outside this table.

Rows sourced from the fee rule's text or two agreeing sources: I-765 standard $470,
(c)(9)/(c)(16) with a pending I-485 filed on or after April 1, 2024 $260, (c)(33) DACA $470
without a fee waiver, the (c)(8) first card with no filing fee; N-400 $710 and the reduced
$380; I-130 $625 without a fee waiver; I-90 $415; and which forms Form I-912 covers.

Rows from one source only: I-765 (c)(9)/(c)(16) $0 when the I-485 was filed before April 1,
2024 with its fee paid; I-90 $0 when the card has a mistake made by USCIS.

Rows NOT re-verified against the G-1055 (recalled from it; check them before relying on
them): the I-765 exemptions of refugees (a)(3), asylees (a)(5), (a)(7), (a)(8), (a)(10),
(c)(1), (c)(4), (c)(7), and of T, U and VAWA categories ((a)(16), (c)(25), (c)(40), (a)(19),
(a)(20), (c)(31)); the (a)(4) and (c)(11) filing fees (the statutory fee itself is
confirmed); no statutory fee on a (c)(8) replacement card; the N-400 military exemption
(INA 328 and 329). I-90 cards never received and cards of applicants turning 14 pay the
standard fee here; whether they should is not settled.

Departures from USCIS practice: USCIS takes the N-400 reduced fee and every fee waiver on
paper only; the portal takes both online, at the amounts above.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from immportal.domain.cases.forms import FormType
from immportal.domain.payments.fee_rules import Confidence, rule_for
from immportal.domain.payments.fee_situation import situation_of
from immportal.formatting import DEFAULT_LOCALE, money

SCHEDULE_NAME = "USCIS Fee Schedule (Form G-1055), effective April 1, 2024"
SCHEDULE_EFFECTIVE = date(2024, 4, 1)
CURRENCY = "USD"


@dataclass(frozen=True)
class FeePart:
    """One amount making up a fee: the filing fee, or a statutory fee on top of it."""

    label: str
    amount_cents: int
    waivable: bool

    @property
    def display(self) -> str:
        """The amount as people write it."""
        return format_cents(self.amount_cents)


@dataclass(frozen=True)
class FeeAssessment:
    """What filing this application online costs, and why."""

    form_type: FormType
    amount_cents: int
    reason: str
    rule_id: str
    waiver_allowed: bool
    """Whether a fee waiver (Form I-912) may be requested: the form allows it and there is
    a filing fee to waive."""
    reduced_fee_possible: bool
    """Whether the N-400 reduced fee may be asked for instead."""
    parts: tuple[FeePart, ...]
    confidence: Confidence

    @property
    def display(self) -> str:
        """The amount as people write it, such as $260.00."""
        return format_cents(self.amount_cents)

    @property
    def exempt(self) -> bool:
        """Nothing to pay: the signed application is filed without a payment step."""
        return self.amount_cents == 0

    @property
    def unwaivable_cents(self) -> int:
        """What stays due when a fee waiver is approved."""
        return sum(part.amount_cents for part in self.parts if not part.waivable)


def assess_fee(
    form_type: FormType | str, answers: Mapping[str, Mapping[str, Any]], filed_on: date
) -> FeeAssessment:
    """The fee of an application with these answers, filed online on that day."""
    situation = situation_of(form_type, answers, filed_on)
    rule = rule_for(situation)
    parts = [FeePart("Filing fee", rule.base_cents, rule.waivable)]
    reason = rule.reason.format(category=situation.category_label)
    statutory = rule.statutory.on(filed_on) if rule.statutory else 0
    if rule.statutory and statutory:
        parts.append(FeePart(rule.statutory.label, statutory, waivable=False))
        reason += f"; plus {format_cents(statutory)} set by law, which cannot be waived"
    return FeeAssessment(
        form_type=situation.form_type,
        amount_cents=sum(part.amount_cents for part in parts),
        reason=reason,
        rule_id=rule.rule_id,
        waiver_allowed=rule.waivable and rule.base_cents > 0,
        reduced_fee_possible=rule.reduced_fee_possible,
        parts=tuple(parts),
        confidence=rule.confidence,
    )


@dataclass(frozen=True)
class Fee:
    """A form's standard online fee, as the list of forms shows it before any answer."""

    form_type: FormType
    amount_cents: int
    waiver_available: bool
    """Whether a fee waiver (Form I-912) may be requested for this form."""

    @property
    def display(self) -> str:
        """The amount as people write it, such as $415.00."""
        return format_cents(self.amount_cents)


def fee_for(form_type: FormType | str) -> Fee:
    """The standard online filing fee of a form (its own answers may change it)."""
    standard = assess_fee(form_type, {}, SCHEDULE_EFFECTIVE)
    return Fee(standard.form_type, standard.amount_cents, standard.waiver_allowed)


def format_cents(cents: int, locale: str = DEFAULT_LOCALE) -> str:
    """Cents as dollars with a thousands separator, such as $1,225.00 ($0 for none)."""
    return money(cents, locale)
