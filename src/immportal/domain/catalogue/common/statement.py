"""Who helped you: whether you read English, your interpreter and who filled in the form.

Every form ends with the applicant's statement, and the interpreter's and preparer's
parts; their signatures are not asked here (the applicant signs on the declaration page).
"""

from __future__ import annotations

from immportal.domain.catalogue.common.contact import Address
from immportal.domain.catalogue.entries import of, prefixed
from immportal.domain.catalogue.fields import (
    PageModel,
    choice,
    email,
    person_name,
    phone,
    text,
    yes_no,
)
from immportal.domain.catalogue.model import Page, Section, all_of, answered, needs
from immportal.domain.evidence.document_kinds import DocumentType
from immportal.i18n import N_

STATEMENT = Section(
    "statement",
    N_("Who helped you"),
    N_("Whether you read English, and anyone who interpreted or filled in the form for you."),
)
ROLES = {
    "attorney": N_("A lawyer or an accredited representative"),
    "not_attorney": N_("Someone else, such as a friend or a relative"),
}
EXTENT = {
    "extends": N_("They represent me in this case, beyond filling in this form"),
    "form_only": N_("They only filled in this form"),
}
_INTERPRETED = answered(STATEMENT.id, "reads_english", "no")
_PREPARED = answered(STATEMENT.id, "preparer_used", "yes")
_ATTORNEY = all_of(_PREPARED, answered(STATEMENT.id, "preparer_role", "attorney"))


class Language(PageModel):
    """Whether you read English."""

    reads_english: str = yes_no(
        N_("Can you read and understand English well enough to have answered every question?"),
        required=N_("Select yes if you read and understand English"),
        hint=N_(
            "If not, someone must read every question and your answers to you in a language "
            "you understand."
        ),
    )


class Interpreter(PageModel):
    """Your interpreter."""

    interpreter_language: str = text(
        N_("In which language did they read the form to you?"),
        required=N_("Enter the language"),
        max_length=50,
    )
    interpreter_given_name: str = person_name(
        N_("Interpreter's given name"), required=N_("Enter the interpreter's given name")
    )
    interpreter_family_name: str = person_name(
        N_("Interpreter's family name"), required=N_("Enter the interpreter's family name")
    )
    interpreter_organization: str | None = text(
        N_("Their business or organization (if any)"), required=None
    )
    interpreter_phone: str = phone(
        N_("Interpreter's telephone number"),
        required=N_("Enter the interpreter's telephone number"),
    )
    interpreter_mobile_phone: str | None = phone(
        N_("Interpreter's mobile phone (if different)"), required=None
    )
    interpreter_email: str | None = email(N_("Interpreter's email address (if any)"), required=None)


class Preparer(PageModel):
    """Whether someone filled in the form for you."""

    preparer_used: str = yes_no(
        N_("Did someone else fill in this application for you?"),
        required=N_("Select yes if someone else filled in this application"),
        hint=N_("Someone who typed or wrote your answers, such as a lawyer. Not an interpreter."),
    )


class PreparerDetails(PageModel):
    """Who filled in the form."""

    preparer_given_name: str = person_name(
        N_("Their given name"), required=N_("Enter the given name of the person who filled it in")
    )
    preparer_family_name: str = person_name(
        N_("Their family name"), required=N_("Enter the family name of the person who filled it in")
    )
    preparer_organization: str | None = text(
        N_("Their business or organization (if any)"), required=None
    )
    preparer_phone: str = phone(
        N_("Their telephone number"), required=N_("Enter their telephone number")
    )
    preparer_mobile_phone: str | None = phone(
        N_("Their mobile phone (if different)"), required=None
    )
    preparer_email: str | None = email(N_("Their email address (if any)"), required=None)
    preparer_role: str = choice(N_("Who are they?"), ROLES, required=N_("Select who they are"))


class Representation(PageModel):
    """How far the lawyer acts for you."""

    representation: str = choice(
        N_("Does your lawyer or representative act for you beyond this form?"),
        EXTENT,
        required=N_("Select whether they act for you beyond this form"),
    )


InterpreterAddress = prefixed(Address, "interpreter", of(N_("Interpreter's")))
PreparerAddress = prefixed(Address, "preparer", of(N_("Their")))


def statement_pages() -> tuple[Page, ...]:
    """The pages of the section every form ends with."""
    return (
        Page("language", STATEMENT.id, N_("Reading the form"), Language),
        Page("interpreter", STATEMENT.id, N_("Your interpreter"), Interpreter, _INTERPRETED),
        Page(
            "interpreter_address",
            STATEMENT.id,
            N_("What is your interpreter's address?"),
            InterpreterAddress,
            _INTERPRETED,
        ),
        Page("preparer", STATEMENT.id, N_("Did someone fill in the form for you?"), Preparer),
        Page(
            "preparer_details",
            STATEMENT.id,
            N_("Who filled in the form for you?"),
            PreparerDetails,
            _PREPARED,
        ),
        Page(
            "preparer_address",
            STATEMENT.id,
            N_("What is their address?"),
            PreparerAddress,
            _PREPARED,
        ),
        Page(
            "representation",
            STATEMENT.id,
            N_("Your lawyer or representative"),
            Representation,
            _ATTORNEY,
            documents=(
                needs(
                    DocumentType.SUPPLEMENT_FORM,
                    N_("Form G-28, signed by you and your lawyer or representative"),
                    N_("A lawyer or accredited representative acts for you in this case."),
                    answered(STATEMENT.id, "representation", "extends"),
                ),
            ),
        ),
    )
