"""The typed signature in immportal.domain.catalogue.signature."""

import pytest

from immportal.domain.catalogue.model import Answers
from immportal.domain.catalogue.signature import example_signature, signs_for_applicant


def applicant(given: str, family: str, middle: str = "") -> Answers:
    """The applicant section of an application."""
    return {"applicant": {"given_name": given, "middle_name": middle, "family_name": family}}


MARIA = applicant("María José", "Núñez García")
ANA = applicant("Ana", "Lopez", middle="Sofía")
SEAN = applicant("Seán", "O'Brien")
WEI = applicant("Wei", "Wang")
ONE_NAME = applicant("", "Suharto")

# (the application's name, what was typed, accepted)
SIGNATURES = [
    (MARIA, "María José Núñez García", True),
    (MARIA, "Maria Nunez", True),
    (MARIA, "maria jose nunez garcia", True),
    (MARIA, "MARIA NUÑEZ", True),
    (MARIA, "  maria   nunez ", True),
    (MARIA, "María Núñez-García", True),
    (MARIA, "Maria J. Nunez", True),
    (MARIA, "Maria Garcia", True),
    (MARIA, "Nunez Garcia Maria Jose", True),
    (MARIA, "John Smith", False),
    (MARIA, "Maria", False),
    (MARIA, "Nunez Garcia", False),
    (MARIA, "M. Nunez", False),
    (MARIA, "Maria Nunez Smith", False),
    (MARIA, "Mario Nunez", False),
    (MARIA, "", False),
    (ANA, "Ana Lopez", True),
    (ANA, "Ana Sofia Lopez", True),
    (ANA, "Ana S Lopez", True),
    (ANA, "Sofia Lopez", False),
    (ANA, "Lopez", False),
    (SEAN, "Sean OBrien", True),
    (SEAN, "sean o'brien", True),
    (SEAN, "Sean O Brien", True),
    (SEAN, "Sean Brien", False),
    (WEI, "Wang Wei", True),
    (WEI, "Wei Wang", True),
    (ONE_NAME, "Suharto", True),
    (ONE_NAME, "Sukarno", False),
    ({}, "Ana Lopez", False),
]


class TestSignature:
    """Case, accents, spacing, hyphens and middle names are forgiven; other names are not."""

    @pytest.mark.parametrize(
        ("answers", "typed", "accepted"),
        SIGNATURES,
        ids=[f"{typed or 'empty'}-{accepted}" for _, typed, accepted in SIGNATURES],
    )
    def test_signature(self, answers: Answers, typed: str, accepted: bool) -> None:
        """Accepted exactly when a person would sign their own name so."""
        assert accepted == signs_for_applicant(typed, answers)

    def test_example(self) -> None:
        """The message's example is the first given and family names as written."""
        assert ("María Núñez", "Ana Lopez") == (example_signature(MARIA), example_signature(ANA))
