"""What to upload for a case: each document its answers call for, and whether it is in.

The needs come from the catalogue (`documents_needed`, computed from the answers saved on
the case file); a need is met by any document of its type that is still current (not
replaced) and not blocked by the virus check.
"""

from collections.abc import Sequence
from dataclasses import dataclass

from immportal.domain.catalogue import DocumentNeed, documents_needed, form_for
from immportal.domain.evidence.document import ScanResult
from immportal.domain.evidence.document_kinds import CHOOSABLE, LABELS, DocumentType
from immportal.i18n import _
from immportal.projections.case_documents import CaseDocument
from immportal.services.cases.files import CaseFile


@dataclass(frozen=True)
class ChecklistItem:
    """One document to upload, with the files that answer it (none yet: still needed)."""

    document_type: str
    label: str
    why: str
    filenames: tuple[str, ...]

    @property
    def uploaded(self) -> bool:
        """Whether at least one current file of the type is on the case."""
        return bool(self.filenames)


@dataclass(frozen=True)
class TypeChoice:
    """A document type as the upload form's list offers it."""

    value: str
    label: str


def needs_of(file: CaseFile) -> list[DocumentNeed]:
    """The documents the case's form asks for, given the answers saved so far."""
    try:
        form = form_for(file.form_type)
    except (KeyError, ValueError):
        return []  # a form the catalogue no longer has: nothing to ask for
    return documents_needed(form, file.answers)


def _counts(document: CaseDocument) -> bool:
    return document.superseded_by is None and document.scan != ScanResult.INFECTED.value


def checklist(
    needs: Sequence[DocumentNeed], documents: Sequence[CaseDocument]
) -> list[ChecklistItem]:
    """Each need in form order with the names of the current files of its type."""
    by_type: dict[str, list[str]] = {}
    for document in documents:
        if document.document_type and _counts(document):
            by_type.setdefault(document.document_type, []).append(document.filename)
    return [
        ChecklistItem(need.kind, need.label, need.why, tuple(by_type.get(need.kind, ())))
        for need in needs
    ]


def type_choices(needs: Sequence[DocumentNeed]) -> tuple[list[TypeChoice], list[TypeChoice]]:
    """The upload form's types: first those the answers ask for, then every other type."""
    asked = list(dict.fromkeys(DocumentType(n.kind) for n in needs if n.kind in _CHOOSABLE))
    first = [TypeChoice(t.value, _(LABELS[t])) for t in asked]
    rest = [TypeChoice(t.value, _(LABELS[t])) for t in CHOOSABLE if t not in asked]
    return first, rest


_CHOOSABLE = frozenset(t.value for t in CHOOSABLE)
