"""The ids of a case's conversation and requests: derived from the case id, so always found."""

from uuid import UUID, uuid5

CORRESPONDENCE_NAMESPACE = UUID("0d6f3a1e-8c52-4b7e-a3d9-5f2e71c4b806")
"""Namespace of the correspondence aggregates' ids; never change it (ids are stored)."""


def conversation_id(case_id: UUID) -> UUID:
    """The id of the case's one conversation."""
    return uuid5(CORRESPONDENCE_NAMESPACE, f"conversation/{case_id}")


def requests_id(case_id: UUID) -> UUID:
    """The id of the aggregate holding the case's requests (expedite, correction, accommodation)."""
    return uuid5(CORRESPONDENCE_NAMESPACE, f"requests/{case_id}")


def linked_to_case(case_id: UUID) -> tuple[UUID, ...]:
    """Every aggregate that belongs to a case besides the case itself, for its history."""
    return conversation_id(case_id), requests_id(case_id)
