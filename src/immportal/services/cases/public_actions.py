"""What the public status answer says we last did on a case: "On December 6, 2026, we ...".

Only steps anyone with the receipt number may learn: no drafts, no staff-only steps
(proposed decisions, notes), nothing about who or which office. An event missing here
is not an action the answer reports, and the answer names the latest that is.
"""

PUBLIC_ACTIONS = {
    "Submitted": "we received your application",
    "Accepted": "we accepted your case and sent you a receipt notice",
    "FilingRejected": "we could not accept your filing and sent you a notice that explains why",
    "FeeRefunded": "we refunded your filing fee",
    "FeeWaiverApproved": "we approved your fee waiver request",
    "FeeWaiverDenied": "we denied your fee waiver request",
    "FeePaid": "we received your filing fee",
    "BiometricsScheduled": "we scheduled your biometrics appointment and sent you a notice",
    "BiometricsRescheduled": "we moved your biometrics appointment and sent you a new notice",
    "BiometricsAttended": "we took your fingerprints and photo",
    "BiometricsMissed": "we recorded that your biometrics appointment was missed",
    "Assigned": "an officer started reviewing your case",
    "EvidenceRequested": "we sent you a request for evidence",
    "EvidenceReceived": "we received the evidence you sent",
    "InterviewScheduled": "we scheduled your interview and sent you a notice",
    "InterviewRescheduled": "we moved your interview and sent you a new notice",
    "InterviewCompleted": "we interviewed you",
    "DecisionIssued": "we made a decision on your case and sent you a decision notice",
    "AppealFiled": "we received your appeal or motion",
    "Reopened": "we reopened your case",
    "Withdrawn": "your application was withdrawn",
    "Transferred": "we moved your case to another office",
    "Routed": "we sent your case to the office that will handle it",
    "AddressChanged": "we updated your mailing address",
    "Closed": "we closed your case",
    "CardProduced": "we produced your card",
    "CardMailed": "we mailed your card",
    "CardReturned": "the Postal Service returned your card to us as undeliverable",
}
"""Event name → the public sentence's action, in words that follow "On <date>, "."""
