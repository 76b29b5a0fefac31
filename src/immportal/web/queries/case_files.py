"""A case's file from the `case_files` read model, for the pages that show more than a summary."""

from uuid import UUID

from immportal.errors import NotFound
from immportal.projections.case_files import CaseFilesProjection, get_case_file
from immportal.services.cases.files import CaseFile
from immportal.web.portal import Portal
from immportal.web.queries.catch_up import found_after_catch_up


async def read_case_file(portal: Portal, case_id: UUID) -> CaseFile:
    """The case's file; NotFound if the read model has no such case even once caught up."""
    found = await found_after_catch_up(
        portal, CaseFilesProjection.name, lambda: get_case_file(portal.pool, case_id)
    )
    if found is None:
        raise NotFound(f"no case file {case_id}")
    return found
