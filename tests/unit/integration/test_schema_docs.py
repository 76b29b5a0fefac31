"""The committed schema documents match the contracts in the code."""

from pathlib import Path

from immportal.integration.schema_docs import render_documents

DOCS = Path(__file__).parents[3] / "docs" / "integration-events"


class TestCommittedSchemas:
    """Changing a contract without regenerating its documents fails here."""

    def test_documents_are_current(self) -> None:
        """Generated files exist with the same content (`immportal integration schemas`)."""
        expected = render_documents()
        actual = {p.name: p.read_text(encoding="utf-8") for p in DOCS.iterdir()}
        assert expected == actual
