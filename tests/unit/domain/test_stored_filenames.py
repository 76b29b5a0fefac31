"""A stored file's name ends as its detected type does, keeping the person's base name."""

from uuid import uuid4

import pytest

from immportal.domain.actor import Actor, Role
from immportal.domain.evidence.document import Document, DocumentKind, MediaType
from immportal.domain.evidence.document_kinds import DocumentType
from immportal.domain.evidence.filenames import (
    EXTENSIONS,
    MAX_FILENAME_LENGTH,
    clean_filename,
    named_as,
)


class TestNamedAs:
    """The ending follows the content; the rest of the name is the person's."""

    @pytest.mark.parametrize(
        ("raw", "media_type", "stored"),
        [
            pytest.param("x.pdf", MediaType.PNG, "x.png", id="a PNG named .pdf"),
            pytest.param("scan.png", MediaType.PDF, "scan.pdf", id="a PDF named .png"),
            pytest.param("passport.pdf", MediaType.PDF, "passport.pdf", id="a right ending"),
            pytest.param("Photo.JPEG", MediaType.JPEG, "Photo.JPEG", id="a synonym, any case"),
            pytest.param("photo.jpg", MediaType.JPEG, "photo.jpg", id="jpg for a JPEG"),
            pytest.param("fax.tif", MediaType.TIFF, "fax.tif", id="tif for a TIFF"),
            pytest.param("fax.tiff", MediaType.PNG, "fax.png", id="a PNG named .tiff"),
            pytest.param("birth certificate", MediaType.PDF, "birth certificate.pdf", id="none"),
            pytest.param("photo.heic", MediaType.JPEG, "photo.jpg", id="another image ending"),
            pytest.param("letter.docx", MediaType.PDF, "letter.pdf", id="a document ending"),
            pytest.param("report v1.2", MediaType.PDF, "report v1.2.pdf", id="a version number"),
            pytest.param("Smith, J.", MediaType.PNG, "Smith, J.png", id="an initial"),
            pytest.param("tax.2023", MediaType.PDF, "tax.2023.pdf", id="digits only"),
            pytest.param("a.b.pdf", MediaType.TIFF, "a.b.tiff", id="only the last ending"),
            pytest.param("document", MediaType.PNG, "document.png", id="the fallback name"),
            pytest.param(
                "Núñez pasaporte.pdf", MediaType.JPEG, "Núñez pasaporte.jpg", id="accents"
            ),
        ],
    )
    def test_stored_name(self, raw: str, media_type: MediaType, stored: str) -> None:
        """The name as the portal keeps and lists it."""
        assert stored == named_as(clean_filename(raw), media_type)

    def test_a_long_name_keeps_the_new_ending(self) -> None:
        """Shortened to the limit, the name still ends as the type does."""
        stored = named_as(clean_filename("a" * 200 + ".pdf"), MediaType.TIFF)
        assert MAX_FILENAME_LENGTH == len(stored)
        assert stored.endswith(".tiff")

    def test_a_cleaned_name_is_renamed_after_cleaning(self) -> None:
        """Reserved characters are replaced first; the ending is then fitted to the type."""
        assert "a_b.png" == named_as(clean_filename("a:b.pdf"), MediaType.PNG)

    @pytest.mark.parametrize("media_type", list(MediaType))
    def test_every_kept_type_has_an_ending(self, media_type: MediaType) -> None:
        """A file of any kept type gets that type's first ending when its name has none."""
        assert f"file.{EXTENSIONS[media_type][0]}" == named_as("file", media_type)


class TestDocumentTypeOnTheEvent:
    """The type travels on the Uploaded event; an upload recorded before types had none."""

    def test_recorded_and_replayed(self) -> None:
        """A typed upload replays with its type; the same event without the field, with None."""
        document = Document.upload(
            document_id=uuid4(),
            case_id=uuid4(),
            actor=Actor("someone", Role.APPLICANT),
            kind=DocumentKind.INITIAL,
            media_type=MediaType.PNG,
            size=3,
            sha256="a" * 64,
            blob_key="documents/x",
            filename="x.png",
            document_type=DocumentType.PASSPORT,
        )
        [uploaded] = document.collect_events()
        replayed = uploaded.mutate(None)
        assert isinstance(replayed, Document)
        assert DocumentType.PASSPORT == replayed.document_type

        del uploaded.__dict__["document_type"]  # as stored before types were asked
        old = uploaded.mutate(None)
        assert isinstance(old, Document)
        assert None is old.document_type
