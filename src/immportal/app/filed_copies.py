"""The filed copy worker as the composition root builds it (part of the composition root)."""

from typing import TYPE_CHECKING

from immportal.adapters.pdf.filed_application_pdf import FpdfFiledApplicationRenderer
from immportal.app.document_signing import document_sealer
from immportal.processes.filed_applications import FiledApplicationsProjection
from immportal.services.cases.filed_copies import FiledCopyIssuer

if TYPE_CHECKING:
    from immportal.app.container import Runtime


def filed_applications_projection(runtime: "Runtime | None") -> FiledApplicationsProjection:
    """The worker issuing signed copies of filed applications (tables only without a runtime)."""
    if runtime is None:
        return FiledApplicationsProjection()
    sealer = document_sealer(runtime.settings, runtime.pool)
    issuer = FiledCopyIssuer(runtime.blobs, FpdfFiledApplicationRenderer(), sealer)
    return FiledApplicationsProjection(issuer, runtime.cases)
