"""End-to-end tests of the 500 page and log for an unexpected exception (web.middlewares)."""

from typing import NoReturn

import pytest
import structlog
from structlog.testing import capture_logs

from immportal.dev import case_pages
from testkit.e2e_support import (
    Portal,
    accepted_case,
    new_applicant,
    parse_page,
    wait_until_projected,
)


class TestUnexpectedError:
    async def test_500_page_and_log_share_the_reference(
        self, portal: Portal, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """A bug answers a 500 page saying nothing was lost, logged under the page's reference."""
        case_id = await accepted_case(portal.runtime.cases, new_applicant())
        await wait_until_projected(portal.runtime, case_id, 4)

        async def broken(*_args: object, **_kwargs: object) -> NoReturn:
            raise RuntimeError("internal detail 7f3a")

        # The page reads the case summary read model; a bug there stands for any bug.
        monkeypatch.setattr(case_pages, "get_case_summary", broken)
        with capture_logs(processors=[structlog.contextvars.merge_contextvars]) as logs:
            response = await portal.client.get(f"/dev/cases/{case_id}")
        html = await response.text()
        page = parse_page(html)

        request_id = response.headers["X-Request-Id"]
        assert 500 == response.status
        assert "Nothing you saved before was lost." in page.text
        assert {request_id} == set(page.references)
        assert "internal detail 7f3a" not in html
        assert "Traceback" not in html
        logged = [(e["event"], e.get("request_id")) for e in logs if e["log_level"] == "error"]
        assert [("unhandled_error", request_id)] == logged
