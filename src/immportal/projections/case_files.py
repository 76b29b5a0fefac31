"""Read model `case_files`: one row per case with everything its pages show.

`case_summary` is the narrow row lists and queues sort and filter; a case file is the
whole case as its own pages read it (the answers, the address, what evidence was asked
for, the appointments' places, the proposed decision), so that no page has to replay the
case's events. The fold keeps the same state as the Case aggregate, field by field.
The same projection keeps the cases' fee payments (projections.payments): one leader,
and one connection, for a case and what was paid for it.
"""

import json
from collections.abc import Mapping, Sequence
from datetime import date, datetime
from typing import Any
from uuid import UUID

import asyncpg

from immportal.adapters.postgres.connection import map_db_errors
from immportal.domain.cases.status import CaseStatus
from immportal.domain.payments.waivers import WaiverState, decided, requested
from immportal.projections.base import Projected, Projection, Table, event_name, view_name
from immportal.projections.case_summary import CASE_TOPIC
from immportal.projections.payments import PAYMENT_TOPIC, apply_payments, payments_ddl
from immportal.services.cases.files import CaseFile

COLUMNS = (
    "case_id",
    "applicant_id",
    "form_type",
    "office",
    "status",
    "answers",
    "fee_cents",
    "fee_waived",
    "fee_refunded",
    "fee_reason",
    "fee_rule",
    "fee_unwaivable_cents",
    "fee_paid_cents",
    "fee_waiver",
    "payment_id",
    "receipt_number",
    "accepted_at",
    "biometrics_at",
    "biometrics_location",
    "biometrics_reschedules",
    "officer_id",
    "evidence_items",
    "evidence_due_on",
    "evidence_document_ids",
    "interview_at",
    "interview_location",
    "proposal",
    "decision",
    "decided_at",
    "mailing_address",
    "representative_ids",
    "edition",
    "version",
    "position",
)
_JSON = ("answers", "proposal", "decision", "mailing_address", "fee_waiver")
_LISTS = ("evidence_items", "evidence_document_ids", "representative_ids")

# Which event attribute lands in which column (as the aggregate's event methods set them).
_COPIED = {
    "Started": {"applicant_id": "applicant_id", "form_type": "form_type", "office": "office"},
    "Submitted": {"fee_cents": "fee_cents", "fee_waived": "fee_waived", "payment_id": "payment_id"},
    "Accepted": {"receipt_number": "receipt_number", "timestamp": "accepted_at"},
    "BiometricsScheduled": {"appointment_at": "biometrics_at", "location": "biometrics_location"},
    "BiometricsRescheduled": {"appointment_at": "biometrics_at", "location": "biometrics_location"},
    "Assigned": {"officer_id": "officer_id"},
    "EvidenceRequested": {"items": "evidence_items", "due_on": "evidence_due_on"},
    "InterviewScheduled": {"appointment_at": "interview_at", "location": "interview_location"},
    "InterviewRescheduled": {"appointment_at": "interview_at", "location": "interview_location"},
    "Transferred": {"to_office": "office"},
    "Routed": {"office": "office"},
    "AddressChanged": {"address": "mailing_address"},
    "LinkedToAccount": {"applicant_id": "applicant_id"},
}
_PROPOSED = ("outcome", "reason", "legal_basis", "review_required")
_ISSUED = ("outcome", "reason", "legal_basis", "proposed_by", "reviewed_by")


def _fresh(case_id: UUID) -> dict[str, Any]:
    row: dict[str, Any] = dict.fromkeys(COLUMNS) | {"case_id": case_id}
    row |= {"answers": {}, "fee_cents": 0, "fee_waived": False, "fee_refunded": False}
    row |= {"fee_reason": "", "fee_rule": "", "fee_unwaivable_cents": 0, "fee_paid_cents": 0}
    row |= {"biometrics_reschedules": 0, "version": 0}
    return row | {name: [] for name in _LISTS}


