"""What a filing fee depends on, read from an application's answers.

The form's own answers say it: the I-765 eligibility category, whether the card is a first
one, a renewal or a replacement, and when a (c)(9) or (c)(16) applicant's Form I-485 was
filed; the N-400 basis, and whether the applicant asks for the reduced fee (its Part 10, in
the answers' `fee` section); the I-90 reason. Answers are read by their stable names; a
draft begun before a question was asked pays the fee of today's rule for it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from immportal.domain.cases.forms import FormType

FEE_SECTION = "fee"
"""The N-400's section of the reduced-fee question (Part 10)."""
FEE_RULE_FROM = date(2024, 4, 1)
"""A Form I-485 filed before this day paid a fee that also covers its work permits."""
REDUCED_FEE = "reduced_fee"
YES = "yes"

_CODE = re.compile(r"([ac])(\d+)([a-z]*)")
_ROMAN = frozenset({"i", "ii", "iii", "iv"})


@dataclass(frozen=True)
class Situation:
    """The facts a fee rule looks at."""

    form_type: FormType
    filed_on: date
    category: str = ""
    """The I-765 eligibility category as the catalogue codes it, such as `c9` or `c3c`."""
    request: str = ""
    """The I-765 request (`initial`, `renewal`, `replacement`) or the I-90 reason."""
    basis: str = ""
    """The N-400 basis of eligibility, such as `military`."""
    i485_before_rule: bool = False
    """A (c)(9) or (c)(16) applicant's Form I-485 was filed before April 1, 2024."""
    reduced_fee: bool = False
    """An N-400 applicant asks for the reduced fee (household income at most 400% of FPG)."""

    @property
    def category_label(self) -> str:
        """The category as the form writes it, such as (c)(9)."""
        return category_label(self.category)


def situation_of(
    form_type: FormType | str, answers: Mapping[str, Mapping[str, Any]], filed_on: date
) -> Situation:
    """The facts of one application's answers that its fee depends on."""
    form = FormType(form_type)
    fee = answers.get(FEE_SECTION, {})
    return Situation(
        form_type=form,
        filed_on=filed_on,
        category=_text(answers, "eligibility", "category") if form is FormType.I765 else "",
        request=_text(answers, "reason", "reason") if form in _REQUEST_FORMS else "",
        basis=_text(answers, "eligibility", "basis") if form is FormType.N400 else "",
        i485_before_rule=_before_rule(answers) if form is FormType.I765 else False,
        reduced_fee=form is FormType.N400 and fee.get(REDUCED_FEE) == YES,
    )


def category_label(code: str) -> str:
    """(c)(3)(C) for `c3c`, (c)(17)(ii) for `c17ii`; the code as it is if it is not one."""
    found = _CODE.fullmatch(code.strip().lower())
    if found is None:
        return code
    letter, number, sub = found.groups()
    label = f"({letter})({number})"
    if sub:
        label += f"({sub})" if sub in _ROMAN else f"({sub.upper()})"
    return label


_REQUEST_FORMS = frozenset({FormType.I765, FormType.I90})


def _before_rule(answers: Mapping[str, Mapping[str, Any]]) -> bool:
    # Drafts begun before the form asked the date have none: they pay the fee of today's rule.
    try:
        filed_on = date.fromisoformat(_text(answers, "eligibility", "i485_filed_on"))
    except ValueError:
        return False
    return filed_on < FEE_RULE_FROM


def _text(answers: Mapping[str, Mapping[str, Any]], section: str, name: str) -> str:
    value = answers.get(section, {}).get(name)
    return value.strip().lower() if isinstance(value, str) else ""
