"""U.S. states and territories in immportal.domain.identifiers.states."""

import pytest

from immportal.domain.identifiers import InvalidIdentifier
from immportal.domain.identifiers.states import MESSAGE, STATES, parse_state


class TestList:
    """The USPS list: 50 states, DC, territories, freely associated states, military."""

    def test_codes(self) -> None:
        """62 codes, every one two capital letters, including DC, the territories and AA/AE/AP."""
        assert 62 == len(STATES)
        assert all(len(code) == 2 and code.isupper() for code in STATES)
        assert {"DC", "PR", "GU", "VI", "AS", "MP", "AA", "AE", "AP"} <= set(STATES)


class TestParse:
    """A code or a name, in any case, gives the code."""

    @pytest.mark.parametrize(
        ("typed", "stored"),
        [
            ("MA", "MA"),
            ("ma", "MA"),
            ("Massachusetts", "MA"),
            ("  new   york ", "NY"),
            ("District of Columbia", "DC"),
            ("pr", "PR"),
            ("Guam", "GU"),
            ("AE", "AE"),
        ],
    )
    def test_normalised(self, typed: str, stored: str) -> None:
        """Stored as the USPS code."""
        assert stored == parse_state(typed)

    @pytest.mark.parametrize("typed", ["", "Mass", "XX", "Ontario", "M A", "Englund"])
    def test_refused(self, typed: str) -> None:
        """Abbreviations USPS does not use and other countries' regions."""
        with pytest.raises(InvalidIdentifier) as refused:
            parse_state(typed)
        assert MESSAGE == str(refused.value)