def fold(row: dict[str, Any], item: Projected) -> None:
    """Apply one case event to its file, as the Case aggregate applies it to itself."""
    event: Any = item.event
    name = event_name(event)
    status = "draft" if name == "Started" else getattr(event, "status", None)
    if status is not None:
        row["status"] = str(status)
    for attribute, column in _COPIED.get(name, {}).items():
        value = getattr(event, attribute)
        row[column] = list(value) if column in _LISTS else value
    match name:
        case "AnswersSaved":
            saved = row["answers"]
            merged = {**saved.get(event.section, {}), **event.answers}
            row["answers"] = {**saved, event.section: merged}
        case (
            "Submitted" | "FeeWaiverRequested" | "FeeWaiverApproved" | "FeeWaiverDenied" | "FeePaid"
        ):
            _fold_fee(row, name, event)
        case "FiledOnPaper":
            row["answers"] = dict(event.answers)
            row["fee_cents"] = row["fee_paid_cents"] = event.fee_cents
        case "BiometricsRescheduled":
            row["biometrics_reschedules"] += 1
        case "EvidenceReceived":
            row["evidence_document_ids"] = [*row["evidence_document_ids"], *event.document_ids]
        case "DecisionProposed":
            proposal = {key: getattr(event, key) for key in _PROPOSED}
            row["proposal"] = proposal | {"proposed_by": event.actor_id, "reviewed_by": None}
        case "ProposalReturned":
            row["proposal"] = None
        case "ProposalApproved":
            row["proposal"] = {**(row["proposal"] or {}), "reviewed_by": event.actor_id}
        case "DecisionIssued":
            issued = {key: getattr(event, key) for key in _ISSUED}
            row["decision"] = issued | {"issued_by": event.actor_id}
            row["decided_at"], row["proposal"] = event.timestamp, None
        case "FeeRefunded":
            row["fee_refunded"] = True
        case "RepresentativeAuthorized":
            row["representative_ids"] = [*row["representative_ids"], event.representative_id]
        case "RepresentativeRevoked":
            chosen = event.representative_id
            row["representative_ids"] = [r for r in row["representative_ids"] if r != chosen]
    row["version"] = event.originator_version
    row["position"] = item.record.position


def _fold_fee(row: dict[str, Any], name: str, event: Any) -> None:
    match name:
        case "Submitted":
            # The form's edition and the filed mailing address (the case's address from
            # now on); submissions recorded before either was kept carry none.
            row["edition"] = getattr(event, "edition", None)
            if filed := getattr(event, "mailing_address", None):
                row["mailing_address"] = dict(filed)
            # Submissions recorded before fees had reasons carry none of these.
            row["fee_reason"] = getattr(event, "fee_reason", "")
            row["fee_rule"] = getattr(event, "fee_rule", "")
            row["fee_unwaivable_cents"] = getattr(event, "fee_unwaivable_cents", 0)
            row["fee_paid_cents"] = 0 if event.fee_waived else event.fee_cents
        case "FeeWaiverRequested":
            row["fee_waiver"] = requested(event.basis, event.explanation, event.document_ids)
        case "FeeWaiverApproved":
            state = WaiverState.APPROVED
            row["fee_waiver"] = decided(row["fee_waiver"], state, event.actor_id, event.reason)
        case "FeeWaiverDenied":
            state = WaiverState.DENIED
            row["fee_waiver"] = decided(row["fee_waiver"], state, event.actor_id, event.reason)
            row["fee_waived"] = False
        case "FeePaid":
            row["fee_paid_cents"] += event.amount_cents
            row["payment_id"] = event.payment_id


