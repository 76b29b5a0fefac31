"""N-400 Part 10: a reduced fee when the household's income is at or below 400% of the
Federal Poverty Guidelines."""

from __future__ import annotations

from immportal.domain.catalogue.fields import PageModel, number, person_name, yes_no
from immportal.domain.catalogue.model import Page, Section, all_of, answered, needs
from immportal.domain.evidence.document_kinds import DocumentType
from immportal.i18n import N_

FEE = Section(
    "fee", N_("Your fee"), N_("Part 10: a reduced fee if your household's income is low.")
)
"""The fee page of the filing journey keeps its answers in this section too (reduced_fee)."""


class ReducedFee(PageModel):
    """Whether you ask for the reduced fee."""

    reduced_fee: str = yes_no(
        N_(
            "Is your household's income at or below 400% of the Federal Poverty Guidelines, and "
            "do you want to pay the reduced fee?"
        ),
        required=N_("Select yes if you want to pay the reduced fee"),
        hint=N_("Not together with a fee waiver. You will send proof of your household's income."),
    )


class Household(PageModel):
    """Your household."""

    household_income: int = number(
        N_("Your household's total yearly income, in U.S. dollars"),
        noun=N_("Your household's income"),
        required=N_("Enter your household's yearly income"),
        most=10_000_000,
    )
    household_size: int = number(
        N_("How many people live in your household, including you?"),
        noun=N_("The size of your household"),
        required=N_("Enter how many people live in your household"),
        most=50,
    )
    household_earners: int = number(
        N_("How many of them earn an income, including you?"),
        noun=N_("The number of people who earn an income"),
        required=N_("Enter how many people earn an income"),
        most=50,
    )
    head_of_household: str = yes_no(
        N_("Are you the head of your household?"), required=N_("Select yes if you are the head")
    )


class HeadOfHousehold(PageModel):
    """Who heads the household."""

    head_of_household_name: str = person_name(
        N_("Name of the head of your household"), required=N_("Enter the name of the head")
    )


def fee_pages() -> tuple[Page, ...]:
    """Part 10."""
    reduced = answered(FEE.id, "reduced_fee", "yes")
    return (
        Page("reduced_fee", FEE.id, N_("A reduced fee"), ReducedFee),
        Page(
            "household",
            FEE.id,
            N_("Your household"),
            Household,
            reduced,
            documents=(
                needs(
                    DocumentType.INCOME_PROOF,
                    N_("Proof of your household's income: tax transcripts or W-2s, or pay stubs"),
                    N_("You ask for the reduced fee."),
                ),
            ),
        ),
        Page(
            "head_of_household",
            FEE.id,
            N_("The head of your household"),
            HeadOfHousehold,
            all_of(reduced, answered(FEE.id, "head_of_household", "no")),
        ),
    )
