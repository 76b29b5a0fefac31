"""What each kind of request asks, as frozen values: expedite, correction, accommodation."""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, model_validator

from immportal.domain.correspondence.text import check_plain_text

EXPLANATION_MAX_LENGTH = 2000
SHORT_MAX_LENGTH = 500


class RequestKind(StrEnum):
    """The requests a person can make about their case."""

    EXPEDITE = "expedite"
    CORRECTION = "correction"
    ACCOMMODATION = "accommodation"


class ExpediteCriterion(StrEnum):
    """The grounds on which USCIS considers expediting a case (USCIS Policy Manual 1 A 2)."""

    SEVERE_FINANCIAL_LOSS = "severe_financial_loss"
    URGENT_HUMANITARIAN = "urgent_humanitarian"
    NONPROFIT_NATIONAL_INTEREST = "nonprofit_national_interest"
    GOVERNMENT_INTEREST = "government_interest"
    AGENCY_ERROR = "agency_error"


CRITERION_WORDS: Mapping[ExpediteCriterion, str] = {
    ExpediteCriterion.SEVERE_FINANCIAL_LOSS: "Severe financial loss to a company or a person",
    ExpediteCriterion.URGENT_HUMANITARIAN: "Urgent humanitarian reasons",
    ExpediteCriterion.NONPROFIT_NATIONAL_INTEREST: (
        "A nonprofit organization's request in the cultural or social interests of the"
        " United States"
    ),
    ExpediteCriterion.GOVERNMENT_INTEREST: "The interests of the U.S. government",
    ExpediteCriterion.AGENCY_ERROR: "A clear error on our part",
}


class AppointmentKind(StrEnum):
    """Which appointment an accommodation is for."""

    BIOMETRICS = "biometrics"
    INTERVIEW = "interview"
    ANY = "any"


APPOINTMENT_WORDS: Mapping[AppointmentKind, str] = {
    AppointmentKind.BIOMETRICS: "My biometrics appointment (fingerprints and photo)",
    AppointmentKind.INTERVIEW: "My interview",
    AppointmentKind.ANY: "Every appointment for this case",
}


class AccommodationNeed(StrEnum):
    """What kind of help a person needs at an appointment."""

    MOBILITY = "mobility"
    HEARING = "hearing"
    VISION = "vision"
    OTHER = "other"


NEED_WORDS: Mapping[AccommodationNeed, str] = {
    AccommodationNeed.MOBILITY: "Wheelchair access or other help getting around",
    AccommodationNeed.HEARING: "A sign language interpreter or other help for deaf or hard of"
    " hearing people",
    AccommodationNeed.VISION: "Help for blind or low-vision people",
    AccommodationNeed.OTHER: "Something else",
}


def _explanation(value: str) -> str:
    return check_plain_text(
        value, what="the explanation", max_length=EXPLANATION_MAX_LENGTH, required=False
    )


def _required_explanation(value: str) -> str:
    return check_plain_text(value, what="the explanation", max_length=EXPLANATION_MAX_LENGTH)


def _short(value: str) -> str:
    return check_plain_text(value, what="this answer", max_length=SHORT_MAX_LENGTH)


Explanation = Annotated[str, AfterValidator(_explanation)]
RequiredExplanation = Annotated[str, AfterValidator(_required_explanation)]
Short = Annotated[str, AfterValidator(_short)]


class RequestDetails(BaseModel):
    """What every kind of request has in common: frozen, nothing beyond its own fields."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    kind: RequestKind


class ExpediteDetails(RequestDetails):
    """Why the case should be decided sooner: one of the criteria, and the person's words."""

    kind: RequestKind = RequestKind.EXPEDITE
    criterion: ExpediteCriterion
    explanation: RequiredExplanation


class CorrectionDetails(RequestDetails):
    """A typing error on a notice or card: where, what it says, what it should say."""

    kind: RequestKind = RequestKind.CORRECTION
    document: Short
    wrong: Short
    correct: Short


class AccommodationDetails(RequestDetails):
    """Help a person needs at an appointment; 'something else' must say what."""

    kind: RequestKind = RequestKind.ACCOMMODATION
    appointment: AppointmentKind
    need: AccommodationNeed
    explanation: Explanation = ""

    @model_validator(mode="after")
    def _said_what(self) -> AccommodationDetails:
        if self.need is AccommodationNeed.OTHER and not self.explanation:
            raise ValueError("Say what help you need.")
        return self


DETAILS: Mapping[RequestKind, type[RequestDetails]] = {
    RequestKind.EXPEDITE: ExpediteDetails,
    RequestKind.CORRECTION: CorrectionDetails,
    RequestKind.ACCOMMODATION: AccommodationDetails,
}
"""The details model of each kind, for reading a form or an event back."""


def details_of(kind: RequestKind, values: Mapping[str, str]) -> RequestDetails:
    """Read recorded details back as their model (the kind comes from the event)."""
    return DETAILS[kind].model_validate({**values, "kind": kind})
