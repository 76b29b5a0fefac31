"""Identifiers and values people type into forms, checked and normalised before saving.

One module per concept: each `parse_*` returns the value as it is stored and printed,
or raises InvalidIdentifier with a message a person understands.
"""

from immportal.domain.identifiers.invalid import InvalidIdentifier

__all__ = ["InvalidIdentifier"]
