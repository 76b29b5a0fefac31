"""Every row of the fee table: the answers that reach it, the amount, the reason and the flags."""

from datetime import date
from typing import Any, NamedTuple

import pytest

from immportal.domain.cases.forms import FormType
from immportal.domain.payments.fee_rules import RULES, Confidence
from immportal.domain.payments.fee_situation import category_label
from immportal.domain.payments.fees import assess_fee, fee_for, format_cents

TODAY = date(2026, 12, 6)
"""After the first inflation adjustment of the statutory fees (January 1, 2026)."""


def i765(category: str, request: str = "initial", **eligibility: str) -> dict[str, Any]:
    """I-765 answers: the request and the category (with its follow-up answers)."""
    return {"reason": {"reason": request}, "eligibility": {"category": category, **eligibility}}


class Row(NamedTuple):
    """One situation, and the fee it must come to."""

    rule_id: str
    form_type: FormType
    answers: dict[str, Any]
    amount_cents: int
    reason: str
    waiver_allowed: bool
    reduced_fee_possible: bool = False


LAW = "set by law, which cannot be waived"
TABLE = [
    Row(
        "i765-c9-before-rule",
        FormType.I765,
        i765("c9", i485_filed_on="2023-11-02"),
        0,
        "(c)(9) with a pending I-485 filed before April 1, 2024, whose fee covers this card",
        False,
    ),
    Row(
        "i765-c9-before-rule",
        FormType.I765,
        i765("c16", "renewal", i485_filed_on="2024-03-31"),
        0,
        "(c)(16) with a pending I-485 filed before April 1, 2024, whose fee covers this card",
        False,
    ),
    Row(
        "i765-c9-pending-i485",
        FormType.I765,
        i765("c9", i485_filed_on="2024-04-01"),
        26_000,
        "(c)(9) with a pending I-485 filed on or after April 1, 2024",
        True,
    ),
    Row(
        "i765-c9-pending-i485",
        FormType.I765,
        i765("c9"),
        26_000,
        "(c)(9) with a pending I-485 filed on or after April 1, 2024",
        True,
    ),
    Row(
        "i765-c8-first",
        FormType.I765,
        i765("c8"),
        56_000,
        f"(c)(8) pending asylum application, first card: no filing fee; plus $560.00 {LAW}",
        False,
    ),
    Row(
        "i765-c8-renewal",
        FormType.I765,
        i765("c8", "renewal"),
        74_500,
        f"(c)(8) pending asylum application, renewal; plus $275.00 {LAW}",
        True,
    ),
    Row(
        "i765-c8-replacement",
        FormType.I765,
        i765("c8", "replacement"),
        47_000,
        "(c)(8) pending asylum application, replacement card",
        True,
    ),
    Row(
        "i765-a4-first",
        FormType.I765,
        i765("a4"),
        56_000,
        f"(a)(4) paroled as a refugee, first card: no filing fee; plus $560.00 {LAW}",
        False,
    ),
    Row(
        "i765-c11-first",
        FormType.I765,
        i765("c11"),
        103_000,
        f"(c)(11) parole, first card; plus $560.00 {LAW}",
        True,
    ),
    Row(
        "i765-c11-renewal",
        FormType.I765,
        i765("c11", "renewal"),
        75_000,
        f"(c)(11) parole, renewal; plus $280.00 {LAW}",
        True,
    ),
    Row(
        "i765-tps-first",
        FormType.I765,
        i765("c19"),
        103_000,
        f"(c)(19) Temporary Protected Status, first card; plus $560.00 {LAW}",
        True,
    ),
    Row(
        "i765-tps-renewal",
        FormType.I765,
        i765("a12", "renewal"),
        75_000,
        f"(a)(12) Temporary Protected Status, renewal; plus $280.00 {LAW}",
        True,
    ),
    Row(
        "i765-survivors",
        FormType.I765,
        i765("c31", "replacement"),
        0,
        "(c)(31): no fee for victims of trafficking or crime and VAWA self-petitioners",
        False,
    ),
    Row(
        "i765-exempt-first-renewal",
        FormType.I765,
        i765("a10", "renewal"),
        0,
        "(a)(10): no fee for a first card or a renewal",
        False,
    ),
    Row(
        "i765-exempt-first",
        FormType.I765,
        i765("a5"),
        0,
        "(a)(5), first card: no fee",
        False,
    ),
    Row(
        "i765-daca",
        FormType.I765,
        i765("c33", "renewal"),
        47_000,
        "(c)(33) Deferred Action for Childhood Arrivals (no fee waiver for this category)",
        False,
    ),
    Row(
        "i765-standard",
        FormType.I765,
        i765("c3c"),
        47_000,
        "Standard fee for filing Form I-765 online",
        True,
    ),
    Row(
        "i765-standard",
        FormType.I765,
        i765("a5", "renewal"),
        47_000,
        "Standard fee for filing Form I-765 online",
        True,
    ),
    Row(
        "n400-military",
        FormType.N400,
        {"eligibility": {"basis": "military"}, "fee": {"reduced_fee": "yes"}},
        0,
        "Naturalization through service in the U.S. armed forces (INA 328 or 329): no fee",
        False,
    ),
    Row(
        "n400-reduced",
        FormType.N400,
        {"eligibility": {"basis": "five_years"}, "fee": {"reduced_fee": "yes"}},
        38_000,
        "Reduced fee: household income at or below 400% of the Federal Poverty Guidelines",
        False,
    ),
    Row(
        "n400-standard",
        FormType.N400,
        {"eligibility": {"basis": "five_years"}, "fee": {"reduced_fee": "no"}},
        71_000,
        "Standard fee for filing Form N-400 online",
        True,
        reduced_fee_possible=True,
    ),
    Row(
        "i130-standard",
        FormType.I130,
        {},
        62_500,
        "Standard fee for filing Form I-130 online (no fee waiver for this form)",
        False,
    ),
    Row(
        "i90-uscis-error",
        FormType.I90,
        {"reason": {"reason": "uscis_error"}},
        0,
        "Replacing a card with a mistake made by USCIS: no fee",
        False,
    ),
    Row(
        "i90-standard",
        FormType.I90,
        {"reason": {"reason": "lost"}},
        41_500,
        "Standard fee for filing Form I-90 online",
        True,
    ),
]


