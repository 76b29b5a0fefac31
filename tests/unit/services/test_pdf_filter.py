"""The PDF filter: XFA, automatic actions other than GoTo, outside-reaching actions, files."""

import io
from collections.abc import Callable

import pytest

from immportal.domain.evidence.document import MediaType
from immportal.services.evidence.inspection import inspect_file
from immportal.services.evidence.intake import UnsafeDocument
from testkit.hostile_files import ACCEPTED_PDFS, REFUSED_PDFS


def inspect(data: bytes) -> None:
    """Inspect the bytes as a PDF, as the service does."""
    inspect_file(io.BytesIO(data), MediaType.PDF, max_pixels=50_000_000)


class TestRefused:
    """Each hostile PDF of the table is refused with words for the person who sent it."""

    @pytest.mark.parametrize("make", REFUSED_PDFS.values(), ids=REFUSED_PDFS.keys())
    def test_refused(self, make: Callable[[], bytes]) -> None:
        """The upload is refused, asking for a plain PDF, a printed copy or separate files."""
        with pytest.raises(UnsafeDocument) as refused:
            inspect(make())
        assert any(
            words in str(refused.value)
            for words in ("scripts or actions", "fillable form", "other files inside")
        )

    def test_xfa_says_print_it(self) -> None:
        """An XFA form is named as such, with what to do instead."""
        with pytest.raises(UnsafeDocument, match="Print it to a new PDF"):
            inspect(REFUSED_PDFS["xfa-form"]())

    def test_embedded_file_says_separate_files(self) -> None:
        """A PDF carrying a file asks for each document on its own."""
        with pytest.raises(UnsafeDocument, match="own file"):
            inspect(REFUSED_PDFS["embedded-file"]())


class TestAccepted:
    """Navigation inside the document itself is harmless and accepted."""

    @pytest.mark.parametrize("make", ACCEPTED_PDFS.values(), ids=ACCEPTED_PDFS.keys())
    def test_accepted(self, make: Callable[[], bytes]) -> None:
        """A plain PDF, and one that opens at (or goes to) one of its own pages, pass."""
        inspect(make())
