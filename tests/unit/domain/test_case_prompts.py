"""Prompts vanish when the state that raised them moves on (immportal.domain.cases.prompts)."""

from datetime import date

import pytest

from immportal.domain.cases.prompts import Prompt, applies, evidence_due
from immportal.domain.cases.status import CaseStatus

DUE = date(2027, 3, 3)


class TestEvidenceDue:
    """'Send evidence by' is shown only while the request for evidence is open."""

    @pytest.mark.parametrize("status", list(CaseStatus), ids=lambda s: s.value)
    def test_every_status(self, status: CaseStatus) -> None:
        """The deadline shows in evidence_requested and in no other status."""
        expected = DUE if status is CaseStatus.EVIDENCE_REQUESTED else None
        assert expected == evidence_due(status.value, DUE)

    def test_after_approval(self) -> None:
        """An approved case no longer asks for evidence, whatever the summary still holds."""
        assert None is evidence_due(CaseStatus.APPROVED.value, DUE)

    def test_no_deadline(self) -> None:
        """With no deadline recorded there is nothing to show, even while the request is open."""
        assert None is evidence_due(CaseStatus.EVIDENCE_REQUESTED.value, None)

    def test_unknown_status(self) -> None:
        """A status this version does not know shows no prompt rather than failing."""
        assert not applies(Prompt.SEND_EVIDENCE, "some_future_status")