class TestEveryRule:
    """Each row of the table is reached by the answers that should reach it."""

    @pytest.mark.parametrize("row", TABLE, ids=[f"{r.rule_id}-{i}" for i, r in enumerate(TABLE)])
    def test_row(self, row: Row) -> None:
        """Rule, amount, reason, and whether a waiver or the reduced fee may be asked for."""
        fee = assess_fee(row.form_type, row.answers, TODAY)
        expected = (
            row.rule_id,
            row.amount_cents,
            row.reason,
            row.waiver_allowed,
            row.reduced_fee_possible,
        )
        assert expected == (
            fee.rule_id,
            fee.amount_cents,
            fee.reason,
            fee.waiver_allowed,
            fee.reduced_fee_possible,
        )

    def test_the_table_covers_every_rule(self) -> None:
        """No row of the schedule goes untested."""
        assert sorted(rule.rule_id for rule in RULES) == sorted({row.rule_id for row in TABLE})

    def test_rule_ids_are_unique(self) -> None:
        """A rule id names one row, so a case's recorded rule is unambiguous."""
        ids = [rule.rule_id for rule in RULES]
        assert len(ids) == len(set(ids))

    def test_each_form_ends_with_its_standard_fee(self) -> None:
        """Whatever the answers, some row decides the fee."""
        last = {rule.form_type: rule.rule_id for rule in RULES}
        expected = {form: f"{form.value.replace('-', '').lower()}-standard" for form in FormType}
        assert expected == last


class TestStatutoryFees:
    """Public Law 119-21's fees follow the filing date and are never waived."""

    @pytest.mark.parametrize(
        ("filed_on", "expected"),
        [
            (date(2025, 7, 21), (0, 1)),
            (date(2025, 7, 22), (55_000, 2)),
            (date(2025, 12, 31), (55_000, 2)),
            (date(2026, 1, 1), (56_000, 2)),
        ],
    )
    def test_first_asylum_card(self, filed_on: date, expected: tuple[int, int]) -> None:
        """Nothing before July 22, 2025; $550 to the end of 2025; $560 from 2026."""
        fee = assess_fee(FormType.I765, i765("c8"), filed_on)
        assert expected == (fee.amount_cents, len(fee.parts))

    def test_renewal_of_asylum_card_kept_its_amount(self) -> None:
        """The asylum renewal fee stayed $275 in 2026; the TPS one went to $280."""
        asylum = assess_fee(FormType.I765, i765("c8", "renewal"), TODAY)
        tps = assess_fee(FormType.I765, i765("a12", "renewal"), date(2025, 9, 1))
        assert (27_500, 27_500) == (asylum.unwaivable_cents, tps.unwaivable_cents)

    def test_parts_name_the_waivable_fee(self) -> None:
        """A TPS first card: the $470 filing fee may be waived, the $560 may not."""
        fee = assess_fee(FormType.I765, i765("a12"), TODAY)
        parts = [(part.display, part.waivable) for part in fee.parts]
        assert [("$470.00", True), ("$560.00", False)] == parts
        assert 56_000 == fee.unwaivable_cents


class TestExemptions:
    """A fee of nothing means no payment step."""

    def test_exempt_flag(self) -> None:
        """Only a $0 total is exempt: a (c)(8) first card still owes the statutory fee."""
        asylee = assess_fee(FormType.I765, i765("a5"), TODAY)
        asylum = assess_fee(FormType.I765, i765("c8"), TODAY)
        assert (True, False) == (asylee.exempt, asylum.exempt)


class TestConfidence:
    """Each row says how well it is sourced, and the unverified ones are the documented ones."""

    def test_unverified_rows(self) -> None:
        """The rows recalled from the G-1055 and not checked again."""
        unverified = {rule.rule_id for rule in RULES if rule.confidence is Confidence.UNVERIFIED}
        expected = {
            "i765-c8-replacement",
            "i765-a4-first",
            "i765-c11-first",
            "i765-c11-renewal",
            "i765-survivors",
            "i765-exempt-first-renewal",
            "i765-exempt-first",
            "n400-military",
        }
        assert expected == unverified


class TestStandardFees:
    """The list of forms shows each form's standard fee."""

    def test_amounts_and_waivers(self) -> None:
        """I-90 $415, I-765 $470, I-130 $625 (no waiver), N-400 $710."""
        shown = {
            form.value: (fee_for(form).display, fee_for(form).waiver_available) for form in FormType
        }
        expected = {
            "I-90": ("$415.00", True),
            "I-765": ("$470.00", True),
            "I-130": ("$625.00", False),
            "N-400": ("$710.00", True),
        }
        assert expected == shown


class TestLabels:
    """Category codes as the form writes them."""

    @pytest.mark.parametrize(
        ("code", "label"),
        [("c9", "(c)(9)"), ("a12", "(a)(12)"), ("c3c", "(c)(3)(C)"), ("c17iii", "(c)(17)(iii)")],
    )
    def test_label(self, code: str, label: str) -> None:
        """Letters and numbers in brackets; sub-items upper case, roman numerals lower."""
        assert label == category_label(code)

    def test_money(self) -> None:
        """Dollars with a thousands separator and cents."""
        assert "$1,030.00" == format_cents(103_000)
