"""Read model `case_contacts`: who filed a case and where to write to about it.

The email comes from the application's contact section; the name and date of birth from
its applicant section, as the person gave them (the latest answers are the filed ones:
a filed application's answers no longer change).
"""

from collections.abc import Mapping, Sequence
from uuid import UUID

import asyncpg

from immportal.adapters.postgres.connection import map_db_errors
from immportal.domain.cases.filed_contact import (
    APPLICANT_SECTION,
    CONTACT_SECTION,
    NAME_PARTS,
    filed_birth_date,
    filed_name,
)
from immportal.projections.base import Projected, Projection, Table, event_name, view_name
from immportal.projections.case_summary import CASE_TOPIC
from immportal.services.notifications.ports import NotYetProjected, Recipient

Contact = tuple[str | None, str | None, str | None, str | None, int]
"""email, first name, full name, date of birth, position."""


class CaseContactsProjection(Projection):
    """Maintains `read.case_contacts` from the contact section of each application."""

    name = "case_contacts"
    tables = ("case_contacts",)
    topic_prefixes = (CASE_TOPIC,)

    def ddl(self, tables: Mapping[str, Table]) -> list[str]:
        """One row per case that gave contact details."""
        t = tables["case_contacts"]
        return [
            f"""CREATE TABLE IF NOT EXISTS {t.sql} (
                case_id uuid PRIMARY KEY, email text, first_name text,
                position bigint NOT NULL)""",
            # A generation made before names were kept gains the columns (a rebuild fills them).
            f"ALTER TABLE {t.sql} ADD COLUMN IF NOT EXISTS full_name text",
            f"ALTER TABLE {t.sql} ADD COLUMN IF NOT EXISTS date_of_birth text",
        ]

    async def apply(
        self, conn: asyncpg.Connection, tables: Mapping[str, Table], batch: Sequence[Projected]
    ) -> None:
        """Keep the latest email, name and date of birth given for each case."""
        latest: dict[UUID, Contact] = {}
        for item in batch:
            if event_name(item.event) != "AnswersSaved":
                continue
            section = getattr(item.event, "section", None)
            if section not in (CONTACT_SECTION, APPLICANT_SECTION):
                continue
            answers = getattr(item.event, "answers", {})
            previous = latest.get(item.record.originator_id, (None, None, None, None, 0))
            email, first, full, born = previous[:4]
            if section == CONTACT_SECTION:
                email = _text(answers.get("email")) or email
            elif any(part in answers for part in NAME_PARTS):
                # A saved name page holds every part: a middle name left out is gone.
                given = {APPLICANT_SECTION: answers}
                first = _text(answers.get("given_name")) or first
                full = filed_name(given) or full
            if section == APPLICANT_SECTION:
                born = filed_birth_date({APPLICANT_SECTION: answers}) or born
            latest[item.record.originator_id] = (email, first, full, born, item.record.position)
        if latest:
            t = tables["case_contacts"].sql
            await conn.executemany(
                f"INSERT INTO {t} (case_id, email, first_name, full_name, date_of_birth,"
                " position) VALUES ($1, $2, $3, $4, $5, $6)"
                " ON CONFLICT (case_id) DO UPDATE SET"
                f" email = coalesce(EXCLUDED.email, {t}.email),"
                f" first_name = coalesce(EXCLUDED.first_name, {t}.first_name),"
                f" full_name = coalesce(EXCLUDED.full_name, {t}.full_name),"
                f" date_of_birth = coalesce(EXCLUDED.date_of_birth, {t}.date_of_birth),"
                " position = EXCLUDED.position",
                [(case_id, *values) for case_id, values in latest.items()],
            )


def _text(value: object) -> str | None:
    # Answers are whatever the form posted; only a plain string can be an address or
    # a name, and anything else must not stop the projection.
    return value.strip() or None if isinstance(value, str) else None


class PostgresRecipients:
    """Looks up a case's recipient in `read.case_contacts`."""

    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool

    async def for_case(self, case_id: UUID, *, as_of_position: int) -> Recipient | None:
        """The case's contact, or None when it gave no email by `as_of_position`.

        Raises NotYetProjected while the read model is behind that position, so the
        caller retries instead of concluding there is nobody to write to.
        """
        with map_db_errors():
            row = await self._pool.fetchrow(
                "SELECT p.position AS seen, c.email, c.first_name, c.full_name, a.language"
                " FROM projection_state s JOIN projection_positions p"
                "   ON p.name = s.name AND p.generation = s.live_generation"
                f" LEFT JOIN {view_name('case_contacts')} c ON c.case_id = $1"
                # The language the applicant's account chose, looked up as the mail is sent.
                f" LEFT JOIN {view_name('case_summary')} k ON k.case_id = $1"
                f" LEFT JOIN {view_name('account_profiles')} a"
                "   ON a.account_id::text = k.applicant_id"
                " WHERE s.name = 'case_contacts'",
                case_id,
            )
        if row is None or row["seen"] < as_of_position:
            raise NotYetProjected(f"case_contacts has not reached position {as_of_position}")
        if not row["email"]:
            return None
        # Greeted by the whole name the person filed under, as the notices address them.
        return Recipient(
            row["email"], row["full_name"] or row["first_name"] or "", language=row["language"]
        )
