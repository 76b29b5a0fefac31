"""What the public status answer says we last did on a case: "On December 6, 2026, we ...".

Only steps anyone with the receipt number may learn: no drafts, no staff-only steps
(proposed decisions, notes), nothing about who or which office. An event missing here
is not an action the answer reports, and the answer names the latest that is. The
words are marked for translation here and translated where the answer is shown.
"""

from immportal.i18n import N_

PUBLIC_ACTIONS = {
    "Submitted": N_("we received your application"),
    "Accepted": N_("we accepted your case and sent you a receipt notice"),
    "FilingRejected": N_("we could not accept your filing and sent you a notice that explains why"),
    "FeeRefunded": N_("we refunded your filing fee"),
    "FeeWaiverApproved": N_("we approved your fee waiver request"),
    "FeeWaiverDenied": N_("we denied your fee waiver request"),
    "FeePaid": N_("we received your filing fee"),
    "BiometricsScheduled": N_("we scheduled your biometrics appointment and sent you a notice"),
    "BiometricsRescheduled": N_("we moved your biometrics appointment and sent you a new notice"),
    "BiometricsAttended": N_("we took your fingerprints and photo"),
    "BiometricsMissed": N_("we recorded that your biometrics appointment was missed"),
    "Assigned": N_("an officer started reviewing your case"),
    "EvidenceRequested": N_("we sent you a request for evidence"),
    "EvidenceReceived": N_("we received the evidence you sent"),
    "InterviewScheduled": N_("we scheduled your interview and sent you a notice"),
    "InterviewRescheduled": N_("we moved your interview and sent you a new notice"),
    "InterviewCompleted": N_("we interviewed you"),
    "DecisionIssued": N_("we made a decision on your case and sent you a decision notice"),
    "AppealFiled": N_("we received your appeal or motion"),
    "Reopened": N_("we reopened your case"),
    "Withdrawn": N_("your application was withdrawn"),
    "Transferred": N_("we moved your case to another office"),
    "Routed": N_("we sent your case to the office that will handle it"),
    "AddressChanged": N_("we updated your mailing address"),
    "Closed": N_("we closed your case"),
    "CardProduced": N_("we produced your card"),
    "CardMailed": N_("we mailed your card"),
    "CardReturned": N_("the Postal Service returned your card to us as undeliverable"),
}
"""Event name → the public sentence's action, in words that follow "On <date>, "."""
