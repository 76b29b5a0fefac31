"""Tests for online access codes (immportal.domain.cases.access_code)."""

from __future__ import annotations

import re
from uuid import UUID

import pytest

from immportal.domain.cases.access_code import access_code, code_matches, normalize_code

KEY = b"k" * 32
CASE = UUID("7b0c5f3e-0000-4000-8000-000000000001")
OTHER = UUID("7b0c5f3e-0000-4000-8000-000000000002")


class TestAccessCode:
    """Codes are derived, readable, case-specific and key-specific."""

    def test_shape(self) -> None:
        """Three groups of four unambiguous characters."""
        assert re.fullmatch(r"[A-HJ-NP-Z2-9]{4}(-[A-HJ-NP-Z2-9]{4}){2}", access_code(KEY, CASE))

    def test_stable(self) -> None:
        """The same case and key give the same code, so a notice printed again agrees."""
        assert access_code(KEY, CASE) == access_code(KEY, CASE)

    def test_differs_per_case_and_key(self) -> None:
        """Another case, or another key, gives another code."""
        codes = {access_code(KEY, CASE), access_code(KEY, OTHER), access_code(b"j" * 32, CASE)}
        assert 3 == len(codes)

    @pytest.mark.parametrize("how", [str.lower, lambda c: c.replace("-", " "), str.strip])
    def test_typed_as_read(self, how: object) -> None:
        """Lower case, spaces instead of hyphens or surrounding space still match."""
        typed = how(access_code(KEY, CASE))  # type: ignore[operator]
        assert code_matches(KEY, CASE, f" {typed} ")

    @pytest.mark.parametrize("typed", ["", "AAAA-AAAA-AAAA", "x" * 200])
    def test_wrong_codes(self, typed: str) -> None:
        """A wrong, empty or overlong code does not match."""
        assert not code_matches(KEY, CASE, typed)

    def test_other_case_code(self) -> None:
        """One case's code does not open another case."""
        assert not code_matches(KEY, OTHER, access_code(KEY, CASE))

    def test_normalize_bounds_length(self) -> None:
        """Normalizing never keeps more than twice a code's length."""
        assert 24 == len(normalize_code("a" * 1000))
