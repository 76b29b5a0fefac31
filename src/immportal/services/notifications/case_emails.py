"""What each notification email says: plain language, first name only, no case details.

The words are marked here (N_) and in the template `case_event.txt`; the sender renders
them in the recipient's language.
"""

from dataclasses import dataclass

from immportal.formatting import long_date
from immportal.i18n import N_, babel_locale
from immportal.integration.contracts import CaseEvent, EvidenceRequested
from immportal.services.notifications.ports import MailTexts


@dataclass(frozen=True)
class Wording:
    """Subject and the one sentence that says what happened (English; translated when sent)."""

    subject: str
    what: str


WORDINGS = {
    "case.accepted": Wording(
        N_("We received your application"),
        N_("We received your application and sent you a receipt notice."),
    ),
    "case.biometrics_scheduled": Wording(
        N_("You have a biometrics appointment"),
        N_("We scheduled an appointment to take your fingerprints and photo."),
    ),
    "case.biometrics_rescheduled": Wording(
        N_("Your biometrics appointment changed"),
        N_("Your appointment to take your fingerprints and photo has a new date."),
    ),
    "case.interview_scheduled": Wording(
        N_("You have an interview"), N_("We scheduled an interview for your case.")
    ),
    "case.interview_rescheduled": Wording(
        N_("Your interview changed"), N_("Your interview has a new date.")
    ),
    "case.evidence_requested": Wording(
        N_("We need more evidence from you"),
        N_("We need more evidence before we can decide your case."),
    ),
    "case.decision_issued": Wording(
        N_("We made a decision on your case"), N_("We made a decision on your case.")
    ),
}


def compose_text(
    texts: MailTexts, event: CaseEvent, routing_key: str, first_name: str, sign_in_url: str
) -> str:
    """The body of the email, in the current language."""
    due = None
    if isinstance(event, EvidenceRequested):
        due = long_date(event.due_on, babel_locale())
    return texts.render(
        "case_event.txt",
        first_name=first_name,
        what=WORDINGS[routing_key].what,
        due=due,
        inbox_url=f"{sign_in_url.rstrip('/')}/inbox",
    )
