"""Delete a draft: a confirmation page, then the DraftDeleted event."""

from aiohttp import web

from immportal.i18n import _
from immportal.web.applicant.access import APPLICANT_ONLY, FILERS
from immportal.web.apply.common import applications, open_draft, read_draft
from immportal.web.policy import allow
from immportal.web.portal import portal
from immportal.web.read_your_writes import CASE_LIST, caught_up, shown_after
from immportal.web.rendering import render


@allow(FILERS)
async def delete_page(request: web.Request) -> web.Response:
    """Ask the applicant to confirm; a sent application cannot be deleted."""
    draft = await read_draft(request, APPLICANT_ONLY)
    return render(
        "apply/delete.html",
        request,
        {
            "title": _("Delete this draft?"),
            "case_id": draft.case_id,
            "form_type": draft.case.form_type,
            "form_title": draft.form.title,
            "deletable": draft.editable,
            "started_at": draft.access.summary.created_at,
        },
    )


@allow(FILERS)
async def delete(request: web.Request) -> web.Response:
    """Delete the draft and go back to the cases, where it no longer shows."""
    draft = await open_draft(request, APPLICANT_ONLY)
    if not draft.editable:
        raise web.HTTPSeeOther(f"/cases/{draft.case_id}")
    written = await applications(request).delete_draft(draft.case_id, actor=draft.access.actor)
    shown = await caught_up(portal(request), written.position, CASE_LIST)
    raise web.HTTPSeeOther(shown_after("/cases?deleted=1", shown))
