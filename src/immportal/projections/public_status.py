"""What the public case-status lookup reads: a case's status, and its last public action."""

from dataclasses import dataclass
from datetime import datetime

import asyncpg

from immportal.adapters.postgres.connection import map_db_errors
from immportal.i18n import N_
from immportal.projections.base import view_name
from immportal.services.cases.public_actions import PUBLIC_ACTIONS


async def status_by_receipt_number(pool: asyncpg.Pool, receipt_number: str) -> str | None:
    """The status of the case with this receipt number, or None; nothing else is read."""
    with map_db_errors():
        status: str | None = await pool.fetchval(
            f"SELECT status FROM {view_name('case_summary')} WHERE receipt_number = $1",
            receipt_number,
        )
    return status


@dataclass(frozen=True)
class LastAction:
    """The latest step of a case the public answer reports, and when it happened."""

    event_type: str
    occurred_at: datetime


async def last_public_action(pool: asyncpg.Pool, receipt_number: str) -> LastAction | None:
    """The latest of the case's steps named in PUBLIC_ACTIONS, or None; nothing else is read."""
    with map_db_errors():
        row = await pool.fetchrow(
            f"SELECT t.event_type, t.occurred_at FROM {view_name('case_summary')} s"
            f" JOIN {view_name('case_timeline')} t ON t.case_id = s.case_id"
            " WHERE s.receipt_number = $1 AND NOT t.staff_only AND t.event_type = ANY($2::text[])"
            " ORDER BY t.version DESC LIMIT 1",
            receipt_number,
            list(PUBLIC_ACTIONS),
        )
    return None if row is None else LastAction(row["event_type"], row["occurred_at"])


CARD_EVENTS = ("CardProduced", "CardMailed", "CardReturned")
"""The card's steps, which the public answer reports beside the status."""
CARD_WORDS = {
    "CardProduced": N_("We produced your card. We will mail it to the address on your case."),
    "CardMailed": N_("We mailed your card to the address on your case."),
    "CardReturned": N_(
        "The Postal Service returned your card to us as undeliverable. Sign in and check "
        "your mailing address; we will mail the card again."
    ),
}
"""Each card step in plain words, as the public answer says it."""


@dataclass(frozen=True)
class CardStep:
    """The latest step of the case's card: what, when, and the mail's tracking line."""

    event_type: str
    occurred_at: datetime
    tracking: str | None
    """The USPS tracking number of a mailing, else None."""

    @property
    def words(self) -> str:
        """The step in plain words."""
        return CARD_WORDS[self.event_type]


async def latest_card_step(pool: asyncpg.Pool, receipt_number: str) -> CardStep | None:
    """The case's latest card step, or None: the timeline's entry, read by receipt number."""
    with map_db_errors():
        row = await pool.fetchrow(
            f"SELECT t.event_type, t.occurred_at, t.reason FROM {view_name('case_summary')} s"
            f" JOIN {view_name('case_timeline')} t ON t.case_id = s.case_id"
            " WHERE s.receipt_number = $1 AND t.event_type = ANY($2::text[])"
            " ORDER BY t.version DESC LIMIT 1",
            receipt_number,
            list(CARD_EVENTS),
        )
    if row is None:
        return None
    # Only a mailing's tracking number is public (the timeline's line ends with it); a
    # return's reason is not.
    mailed = row["event_type"] == "CardMailed" and row["reason"]
    tracking = str(row["reason"]).rsplit(" ", 1)[-1] if mailed else None
    return CardStep(row["event_type"], row["occurred_at"], tracking)
