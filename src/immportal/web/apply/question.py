"""One question page: show it with what was saved, check it, save it, go on."""

from typing import Any

from aiohttp import web

from immportal.domain.catalogue import (
    Answers,
    Page,
    as_typed,
    next_page,
    page_complete,
    saved_answers,
    shown,
    validate_page,
)
from immportal.i18n import _
from immportal.web.applicant.access import FILERS
from immportal.web.apply.common import (
    CHECK,
    RETURN_FIELD,
    Draft,
    already_sent,
    applications,
    asked_page,
    open_draft,
    posted,
    read_draft,
)
from immportal.web.apply.question_fields import OWN_SECTIONS, Field, months
from immportal.web.policy import allow
from immportal.web.portal import PORTAL
from immportal.web.read_your_writes import CASE_LIST, caught_up, shown_after
from immportal.web.rendering import render

AUTOSAVE_HEADER = "X-Autosave"
"""Sent by autosave.js: save if the page is valid, answer without a page either way."""


@allow(FILERS)
async def question_page(request: web.Request) -> web.Response:
    """The page with the answers saved so far."""
    draft = await read_draft(request)
    if not draft.editable:
        return already_sent(request, draft)
    page = asked_page(draft, request.match_info["page_id"])
    values = {name: str(value) for name, value in saved_answers(page, draft.answers).items()}
    back = request.query.get("return") == CHECK
    return _render(request, draft, page, values, {}, back_to_check=back)


@allow(FILERS)
async def save_question(request: web.Request) -> web.StreamResponse:
    """Save the page as an event and go on; bad input shows the page again with its errors."""
    draft = await open_draft(request)
    autosave = request.headers.get(AUTOSAVE_HEADER) == "1"
    if not draft.editable:
        if autosave:
            return web.Response(status=409)
        raise web.HTTPSeeOther(draft.tasks_url)
    page = asked_page(draft, request.match_info["page_id"])
    typed = await posted(request)
    back = typed.get(RETURN_FIELD) == CHECK
    clean, errors = validate_page(draft.form, page.id, typed)
    if errors:
        if autosave:
            return web.Response(status=422)  # half typed: nothing saved, the page stays
        shown = as_typed(page.model, typed)
        return _render(request, draft, page, shown, errors, back_to_check=back, status=422)
    written = await applications(request).save_page(
        draft.case_id, actor=draft.access.actor, section=page.section, answers=clean
    )
    # The filling pages read the case file: the next one (or the one the person goes to
    # after an autosave) must show this page's answers.
    caught = await caught_up(request.app[PORTAL], written.position, CASE_LIST)
    if autosave:
        return web.Response(status=204)
    following = where_next(draft, page, _with(draft.answers, page, clean), back)
    raise web.HTTPSeeOther(shown_after(following, caught))


def where_next(draft: Draft, page: Page, answers: Answers, back_to_check: bool) -> str:
    """The next page of the section, else the task list (or check answers, after a change)."""
    following = next_page(draft.form, answers, after=page.id)
    in_section = following is not None and following.section == page.section
    if back_to_check:
        # A changed answer may open a new page (a condition); ask it before going back.
        if following is not None and in_section and not page_complete(following, answers):
            return draft.page_url(following, back_to_check=True)
        return draft.check_url
    if following is not None and in_section:
        return draft.page_url(following)
    return draft.tasks_url


def _with(answers: Answers, page: Page, clean: dict[str, Any]) -> Answers:
    return {**answers, page.section: {**answers.get(page.section, {}), **clean}}


def _render(
    request: web.Request,
    draft: Draft,
    page: Page,
    values: dict[str, str],
    errors: dict[str, str],
    *,
    back_to_check: bool,
    status: int = 200,
) -> web.Response:
    own = page.section in OWN_SECTIONS
    fields = [Field(q, values.get(q.name, ""), errors.get(q.name), own) for q in page.questions]
    section = draft.form.section(page.section)
    title = shown(page.title)
    return render(
        "apply/question.html",
        request,
        {
            "title": _("Error: %(title)s", title=title) if errors else title,
            "page": page,
            "page_title": title,
            "page_hint": shown(page.hint),
            "section": section,
            "section_title": shown(section.title),
            "fields": fields,
            "errors": errors,
            "form_type": draft.case.form_type,
            "action": draft.page_url(page),
            "back_url": draft.check_url if back_to_check else draft.tasks_url,
            "back_to_check": back_to_check,
            "return_field": RETURN_FIELD,
            "check": CHECK,
            "months": months(),
        },
        status=status,
    )
