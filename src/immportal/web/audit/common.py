"""What the auditor pages share: their policy, the audit log, streamed downloads."""

from collections.abc import AsyncIterator

from aiohttp import web

from immportal.domain.actor import Role
from immportal.services.audit.ports import AuditLog
from immportal.web.policy import roles
from immportal.web.portal import PORTAL

AUDITORS = roles(Role.AUDITOR)
"""Every auditor page: auditors only, read-only."""

CONTENT_TYPES = {"jsonl": "application/x-ndjson", "csv": "text/csv"}


def audit_log(request: web.Request) -> AuditLog:
    """The global log as auditors read it."""
    return request.app[PORTAL].audit_log


async def download(
    request: web.Request, filename: str, fmt: str, chunks: AsyncIterator[str]
) -> web.StreamResponse:
    """Stream text chunks as an attachment (validate everything before calling this)."""
    response = web.StreamResponse(
        headers={
            "Content-Type": f"{CONTENT_TYPES[fmt]}; charset=utf-8",
            "Content-Disposition": f'attachment; filename="{filename}"',
            # Set here: the hardening middleware runs after the headers were sent.
            "Cache-Control": "no-store",
            "X-Content-Type-Options": "nosniff",
            "Content-Security-Policy": "default-src 'none'; frame-ancestors 'none'",
        }
    )
    await response.prepare(request)
    async for chunk in chunks:
        await response.write(chunk.encode())
    await response.write_eof()
    return response