class CaseFilesProjection(Projection):
    """Maintains `read.case_files` and the cases' fee payments in `read.payments`."""

    name = "case_files"
    tables = ("case_files", "payments")
    topic_prefixes = (CASE_TOPIC, PAYMENT_TOPIC)

    def ddl(self, tables: Mapping[str, Table]) -> list[str]:
        """One row per case, found by its id; one per payment (see projections.payments)."""
        t = tables["case_files"]
        return [
            *payments_ddl(tables["payments"]),
            f"""CREATE TABLE IF NOT EXISTS {t.sql} (
                case_id uuid PRIMARY KEY, applicant_id text, form_type text, office text,
                status text NOT NULL, answers jsonb NOT NULL, fee_cents bigint NOT NULL,
                fee_waived boolean NOT NULL, fee_refunded boolean NOT NULL,
                fee_reason text NOT NULL DEFAULT '', fee_rule text NOT NULL DEFAULT '',
                fee_unwaivable_cents bigint NOT NULL DEFAULT 0,
                fee_paid_cents bigint NOT NULL DEFAULT 0, fee_waiver jsonb, payment_id text,
                receipt_number text, accepted_at timestamptz, biometrics_at timestamptz,
                biometrics_location text, biometrics_reschedules integer NOT NULL,
                officer_id text, evidence_items text[] NOT NULL, evidence_due_on date,
                evidence_document_ids text[] NOT NULL, interview_at timestamptz,
                interview_location text, proposal jsonb, decision jsonb,
                decided_at timestamptz, mailing_address jsonb,
                representative_ids text[] NOT NULL, edition text, version bigint NOT NULL,
                position bigint NOT NULL)""",
            # A generation made before fees had reasons gains the columns; a rebuild fills
            # in what earlier events said (until then they read as empty).
            *(
                f"ALTER TABLE {t.sql} ADD COLUMN IF NOT EXISTS {column}"
                for column in (
                    "fee_reason text NOT NULL DEFAULT ''",
                    "fee_rule text NOT NULL DEFAULT ''",
                    "fee_unwaivable_cents bigint NOT NULL DEFAULT 0",
                    "fee_paid_cents bigint NOT NULL DEFAULT 0",
                    "fee_waiver jsonb",
                    "edition text",
                )
            ),
        ]

    async def apply(
        self, conn: asyncpg.Connection, tables: Mapping[str, Table], batch: Sequence[Projected]
    ) -> None:
        """Fold the batch per case (or payment) in memory, then upsert each touched row once."""
        payments = [item for item in batch if item.record.topic.startswith(PAYMENT_TOPIC)]
        if payments:
            await apply_payments(conn, tables["payments"], payments)
        batch = [item for item in batch if item.record.topic.startswith(CASE_TOPIC)]
        if not batch:
            return
        t = tables["case_files"].sql
        ids = list({item.record.originator_id for item in batch})
        existing = await conn.fetch(f"SELECT * FROM {t} WHERE case_id = ANY($1::uuid[])", ids)
        rows: dict[UUID, dict[str, Any]] = {r["case_id"]: _decoded(r) for r in existing}
        for item in batch:
            case_id = item.record.originator_id
            fold(rows.setdefault(case_id, _fresh(case_id)), item)
        values = ", ".join(
            f"${i}::jsonb" if column in _JSON else f"${i}" for i, column in enumerate(COLUMNS, 1)
        )
        updates = ", ".join(f"{c} = EXCLUDED.{c}" for c in COLUMNS[1:])
        await conn.executemany(
            f"INSERT INTO {t} ({', '.join(COLUMNS)}) VALUES ({values})"
            f" ON CONFLICT (case_id) DO UPDATE SET {updates}",
            [_encoded(row) for row in rows.values()],
        )


def _jsonable(value: object) -> str:
    # Answers are cleaned to text by the forms, but events written by older code or
    # tools may hold dates; they read back as the ISO text the forms would have saved.
    if isinstance(value, date | datetime):
        return value.isoformat()
    return str(value)


def _encoded(row: dict[str, Any]) -> tuple[Any, ...]:
    return tuple(
        json.dumps(row[c], default=_jsonable) if c in _JSON and row[c] is not None else row[c]
        for c in COLUMNS
    )


def _decoded(record: asyncpg.Record) -> dict[str, Any]:
    row = dict(record)
    for column in _JSON:
        if row[column] is not None:
            row[column] = json.loads(row[column])
    for column in _LISTS:
        row[column] = list(row[column])
    return row


def _case_file(record: asyncpg.Record) -> CaseFile:
    row = _decoded(record)
    row["status"] = CaseStatus(row["status"])
    for column in _LISTS:
        row[column] = tuple(row[column])
    row["case_id"] = UUID(str(row["case_id"]))
    return CaseFile(**row)


async def get_case_file(pool: asyncpg.Pool, case_id: UUID) -> CaseFile | None:
    """One case's file, or None when the read model has no such case."""
    with map_db_errors():
        row = await pool.fetchrow(
            f"SELECT {', '.join(COLUMNS)} FROM {view_name('case_files')} WHERE case_id = $1",
            case_id,
        )
    return None if row is None else _case_file(row)


async def get_case_files(pool: asyncpg.Pool, case_ids: Sequence[UUID]) -> dict[UUID, CaseFile]:
    """The files of several cases (those the read model has), by case id."""
    with map_db_errors():
        rows = await pool.fetch(
            f"SELECT {', '.join(COLUMNS)} FROM {view_name('case_files')}"
            " WHERE case_id = ANY($1::uuid[])",
            list(case_ids),
        )
    files = [_case_file(row) for row in rows]
    return {found.case_id: found for found in files}


async def latest_filed_answers(pool: asyncpg.Pool, applicant_id: str) -> dict[str, Any] | None:
    """The answers of the applicant's most recently filed application, or None."""
    with map_db_errors():
        raw = await pool.fetchval(
            f"SELECT answers FROM {view_name('case_files')}"
            " WHERE applicant_id = $1 AND status <> 'draft' AND edition IS NOT NULL"
            " ORDER BY position DESC LIMIT 1",
            applicant_id,
        )
    found: dict[str, Any] | None = None if raw is None else json.loads(raw)
    return found
