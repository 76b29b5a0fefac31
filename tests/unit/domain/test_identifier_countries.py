"""Countries in immportal.domain.identifiers.countries."""

import pycountry
import pytest

from immportal.domain.identifiers import InvalidIdentifier
from immportal.domain.identifiers.countries import (
    MESSAGE,
    country_name,
    country_names,
    parse_country,
)


class TestList:
    """Every ISO 3166-1 country (and Kosovo), the United States first, names people know."""

    def test_every_iso_country(self) -> None:
        """pycountry's whole list plus XK, by alpha-2 code."""
        assert {c.alpha_2 for c in pycountry.countries} | {"XK"} == set(country_names())

    def test_order_and_names(self) -> None:
        """United States first, then alphabetical ignoring accents; common names."""
        names = list(country_names().values())
        assert "United States" == names[0]
        assert names.index("Åland Islands") < names.index("Albania")
        assert ("Bolivia", "South Korea", "Kosovo") == (
            country_name("BO"),
            country_name("KR"),
            country_name("XK"),
        )


class TestParse:
    """Codes and names, however written, give the alpha-2 code."""

    @pytest.mark.parametrize(
        ("typed", "stored"),
        [
            ("US", "US"),
            ("us", "US"),
            ("USA", "US"),
            ("U.S.A.", "US"),
            ("United States", "US"),
            ("United States of America", "US"),
            ("mexico", "MX"),
            ("MEX", "MX"),
            ("Côte d'Ivoire", "CI"),
            ("cote d\u2019ivoire", "CI"),
            ("Ivory Coast", "CI"),
            ("Korea, Republic of", "KR"),
            ("South Korea", "KR"),
            ("Türkiye", "TR"),
            ("Turkey", "TR"),
            ("UK", "GB"),
            ("Kosovo", "XK"),
        ],
    )
    def test_normalised(self, typed: str, stored: str) -> None:
        """Stored as alpha-2."""
        assert stored == parse_country(typed)

    @pytest.mark.parametrize("typed", ["", "Narnia", "ZZ", "ZZZ", "United"])
    def test_refused(self, typed: str) -> None:
        """Anything that is not a country."""
        with pytest.raises(InvalidIdentifier) as refused:
            parse_country(typed)
        assert MESSAGE == str(refused.value)

    def test_unknown_code_is_shown_as_is(self) -> None:
        """An old answer's code the list lacks is shown rather than lost."""
        assert "ZZ" == country_name("ZZ")
