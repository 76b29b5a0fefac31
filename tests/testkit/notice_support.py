"""Waiting for the notices worker in end-to-end tests."""

import asyncio
from uuid import UUID

from immportal.services.notices.issuer import notice_id_for
from testkit.e2e_support import CATCH_UP_SECONDS, Portal

RECEIPT_VERSION = 4
"""The version of the Accepted event of e2e_support.accepted_case."""


def receipt_notice_id(case_id: UUID) -> UUID:
    """The receipt notice of a case made by e2e_support.accepted_case."""
    return notice_id_for(case_id, RECEIPT_VERSION)


async def wait_for_notices(portal: Portal, case_id: UUID, count: int) -> list[UUID]:
    """Poll until the case has `count` notices; their ids, oldest first."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + CATCH_UP_SECONDS
    while loop.time() < deadline:
        rows = await portal.runtime.pool.fetch(
            "SELECT notice_id FROM read.notices WHERE case_id = $1 ORDER BY position", case_id
        )
        if len(rows) >= count:
            return [r["notice_id"] for r in rows]
        await asyncio.sleep(0.02)
    raise AssertionError(f"case {case_id} did not get {count} notices")
