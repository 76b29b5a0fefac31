"""Unit tests of the client address rules (immportal.web.client_address)."""

from ipaddress import ip_network

import pytest

from immportal.settings import Settings
from immportal.web.client_address import parse_address, resolve_client

PROXIES = [ip_network("10.0.0.0/8"), ip_network("fd00::/8")]


class TestWithoutTrustedPeer:
    """A peer that is not a trusted proxy is the client, whatever headers it sends."""

    def test_spoofed_header_from_untrusted_peer_is_ignored(self) -> None:
        """An untrusted peer claiming another address is taken at its own address."""
        assert "203.0.113.9" == resolve_client("203.0.113.9", ["198.51.100.1"], PROXIES)

    def test_no_trusted_proxies_configured(self) -> None:
        """With the default (no trusted proxies) the header never counts, even from 10/8."""
        assert "10.0.0.2" == resolve_client("10.0.0.2", ["198.51.100.1"], [])

    def test_no_peer_address(self) -> None:
        """A Unix socket has no peer address; there is nothing to resolve."""
        assert resolve_client(None, ["198.51.100.1"], PROXIES) is None


class TestBehindTrustedProxies:
    """Behind trusted proxies, the right-most address that is not a proxy is the client."""

    def test_one_proxy(self) -> None:
        """The proxy's appended address is the client."""
        assert "198.51.100.1" == resolve_client("10.0.0.2", ["198.51.100.1"], PROXIES)

    def test_spoofed_left_entries_are_ignored(self) -> None:
        """What the client wrote before the proxy appended its peer does not count."""
        header = ["1.2.3.4, 198.51.100.1"]
        assert "198.51.100.1" == resolve_client("10.0.0.2", header, PROXIES)

    def test_chain_of_proxies(self) -> None:
        """Trusted hops are skipped, across repeated headers too."""
        headers = ["6.6.6.6, 198.51.100.1", "10.1.1.1,10.2.2.2"]
        assert "198.51.100.1" == resolve_client("10.0.0.2", headers, PROXIES)

    def test_only_proxies(self) -> None:
        """When every hop is a proxy, the left-most one stands for the client."""
        assert "10.3.3.3" == resolve_client("10.0.0.2", ["10.3.3.3, 10.4.4.4"], PROXIES)

    def test_missing_header(self) -> None:
        """A trusted proxy that sends no header is taken at its own address."""
        assert "10.0.0.2" == resolve_client("10.0.0.2", [], PROXIES)

    def test_garbage_stops_the_walk(self) -> None:
        """A mangled hop ends the walk: addresses left of it are not believed."""
        header = ["198.51.100.7, not-an-address, 10.9.9.9"]
        assert "10.9.9.9" == resolve_client("10.0.0.2", header, PROXIES)

    def test_ipv6_and_ports(self) -> None:
        """IPv6 proxies and hops with ports are understood."""
        header = ["[2001:db8::1]:4711"]
        assert "2001:db8::1" == resolve_client("fd00::5", header, PROXIES)
        assert "198.51.100.1" == resolve_client("10.0.0.2", ["198.51.100.1:8080"], PROXIES)


class TestParsing:
    """Addresses as sockets and headers write them."""

    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("198.51.100.1", "198.51.100.1"),
            (" 198.51.100.1 ", "198.51.100.1"),
            ("198.51.100.1:443", "198.51.100.1"),
            ("[2001:db8::1]:443", "2001:db8::1"),
            ("2001:db8::1", "2001:db8::1"),
            ("::ffff:10.0.0.2", "10.0.0.2"),
        ],
    )
    def test_valid(self, text: str, expected: str) -> None:
        """Each spelling gives the plain address."""
        assert expected == str(parse_address(text))

    @pytest.mark.parametrize("text", ["", "unknown", "1.2.3", "_hidden", "300.1.1.1"])
    def test_invalid(self, text: str) -> None:
        """Anything else is not an address."""
        assert parse_address(text) is None


class TestSetting:
    """IMMPORTAL_TRUSTED_PROXIES is a comma-separated list of networks."""

    def test_from_environment(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """Networks and single addresses, with spaces, are read; the default is none."""
        monkeypatch.setenv("IMMPORTAL_TRUSTED_PROXIES", "10.0.0.0/8, 192.0.2.7,fd00::/8")
        expected = [ip_network("10.0.0.0/8"), ip_network("192.0.2.7/32"), ip_network("fd00::/8")]
        assert expected == Settings().trusted_proxies
        monkeypatch.delenv("IMMPORTAL_TRUSTED_PROXIES")
        assert [] == Settings().trusted_proxies

    def test_bad_network_is_refused(self) -> None:
        """A typo is an error at start, not a silently empty list."""
        with pytest.raises(ValueError, match="trusted_proxies"):
            Settings(trusted_proxies="10.0.0.0/33")  # type: ignore[arg-type]
