"""Verification and share codes: random, in Crockford's alphabet, read leniently."""

import pytest

from immportal.domain.documents.codes import ALPHABET, grouped, new_code, normalise_code


class TestNewCode:
    """A new code has the length asked for, in the alphabet, and differs every time."""

    def test_length_alphabet_and_randomness(self) -> None:
        """A thousand 12-symbol codes: all valid, all different."""
        codes = {new_code(12) for _ in range(1000)}
        assert 1000 == len(codes)
        assert all(len(code) == 12 and set(code) <= set(ALPHABET) for code in codes)
        assert not set("ILOU") & set(ALPHABET)


class TestNormalise:
    """What people type is read as the stored code, or refused."""

    @pytest.mark.parametrize(
        "typed",
        ["4F7K-2M9Q-XD3A", "4f7k 2m9q xd3a", " 4F7K2M9QXD3A ", "4F7K-2M9Q-XD3A".lower()],
    )
    def test_separators_and_case(self, typed: str) -> None:
        """Hyphens, spaces and lower case make no difference."""
        assert "4F7K2M9QXD3A" == normalise_code(typed, 12)

    def test_lookalikes(self) -> None:
        """O is read as 0, I and L as 1: the alphabet has neither."""
        assert "1001" == normalise_code("iOOL", 4)

    @pytest.mark.parametrize("typed", ["4F7K-2M9Q-XD3", "4F7K-2M9Q-XD3AB", "4F7K-2M9Q-XD3U", ""])
    def test_refused(self, typed: str) -> None:
        """A wrong length, or a U (not in the alphabet), is no code."""
        assert normalise_code(typed, 12) is None


class TestGrouped:
    """Codes are printed in groups for reading aloud."""

    def test_groups(self) -> None:
        """Fours for documents, threes for share codes."""
        assert ("4F7K-2M9Q-XD3A", "W4K-7PM-2QX") == (
            grouped("4F7K2M9QXD3A", 4),
            grouped("W4K7PM2QX", 3),
        )
