"""Every action of the review page: its form's fields and the use case it runs."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

from immportal.domain.cases.offices import OFFICES
from immportal.domain.identity.emails import email_key
from immportal.services.ports import Written
from immportal.web.officer.actions import Action, Context, Field, FormProblems
from immportal.web.officer.calendar import parse_choice


async def _claim(c: Context, _v: Mapping[str, Any]) -> Written:
    return await c.service.claim(c.case_id, actor=c.actor, expected_version=c.expected_version)


async def _assign(c: Context, v: Mapping[str, Any]) -> Written:
    officer_id = await c.emails.find(email_key(str(v["officer_email"])))
    if officer_id is None:
        raise FormProblems({"officer_email": "No officer has that email address"})
    return await c.service.assign(
        c.case_id, actor=c.actor, expected_version=c.expected_version, officer_id=str(officer_id)
    )


async def _note(c: Context, v: Mapping[str, Any]) -> Written:
    return await c.service.add_note(
        c.case_id, actor=c.actor, expected_version=c.expected_version, text=v["note"]
    )


async def _request_evidence(c: Context, v: Mapping[str, Any]) -> Written:
    items = [line for line in str(v["items"]).splitlines() if line.strip()]
    return await c.service.request_evidence(
        c.case_id,
        actor=c.actor,
        expected_version=c.expected_version,
        items=items,
        reason=v["reason"],
        due_on=v["due_on"],
    )


async def _schedule_interview(c: Context, v: Mapping[str, Any]) -> Written:
    at = datetime.combine(v["date"], v["time"], tzinfo=UTC)
    return await c.service.schedule_interview(
        c.case_id, actor=c.actor, expected_version=c.expected_version, at=at, location=v["location"]
    )


async def _interview_slot(c: Context, v: Mapping[str, Any]) -> Written:
    code, slot_id = parse_choice(str(v["slot"]))
    return await c.service.book_interview(
        c.case_id,
        actor=c.actor,
        expected_version=c.expected_version,
        calendar=c.calendar,
        location_code=code,
        slot_id=slot_id,
    )


async def _interview_outcome(c: Context, v: Mapping[str, Any]) -> Written:
    return await c.service.complete_interview(
        c.case_id, actor=c.actor, expected_version=c.expected_version, outcome=v["outcome"]
    )


async def _propose(c: Context, v: Mapping[str, Any]) -> Written:
    return await c.service.propose(
        c.case_id,
        actor=c.actor,
        expected_version=c.expected_version,
        outcome=v["outcome"],
        reason=v["reason"],
        legal_basis=v["legal_basis"] or "",
        review_requested=v["review"],
    )


async def _approve(c: Context, v: Mapping[str, Any]) -> Written:
    # The domain refuses the proposer (domain/decision.py check_reviewer).
    return await c.service.approve_proposal(
        c.case_id, actor=c.actor, expected_version=c.expected_version, comments=v["comments"]
    )


async def _return(c: Context, v: Mapping[str, Any]) -> Written:
    return await c.service.return_proposal(
        c.case_id, actor=c.actor, expected_version=c.expected_version, comments=v["comments"]
    )


async def _issue(c: Context, _v: Mapping[str, Any]) -> Written:
    return await c.service.issue(c.case_id, actor=c.actor, expected_version=c.expected_version)


async def _reopen(c: Context, v: Mapping[str, Any]) -> Written:
    return await c.service.reopen(
        c.case_id, actor=c.actor, expected_version=c.expected_version, reason=v["motion"]
    )


async def _transfer(c: Context, v: Mapping[str, Any]) -> Written:
    return await c.service.transfer(
        c.case_id,
        actor=c.actor,
        expected_version=c.expected_version,
        office=v["office"],
        reason=v["reason"],
    )


async def _withdraw(c: Context, v: Mapping[str, Any]) -> Written:
    return await c.service.record_withdrawal(
        c.case_id, actor=c.actor, expected_version=c.expected_version, reason=v["reason"]
    )


async def _fee_waiver(c: Context, v: Mapping[str, Any]) -> Written:
    decide = c.fee_waivers.approve if v["decision"] == "approve" else c.fee_waivers.deny
    return await decide(
        c.case_id, actor=c.actor, expected_version=c.expected_version, reason=v["reason"]
    )


async def _reject(c: Context, v: Mapping[str, Any]) -> Written:
    return await c.service.reject_filing(
        c.case_id, actor=c.actor, expected_version=c.expected_version, reason=v["reason"]
    )


async def _refund(c: Context, v: Mapping[str, Any]) -> Written:
    return await c.service.refund_fee(
        c.case_id, actor=c.actor, expected_version=c.expected_version, reason=v["reason"]
    )


_REASON = Field("reason", "Reason", "textarea")
_COMMENTS = Field("comments", "Comments for the officer", "textarea")
OUTCOME_CHOICES = (("approve", "Approve"), ("deny", "Deny"))
OFFICE_CHOICES = tuple((office.code, office.label) for office in OFFICES)
WAIVER_CHOICES = (
    ("approve", "Approve: the filing is accepted without the fee"),
    ("deny", "Deny: the applicant may pay the fee instead"),
)

ACTIONS: dict[str, Action] = {
    a.slug: a
    for a in (
        Action("claim", "assign", "Claim this case", "Claim this case", (), _claim),
        Action(
            "assign",
            "assign",
            "Assign to an officer",
            "Assign",
            (Field("officer_email", "Officer's email address", "email"),),
            _assign,
            supervisor_only=True,
        ),
        Action(
            "evidence-request",
            "request_evidence",
            "Request evidence",
            "Send the request for evidence",
            (
                Field("items", "Evidence needed", "textarea", hint="One item on each line."),
                Field(
                    "due_on",
                    "Response deadline",
                    "date",
                    required=False,
                    hint="87 days from today unless changed.",
                ),
                Field("reason", "Why the evidence is needed", "textarea"),
            ),
            _request_evidence,
        ),
        Action(
            "interview-slot",
            "schedule_interview",
            "Schedule an interview from the calendars",
            "Book the interview",
            (Field("slot", "Interview time and place", "select"),),
            _interview_slot,
        ),
        Action(
            "interview",
            "schedule_interview",
            "Schedule an interview at another time or place",
            "Schedule the interview",
            (
                Field("date", "Interview date", "date"),
                Field("time", "Interview time (UTC)", "time"),
                Field("location", "Interview location"),
            ),
            _schedule_interview,
        ),
        Action(
            "interview-outcome",
            "complete_interview",
            "Record the interview outcome",
            "Record the outcome",
            (Field("outcome", "What happened at the interview", "textarea"),),
            _interview_outcome,
        ),
        Action(
            "proposal",
            "propose_decision",
            "Propose a decision",
            "Propose the decision",
            (
                Field("outcome", "Decision", "radio", choices=OUTCOME_CHOICES),
                Field("reason", "Reasons", "textarea"),
                Field("legal_basis", "Legal basis", required=False, hint="Required for a denial."),
                Field(
                    "review",
                    "Send to a supervisor for review",
                    "checkbox",
                    required=False,
                    hint="Every denial goes to a supervisor.",
                ),
            ),
            _propose,
        ),
        Action(
            "approve",
            "approve_proposal",
            "Approve the proposal",
            "Approve",
            (_COMMENTS,),
            _approve,
            supervisor_only=True,
        ),
        Action(
            "return",
            "return_proposal",
            "Return the proposal",
            "Return to the officer",
            (_COMMENTS,),
            _return,
            supervisor_only=True,
        ),
        Action("issue", "issue_decision", "Issue the decision", "Issue the decision", (), _issue),
        Action(
            "reopen",
            "reopen",
            "Reopen on a motion",
            "Reopen the case",
            (Field("motion", "The motion and why it is granted", "textarea"),),
            _reopen,
        ),
        Action(
            "transfer",
            "transfer",
            "Transfer to another office",
            "Transfer the case",
            (Field("office", "Office to send it to", "select", choices=OFFICE_CHOICES), _REASON),
            _transfer,
            supervisor_only=True,
        ),
        Action(
            "withdrawal",
            "withdraw",
            "Record a withdrawal",
            "Record the withdrawal",
            (Field("reason", "How and when the applicant asked", "textarea"),),
            _withdraw,
        ),
        Action(
            "fee-waiver",
            "decide_fee_waiver",
            "Decide the fee waiver request",
            "Record the decision",
            (
                Field("decision", "Decision on the fee waiver", "radio", choices=WAIVER_CHOICES),
                Field("reason", "Reasons", "textarea", hint="The applicant reads them."),
            ),
            _fee_waiver,
        ),
        Action(
            "reject",
            "reject_filing",
            "Reject the filing",
            "Reject the filing",
            (Field("reason", "Why the filing cannot be accepted", "textarea"),),
            _reject,
        ),
        Action(
            "refund",
            "refund_fee",
            "Refund the filing fee",
            "Refund the fee",
            (Field("reason", "Reason for the refund", "textarea"),),
            _refund,
        ),
        Action(
            "note",
            "add_note",
            "Add an internal note",
            "Add the note",
            (Field("note", "Note (staff only)", "textarea", hint="Never shown to the applicant."),),
            _note,
        ),
    )
}
"""Every action of the review page, in the order the page offers them."""
