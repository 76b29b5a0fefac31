"""The withdrawal acknowledgement: we received the request to withdraw and closed the case."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from immportal.domain.cases.case import Case
from immportal.domain.cases.withdrawal import ground_label
from immportal.i18n import N_, _
from immportal.services.notices.content import (
    Block,
    Fact,
    NoticeContent,
    case_facts,
    letterhead,
    plain_date,
    recipient_zone,
)

WITHDRAWAL_TITLE = N_("Withdrawal acknowledgement")


def withdrawal_notice(event: Any, case: Case) -> NoticeContent:
    """The application is withdrawn: when, the reason given, and what it means."""
    issued_at: datetime = event.timestamp
    withdrawn_on = plain_date(issued_at, recipient_zone(case))
    facts = [*case_facts(case, issued_at), Fact(_("Withdrawn on"), withdrawn_on)]
    chosen = ground_label(getattr(event, "ground", ""))
    if chosen:
        facts.append(Fact(_("Reason chosen"), _(chosen)))
    return NoticeContent(
        **letterhead(
            case,
            kind="withdrawal",
            title=WITHDRAWAL_TITLE,
            heading=_("We withdrew your application"),
            issued_at=issued_at,
        ),
        facts=tuple(facts),
        body=(
            Block(
                paragraphs=(
                    _(
                        "We received your request to withdraw this application. We have "
                        "stopped working on it and closed the case."
                    ),
                    _("A withdrawal cannot be undone. Fees already paid are not refunded."),
                )
            ),
            Block(
                _("If you still need this benefit"),
                (
                    _(
                        "You can file a new application at any time. It will get a new receipt "
                        "number and needs its own fee."
                    ),
                    _(
                        "If you did not ask to withdraw, contact us at once and give the "
                        "receipt number above."
                    ),
                ),
            ),
        ),
    )
