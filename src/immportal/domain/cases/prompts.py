"""Prompts that ask the applicant to act, and the statuses in which each still applies.

A prompt is tied to the state that raised it: "Send evidence by 3 March 2027" is true
while the request for evidence is open, and wrong once the evidence arrived or the case
was decided. The read models keep the date (auditors and the officer queue need it);
pages ask here whether to show it.
"""

from datetime import date
from enum import StrEnum

from immportal.domain.cases.status import CaseStatus


class Prompt(StrEnum):
    """Something a case page asks the applicant to do."""

    SEND_EVIDENCE = "send_evidence"


APPLIES_WHILE: dict[Prompt, frozenset[CaseStatus]] = {
    Prompt.SEND_EVIDENCE: frozenset({CaseStatus.EVIDENCE_REQUESTED}),
}
"""The statuses in which each prompt is still true; in any other it is not shown."""


def applies(prompt: Prompt, status: str) -> bool:
    """Whether the prompt still applies to a case in `status` (unknown statuses: no)."""
    try:
        return CaseStatus(status) in APPLIES_WHILE[prompt]
    except ValueError:
        return False


def evidence_due(status: str, due_on: date | None) -> date | None:
    """The evidence deadline to show for a case in `status`: None once it no longer applies."""
    return due_on if applies(Prompt.SEND_EVIDENCE, status) else None
