"""A case as it stood at one version, as labelled rows for the auditor's page."""

from dataclasses import dataclass

from immportal.domain.cases.case import Case
from immportal.domain.cases.status import describe
from immportal.services.audit.history import flatten, shown

# The fields auditors look at first, in the order a case moves through them.
LABELS = {
    "status": "Status",
    "office": "Office",
    "officer_id": "Officer",
    "applicant_id": "Applicant",
    "form_type": "Form",
    "receipt_number": "Receipt number",
    "fee_cents": "Fee (cents)",
    "fee_waived": "Fee waived",
    "fee_reason": "Why this fee",
    "fee_rule": "Fee rule",
    "fee_unwaivable_cents": "Fee set by law (cents)",
    "fee_paid_cents": "Fee paid (cents)",
    "fee_waiver": "Fee waiver request",
    "payment_id": "Payment",
    "submitted_at": "Submitted",
    "accepted_at": "Accepted",
    "biometrics_at": "Biometrics appointment",
    "biometrics_location": "Biometrics location",
    "biometrics_reschedules": "Biometrics moved (times)",
    "evidence_items": "Evidence asked for",
    "evidence_due_on": "Evidence due",
    "evidence_document_ids": "Evidence documents",
    "interview_at": "Interview",
    "interview_location": "Interview location",
    "proposal": "Proposed decision",
    "decision": "Decision",
    "decided_at": "Decided",
    "address": "Mailing address",
    "representative_ids": "Representatives",
}


@dataclass(frozen=True)
class StateRow:
    """One labelled value of the case."""

    label: str
    value: str


def state_rows(case: Case) -> list[StateRow]:
    """The case's fields, labelled; nested ones (decision, address) one line each."""
    rows = [StateRow("Status", f"{describe(case.status)} ({case.status.value})")]
    for name, label in LABELS.items():
        if name == "status":
            continue
        value = getattr(case, name, None)
        if isinstance(value, dict):
            text = "; ".join(f"{k}: {v}" for k, v in flatten(value) if v)
        else:
            text = shown(value)
        rows.append(StateRow(label, text))
    return rows


def answer_rows(case: Case) -> list[StateRow]:
    """The form's answers, one row per question ('section.question')."""
    return [StateRow(name, value) for name, value in flatten(case.answers)]
