"""Turn read-model rows into what a person reads on the case page."""

from dataclasses import dataclass
from datetime import date, datetime

from immportal.domain.cases.filed_contact import address_lines
from immportal.domain.cases.forms import FormType
from immportal.domain.cases.permissions import Standing
from immportal.domain.cases.prompts import evidence_due
from immportal.domain.cases.status import CaseStatus, describe
from immportal.i18n import N_
from immportal.projections.case_summary import CaseSummary

# What the applicant should expect or do next, by status.
NEXT_STEPS = {
    CaseStatus.DRAFT: N_("Finish your application and pay the fee to submit it."),
    CaseStatus.SUBMITTED: N_("We are checking your filing. You will get a receipt notice."),
    CaseStatus.ACCEPTED: N_("We will schedule your biometrics appointment and send you a notice."),
    CaseStatus.BIOMETRICS_SCHEDULED: N_(
        "Go to your biometrics appointment. Bring the notice and a photo ID."
    ),
    CaseStatus.BIOMETRICS_ATTENDED: N_(
        "An officer will review your case. You do not need to do anything now."
    ),
    CaseStatus.BIOMETRICS_MISSED: N_(
        "Your appointment was missed. We will send a new appointment notice."
    ),
    CaseStatus.ASSIGNED: N_(
        "An officer is reviewing your case. You do not need to do anything now."
    ),
    CaseStatus.EVIDENCE_REQUESTED: N_("Send the evidence we asked for before the deadline."),
    CaseStatus.EVIDENCE_RECEIVED: N_("An officer is reviewing the evidence you sent."),
    CaseStatus.INTERVIEW_SCHEDULED: N_(
        "Go to your interview. Bring the notice and the documents it lists."
    ),
    CaseStatus.INTERVIEW_COMPLETED: N_("An officer is preparing a decision on your case."),
    CaseStatus.DECISION_PROPOSED: N_("An officer is preparing a decision on your case."),
    CaseStatus.DECISION_REVIEWED: N_("A decision will be sent to you soon."),
    CaseStatus.APPROVED: N_("Read your decision notice. It tells you what happens next."),
    CaseStatus.DENIED: N_("Read your decision notice. It explains the reasons and how to appeal."),
    CaseStatus.APPEALED: N_("We are reviewing your appeal or motion."),
    CaseStatus.REOPENED: N_("An officer is reviewing your case again."),
    CaseStatus.WITHDRAWN: N_("Your application was withdrawn. No further action is needed."),
    CaseStatus.REJECTED: N_(
        "We could not accept your filing. Read the reason; your fee is refunded."
    ),
    CaseStatus.CLOSED: N_("This case is closed."),
}

ROLE_PHRASES = {
    "applicant": N_("by you"),
    "representative": N_("by your representative"),
    "officer": N_("by an officer"),
    "supervisor": N_("by a supervisor"),
    "admin": N_("by an administrator"),
    "system": N_("automatically"),
}
# A representative reads the same history; "by you" would name the wrong person.
REPRESENTATIVE_PHRASES = ROLE_PHRASES | {
    "applicant": N_("by the applicant"),
    "representative": N_("by a representative"),
}


@dataclass(frozen=True)
class CaseView:
    """The case page's summary block."""

    case_id: str
    receipt_number: str | None
    form_type: str | None
    form_title: str | None
    status: str
    status_label: str
    next_step: str
    office: str | None
    submitted_at: datetime | None
    accepted_at: datetime | None
    decision: str | None
    evidence_due_on: date | None
    updated_at: datetime
    version: int
    address: dict[str, str] | None = None

    @property
    def address_lines(self) -> tuple[str, ...]:
        """The mailing address as an envelope prints it (the country by its name)."""
        return address_lines(self.address)


def case_view(summary: CaseSummary, address: dict[str, str] | None = None) -> CaseView:
    """Present one case summary."""
    status = CaseStatus(summary.status)
    form_title = None
    if summary.form_type in {f.value for f in FormType}:
        form_title = FormType(summary.form_type).title
    return CaseView(
        case_id=str(summary.case_id),
        receipt_number=summary.receipt_number,
        form_type=summary.form_type,
        form_title=form_title,
        status=status.value,
        status_label=describe(status),
        next_step=NEXT_STEPS[status],
        office=summary.office,
        submitted_at=summary.submitted_at,
        accepted_at=summary.accepted_at,
        decision=summary.decision,
        # The deadline stays in the summary for staff; the prompt ends with the request.
        evidence_due_on=evidence_due(summary.status, summary.evidence_due_on),
        updated_at=summary.updated_at,
        version=summary.version,
        address=address,
    )


def role_phrase(role: str | None, viewer: Standing = Standing.APPLICANT) -> str:
    """'by an officer', 'automatically' …, as the viewer of the case would put it."""
    phrases = REPRESENTATIVE_PHRASES if viewer is Standing.REPRESENTATIVE else ROLE_PHRASES
    return phrases.get(role or "", "")
