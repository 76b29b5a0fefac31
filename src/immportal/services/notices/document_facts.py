"""What a signed notice tells anyone who checks its code, and which notices replace which."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from immportal.services.documents.ports import DocumentFacts

SERIES = {
    "Accepted": "receipt",
    "BiometricsScheduled": "biometrics",
    "BiometricsRescheduled": "biometrics",
    "InterviewScheduled": "interview",
    "InterviewRescheduled": "interview",
    "EvidenceRequested": "evidence_request",
    "DecisionIssued": "decision",
    "AddressChanged": "address",
}
"""A newer notice of the same series on the same case replaces the older one: a moved
appointment, a decision after a reopening, a later address. Notices of events not listed
(a decision on one of the case's requests) each stand alone."""
OUTCOMES = frozenset({"DecisionIssued", "RequestDecided"})
"""The events whose notice states an outcome that /verify may show."""


def notice_facts(
    event_name: str, event: Any, *, notice_id: UUID, case_id: UUID, kind: str, title: str
) -> DocumentFacts:
    """The public facts of the notice an event issues."""
    outcome = getattr(event, "outcome", None) if event_name in OUTCOMES else None
    return DocumentFacts(
        document_id=notice_id,
        kind=kind,
        title=title,
        case_id=case_id,
        issued_at=event.timestamp,
        series=SERIES.get(event_name),
        outcome=None if outcome is None else str(outcome),
    )
