"""Access records in PostgreSQL: appended by the portal, never changed or removed by it."""

from uuid import uuid4

import asyncpg
import pytest

from immportal.adapters.postgres.access_log import PostgresAccessLog
from immportal.app.container import Runtime
from immportal.domain.actor import Role
from immportal.services.audit.access import accesses_for_case, offices_that_viewed, record_access
from immportal.services.audit.ports import Viewed


class TestRecording:
    """record_access keeps staff views and ignores everyone else's."""

    async def test_staff_views_are_recorded_newest_first(self, runtime: Runtime) -> None:
        """An officer's page view and an auditor's document view come back newest first."""
        log, case_id = PostgresAccessLog(runtime.pool), uuid4()
        officer, auditor = uuid4(), uuid4()
        await record_access(log, viewer_id=officer, viewer_role=Role.OFFICER, case_id=case_id)
        await record_access(
            log,
            viewer_id=auditor,
            viewer_role=Role.AUDITOR,
            case_id=case_id,
            what=Viewed.DOCUMENT,
            office="NBC",
            document_id="doc-7",
        )
        found = await accesses_for_case(log, case_id)
        assert [
            (auditor, "auditor", "NBC", "document", "doc-7"),
            (officer, "officer", None, "page", None),
        ] == [(a.viewer_id, a.viewer_role, a.office, a.what, a.document_id) for a in found]
        assert ["NBC", None] == [v.office for v in await offices_that_viewed(log, case_id)]

    async def test_applicants_and_representatives_are_not_recorded(self, runtime: Runtime) -> None:
        """A person looking at their own case leaves no access record."""
        log, case_id = PostgresAccessLog(runtime.pool), uuid4()
        for role in (Role.APPLICANT, Role.REPRESENTATIVE):
            recorded = await record_access(
                log, viewer_id=uuid4(), viewer_role=role, case_id=case_id
            )
            assert recorded is False
        assert [] == await accesses_for_case(log, case_id)

    async def test_a_document_view_needs_its_document(self, runtime: Runtime) -> None:
        """A document view without a document id is refused before anything is written."""
        log = PostgresAccessLog(runtime.pool)
        with pytest.raises(ValueError, match="document id"):
            await record_access(
                log,
                viewer_id=uuid4(),
                viewer_role=Role.OFFICER,
                case_id=uuid4(),
                what=Viewed.DOCUMENT,
            )


class TestAppendOnly:
    """The portal's database role may add access records but never change or remove them."""

    async def test_update_delete_and_truncate_are_refused(
        self, runtime: Runtime, database_url: str
    ) -> None:
        """UPDATE, DELETE and TRUNCATE fail for the app role; the record stays."""
        log, case_id = PostgresAccessLog(runtime.pool), uuid4()
        await record_access(log, viewer_id=uuid4(), viewer_role=Role.OFFICER, case_id=case_id)
        conn = await asyncpg.connect(database_url, server_settings={"role": "immportal_app"})
        try:
            for sql in (
                "UPDATE access_log SET viewer_role = 'applicant'",
                "DELETE FROM access_log",
                "TRUNCATE access_log",
            ):
                with pytest.raises(asyncpg.InsufficientPrivilegeError):
                    await conn.execute(sql)
        finally:
            await conn.close()
        assert 1 == len(await accesses_for_case(log, case_id))
