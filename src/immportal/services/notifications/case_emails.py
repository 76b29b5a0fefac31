"""What each notification email says: plain language, first name only, no case details."""

from dataclasses import dataclass

from immportal.formatting import long_date
from immportal.i18n import babel_locale
from immportal.integration.contracts import CaseEvent, EvidenceRequested


@dataclass(frozen=True)
class Wording:
    """Subject and the one sentence that says what happened."""

    subject: str
    what: str


WORDINGS = {
    "case.accepted": Wording(
        "We received your application",
        "We received your application and sent you a receipt notice.",
    ),
    "case.biometrics_scheduled": Wording(
        "You have a biometrics appointment",
        "We scheduled an appointment to take your fingerprints and photo.",
    ),
    "case.biometrics_rescheduled": Wording(
        "Your biometrics appointment changed",
        "Your appointment to take your fingerprints and photo has a new date.",
    ),
    "case.interview_scheduled": Wording(
        "You have an interview", "We scheduled an interview for your case."
    ),
    "case.interview_rescheduled": Wording(
        "Your interview changed", "Your interview has a new date."
    ),
    "case.evidence_requested": Wording(
        "We need more evidence from you", "We need more evidence before we can decide your case."
    ),
    "case.decision_issued": Wording(
        "We made a decision on your case", "We made a decision on your case."
    ),
}


def compose_text(event: CaseEvent, routing_key: str, first_name: str, sign_in_url: str) -> str:
    """The body of the email."""
    wording = WORDINGS[routing_key]
    lines = [f"Hello {first_name}," if first_name else "Hello,", "", wording.what]
    if isinstance(event, EvidenceRequested):
        due = long_date(event.due_on, babel_locale())
        lines.append(
            f"Please send it by {due}. If we do not receive it by then, "
            "we will decide your case with the evidence we have."
        )
    lines += [
        "",
        "For your privacy, this email does not include details about your case.",
        "A new notice is waiting for you in your inbox.",
        f"Sign in to read it and see what happens next: {sign_in_url.rstrip('/')}/inbox",
        "",
        "Please do not reply to this email.",
    ]
    return "\n".join(lines)
