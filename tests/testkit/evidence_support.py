"""Helpers for the evidence tests: a case to upload to, catching up the read model, counts."""

from uuid import UUID

from immportal.app.container import Runtime
from immportal.domain.actor import Actor, Role
from immportal.domain.cases.forms import FormType
from immportal.projections.case_documents import CaseDocumentsProjection
from immportal.projections.engine import process_batch

APPLICANT = Actor("applicant-evidence", Role.APPLICANT)


async def start_case(runtime: Runtime, applicant: Actor = APPLICANT) -> UUID:
    """A draft case of the applicant."""
    return await runtime.cases.start(
        actor=applicant, applicant_id=applicant.user_id, form_type=FormType.I130, office="CSC"
    )


async def project_documents(runtime: Runtime) -> None:
    """Bring `read.case_documents` up to the head of the log, as its worker would."""
    async with runtime.pool.acquire() as conn:
        while (await process_batch(conn, runtime.store, CaseDocumentsProjection(), 1000)).read:
            pass


async def document_events(runtime: Runtime) -> int:
    """How many Document events the log holds."""
    count: int = await runtime.pool.fetchval(
        "SELECT count(*) FROM events WHERE topic LIKE 'immportal.domain.evidence.document:%'"
    )
    return count


async def blob_keys(runtime: Runtime) -> list[str]:
    """Every document blob the store keeps."""
    return [info.key async for info in runtime.blobs.list("documents/")]
