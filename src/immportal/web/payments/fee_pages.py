"""What the fee pages share: the draft and its assessed fee, the documents it may cite, URLs."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from uuid import UUID

from aiohttp import web

from immportal.domain.cases.status import CaseStatus
from immportal.domain.evidence.document import DOWNLOADABLE
from immportal.domain.payments.fees import FeeAssessment, assess_fee
from immportal.projections.case_documents import CaseDocument, list_case_documents
from immportal.services.cases.applications import ready_to_file
from immportal.services.cases.files import CaseFile
from immportal.web.applicant.access import APPLICANT_ONLY, CaseAccess, open_case
from immportal.web.portal import portal
from immportal.web.queries.case_files import read_case_file

DOCUMENT_FIELD = "document_id"
"""The checkboxes naming the documents a request cites."""


def pay_url(case_id: UUID) -> str:
    """The fee page."""
    return f"/cases/{case_id}/pay"


def waiver_url(case_id: UUID) -> str:
    """The fee waiver request page."""
    return f"/cases/{case_id}/fee-waiver"


def reduced_fee_url(case_id: UUID) -> str:
    """The N-400's own question about the reduced fee (Part 10), back to check answers after."""
    return f"/cases/{case_id}/apply/reduced_fee?return=check"


def evidence_url(case_id: UUID) -> str:
    """Where the fee pages' upload form posts."""
    return f"/cases/{case_id}/fee-evidence"


@dataclass(frozen=True)
class FeeDraft:
    """The applicant's case as the fee pages show it, with the fee its answers come to."""

    access: CaseAccess
    file: CaseFile
    fee: FeeAssessment

    @property
    def case_id(self) -> UUID:
        """The case's id."""
        return self.access.summary.case_id

    @property
    def open_to_request(self) -> bool:
        """A signed draft, not yet sent: a fee request may still be made."""
        return self.file.status is CaseStatus.DRAFT and ready_to_file(self.file)


async def fee_draft(request: web.Request) -> FeeDraft:
    """The URL's case, for its applicant only (everyone else: not found), read from read models."""
    access = await open_case(request, APPLICANT_ONLY)
    found = await read_case_file(portal(request), access.summary.case_id)
    today = datetime.now(UTC).date()
    return FeeDraft(access, found, assess_fee(found.form_type, found.answers, today))


async def citable_documents(request: web.Request, case_id: UUID) -> list[CaseDocument]:
    """The case's newest documents that passed the virus check, oldest first."""
    documents = await list_case_documents(portal(request).pool, case_id)
    return [d for d in documents if d.scan in DOWNLOADABLE and d.superseded_by is None]


def chosen_documents(posted: list[str]) -> list[UUID]:
    """The ticked documents' ids (anything else ticked is ignored: the service checks them)."""
    chosen = []
    for value in posted:
        try:
            chosen.append(UUID(value))
        except ValueError:
            continue
    return chosen
