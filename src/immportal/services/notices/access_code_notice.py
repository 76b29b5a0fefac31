"""The online access code on a receipt notice: how to add a paper case to an account."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from uuid import UUID

from immportal.i18n import N_, _
from immportal.services.notices.content import Block, Fact, NoticeContent

AccessCodes = Callable[[UUID], str]
"""A case's online access code (domain/cases/access_code.py, under the portal's key)."""
ACCESS_CODE_LABEL = N_("Online access code")


def with_access_code(content: NoticeContent, code: str) -> NoticeContent:
    """The receipt notice with the case's access code and how to use it."""
    how = Block(
        _("Follow this case online"),
        (
            _(
                "To add this case to your immportal account, sign in, choose 'Add a paper "
                "case', and enter the receipt number and the online access code %(code)s.",
                code=code,
            ),
            _("Keep the code private: with the receipt number it lets a person see this case."),
        ),
    )
    return replace(
        content, facts=(*content.facts, Fact(_(ACCESS_CODE_LABEL), code)), body=(*content.body, how)
    )
