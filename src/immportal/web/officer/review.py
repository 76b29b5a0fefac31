"""The case review page: answers, evidence, payments, appointments, timeline, notes, actions."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from functools import partial
from typing import Any
from uuid import UUID

from aiohttp import web

from immportal.domain.actor import Role
from immportal.domain.cases.case import Case
from immportal.domain.cases.offices import OFFICES
from immportal.domain.cases.permissions import Standing
from immportal.domain.cases.status import describe
from immportal.domain.catalogue.flow import summary_rows
from immportal.domain.catalogue.registry import form_for
from immportal.domain.payments.waivers import WaiverBasis, WaiverState, state_of
from immportal.errors import NotFound
from immportal.projections.case_documents import list_case_documents
from immportal.projections.decision_history import case_decisions
from immportal.services.audit.ports import Viewed
from immportal.services.cases.adjudication import StaffMember, default_due_on
from immportal.services.cases.files import CaseFile
from immportal.services.payments.records import PaymentRecord
from immportal.web.audit.access import record_staff_view
from immportal.web.case_pages import parse_case_id
from immportal.web.documents.labels import SCAN_WORDS
from immportal.web.officer.actions import Action
from immportal.web.officer.availability import split_by_refusal
from immportal.web.officer.calendar import interview_choices
from immportal.web.officer.common import ADJUDICATORS, case_path, staff_actor
from immportal.web.officer.registry import ACTIONS
from immportal.web.policy import allow
from immportal.web.portal import PORTAL
from immportal.web.queries.documents import document_of, hand_out_document
from immportal.web.queries.payments import recorded_payment
from immportal.web.queries.staff import staff_case, staff_names
from immportal.web.queries.timeline import timeline_lines
from immportal.web.rendering import render


@dataclass(frozen=True)
class AnswerLine:
    """One answer as the officer reads it."""

    section: str
    label: str
    value: str


def section_title(form_type: str, section: str) -> str:
    """A section's title as the form shows it ('About you'), else its key in words."""
    try:
        return form_for(form_type).section(section).title
    except (KeyError, ValueError):
        words = section.replace("_", " ").strip()
        return words[:1].upper() + words[1:]


def answer_lines(case: Case | CaseFile) -> list[AnswerLine]:
    """The application's answers in form order (raw sections if the form is not catalogued)."""
    try:
        rows = summary_rows(case.form_type, case.answers)
    except (KeyError, ValueError):
        rows = []
    title = partial(section_title, case.form_type)
    if any(row.value for row in rows):
        return [AnswerLine(title(row.section), row.label, row.value) for row in rows]
    return [
        AnswerLine(title(section), name.replace("_", " ").capitalize(), str(value))
        for section, answers in case.answers.items()
        for name, value in answers.items()
    ]


def offered_actions(member: StaffMember, case: Case | CaseFile) -> list[Action]:
    """The action forms that fit the case's status and the person's role."""
    found = []
    for action in ACTIONS.values():
        if not action.offered(case.status, member.actor.role):
            continue
        if action.slug == "claim" and (
            member.actor.role is not Role.OFFICER or case.officer_id == member.actor.user_id
        ):
            continue
        # Only a request waiting for its decision is decided.
        waiting = state_of(case.fee_waiver) is WaiverState.REQUESTED
        if action.command == "decide_fee_waiver" and not waiting:
            continue
        found.append(action)
    return found


def _other_offices(case: Case | CaseFile) -> list[tuple[str, str]]:
    return [(office.code, office.label) for office in OFFICES if office.code != case.office]


async def _payment(request: web.Request, case: Case | CaseFile) -> PaymentRecord | None:
    if case.payment_id is None:
        return None
    try:
        return await recorded_payment(request.app[PORTAL], UUID(case.payment_id))
    except ValueError:
        return None


async def render_review(
    request: web.Request,
    member: StaffMember,
    case: Case | CaseFile,
    *,
    open_action: str | None = None,
    errors: dict[str, str] | None = None,
    values: dict[str, str] | None = None,
    message: str | None = None,
    status: int = 200,
) -> web.Response:
    """The review page, with one action form's problems and typed values if it was sent."""
    runtime = request.app[PORTAL]
    timeline = await timeline_lines(runtime, case.id, Standing.STAFF)
    decisions = await case_decisions(runtime.pool, case.id)
    defaults = {"due_on": default_due_on(datetime.now(UTC).date()).isoformat()}
    slots = await interview_choices(runtime)
    offered = [a for a in offered_actions(member, case) if a.slug != "interview-slot" or slots]
    actions, unavailable = split_by_refusal(offered, member, case)
    proposal = case.proposal or {}
    people = [case.officer_id, proposal.get("proposed_by")]
    people += [d.officer_id for d in decisions] + [d.supervisor_id for d in decisions]
    return render(
        "officer/review.html",
        request,
        {
            "case": case,
            "case_url": case_path(case.id),
            "status_label": describe(case.status),
            "member": member,
            "assigned_to_me": case.officer_id == member.actor.user_id,
            "answers": answer_lines(case),
            "documents": await list_case_documents(runtime.pool, case.id),
            "payment": await _payment(request, case),
            "waiver_bases": {basis.value: basis.label for basis in WaiverBasis},
            "timeline": timeline,
            "notes": [e for e in timeline if e.event_type == "NoteAdded"],
            "decisions": decisions,
            "actions": actions,
            "unavailable": unavailable,
            "names": await staff_names(runtime, people),
            "scan_words": SCAN_WORDS,
            "open_action": open_action,
            "errors": errors or {},
            "values": values or {},
            "defaults": defaults,
            "options": {"slot": slots, "office": _other_offices(case)},
            "message": message,
        },
        status=status,
    )


@allow(ADJUDICATORS)
async def review_page(request: web.Request) -> web.Response:
    """A case as the officer works it; every view is recorded for the auditors."""
    portal = request.app[PORTAL]
    member, case = await staff_case(portal, parse_case_id(request), staff_actor(request))
    await record_staff_view(request, case.id)
    return await render_review(request, member, case)


@allow(ADJUDICATORS)
async def download_document(request: web.Request) -> web.StreamResponse:
    """Hand out one of the case's documents (a short-lived link, or the bytes)."""
    portal = request.app[PORTAL]
    _, case = await staff_case(portal, parse_case_id(request), staff_actor(request))
    try:
        document_id = UUID(request.match_info["document_id"])
    except ValueError:
        raise NotFound("malformed document id") from None
    download = await hand_out_document(portal, await document_of(portal, case.id, document_id))
    await record_staff_view(request, case.id, Viewed.DOCUMENT, str(document_id))
    if download.url is not None:
        raise web.HTTPSeeOther(download.url)
    response = web.StreamResponse(
        headers={
            "Content-Type": download.media_type,
            "Content-Length": str(download.size),
            "Content-Disposition": f'attachment; filename="{download.filename}"',
            "Cache-Control": "no-store",
            "X-Content-Type-Options": "nosniff",
        }
    )
    await response.prepare(request)
    if download.chunks is not None:
        async for chunk in download.chunks:
            await response.write(chunk)
    await response.write_eof()
    return response


def values_of(posted: dict[str, Any]) -> dict[str, str]:
    """What was typed, as text, without the form's bookkeeping fields."""
    return {
        k: v
        for k, v in posted.items()
        if isinstance(v, str) and k not in ("csrf_token", "expected_version")
    }
