"""What every form shares: the sections about you, your contact details and who helped
you, the questions several forms ask, and the declaration each form ends with."""

from immportal.domain.catalogue.common.about_you import (
    APPLICANT,
    SEX,
    SEX_HINT,
    BirthPlace,
    DateOfBirth,
    Numbers,
    Sex,
    YourName,
    about_you_pages,
    other_names_pages,
)
from immportal.domain.catalogue.common.biographics import Biographics
from immportal.domain.catalogue.common.contact import (
    CONTACT,
    Address,
    EmailAndPhone,
    MailingAddress,
    contact_pages,
)
from immportal.domain.catalogue.common.statement import STATEMENT, statement_pages
from immportal.i18n import N_

DECLARATION = N_(
    "I certify, under penalty of perjury, that all of the information in my application and "
    "any document submitted with it were provided or authorized by me, that I reviewed and "
    "understand all of the information in my application, and that all of this information "
    "is complete, true, and correct."
)
"""The applicant's statement each form ends with, confirmed on the declaration page."""

__all__ = [
    "APPLICANT",
    "CONTACT",
    "DECLARATION",
    "SEX",
    "SEX_HINT",
    "STATEMENT",
    "Address",
    "Biographics",
    "BirthPlace",
    "DateOfBirth",
    "EmailAndPhone",
    "MailingAddress",
    "Numbers",
    "Sex",
    "YourName",
    "about_you_pages",
    "contact_pages",
    "other_names_pages",
    "statement_pages",
]
