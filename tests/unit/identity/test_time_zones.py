"""A person's time zone: from the mailing address, or chosen on the account (domain.identity)."""

from uuid import uuid4

import pytest

from immportal.domain.actor import Actor, Role
from immportal.domain.errors import InvalidArgument
from immportal.domain.identifiers.states import STATES
from immportal.domain.identity.account import Account
from immportal.domain.identity.time_zones import (
    CHOOSABLE,
    MAIN_ZONES,
    STATE_ZONES,
    country_zone,
    person_zone,
    zone_for_address,
)
from immportal.formatting import AGENCY_ZONE, is_known_zone


class TestFromAddress:
    """The mailing address suggests a zone; the agency's zone when it does not say."""

    @pytest.mark.parametrize(
        ("address", "expected"),
        [
            ({"state": "NY", "country": "US"}, "America/New_York"),
            ({"state": "CA"}, "America/Los_Angeles"),
            ({"state": "tx"}, "America/Chicago"),
            ({"state": "AZ"}, "America/Phoenix"),
            ({"state": "HI"}, "Pacific/Honolulu"),
            ({"state": "AK"}, "America/Anchorage"),
            ({"state": "PR"}, "America/Puerto_Rico"),
            ({"state": "GU"}, "Pacific/Guam"),
            ({"state": "VI"}, "America/St_Thomas"),
            ({"state": "AS"}, "Pacific/Pago_Pago"),
            # An APO address says which mail hub serves the person, not where they are.
            ({"state": "AE"}, AGENCY_ZONE),
            ({"state": ""}, AGENCY_ZONE),
            ({"country": "MX", "state": "Jalisco"}, "America/Mexico_City"),
            ({"country": "IN"}, "Asia/Kolkata"),
            ({"country": "ph"}, "Asia/Manila"),
            ({"country": "CA", "state": "ON"}, "America/Toronto"),
            ({"country": "RU"}, "Europe/Moscow"),
            ({"country": "ZZ"}, AGENCY_ZONE),
            # Names as well as codes, of states and of countries.
            ({"state": "Hawaii", "country": "United States"}, "Pacific/Honolulu"),
            ({"state": "Puerto Rico", "country": "USA"}, "America/Puerto_Rico"),
            ({"country": "Mexico"}, "America/Mexico_City"),
            ({"state": "Atlantis"}, AGENCY_ZONE),
            ({}, AGENCY_ZONE),
            (None, AGENCY_ZONE),
        ],
        ids=lambda v: str(v),
    )
    def test_zone(self, address: dict[str, str] | None, expected: str) -> None:
        """States by USPS code, countries by their main zone, otherwise the agency's."""
        assert expected == zone_for_address(address)

    def test_every_state_and_territory(self) -> None:
        """Every USPS code but the Armed Forces' has a zone this machine knows."""
        assert set(STATES) - {"AA", "AE", "AP"} == set(STATE_ZONES)
        assert all(is_known_zone(zone) for zone in STATE_ZONES.values())

    def test_tables_name_real_zones(self) -> None:
        """Every zone named in the tables and the list people choose from exists."""
        assert all(is_known_zone(zone) for zone in (*MAIN_ZONES.values(), *CHOOSABLE))

    def test_single_zone_countries(self) -> None:
        """A country with one zone needs no table entry."""
        assert "Europe/Paris" == country_zone("FR")
        assert country_zone("AQ") is None

    def test_chosen_wins(self) -> None:
        """A zone the person chose wins over their address's."""
        assert "Pacific/Honolulu" == person_zone("Pacific/Honolulu", {"state": "NY"})
        assert "America/Chicago" == person_zone(None, {"state": "IL"})


def account() -> Account:
    """A fresh applicant's account."""
    return Account.register(email=f"{uuid4().hex}@example.com", password_hash="x", names=["Ana"])


class TestChoose:
    """The holder chooses a zone from the list; the account records TimeZoneChosen."""

    def test_chosen(self) -> None:
        """The zone is kept and recorded once."""
        found = account()
        found.choose_time_zone(found.holder, "America/Puerto_Rico")
        found.choose_time_zone(found.holder, "America/Puerto_Rico")
        events = [type(e).__name__ for e in found.collect_events()]
        assert ["Registered", "TimeZoneChosen"] == events
        assert "America/Puerto_Rico" == found.time_zone

    @pytest.mark.parametrize("zone", ["Mars/Olympus", "", "UTC", "../../etc/passwd"])
    def test_only_from_the_list(self, zone: str) -> None:
        """A zone not on the list is refused with a plain message."""
        found = account()
        with pytest.raises(InvalidArgument, match="Choose a time zone"):
            found.choose_time_zone(found.holder, zone)

    def test_only_the_holder(self) -> None:
        """Nobody else chooses the holder's zone."""
        found = account()
        with pytest.raises(InvalidArgument, match="Only the account holder"):
            found.choose_time_zone(Actor(str(uuid4()), Role.OFFICER), "Pacific/Guam")
