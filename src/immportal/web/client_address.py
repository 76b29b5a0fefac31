"""The client's address: the connection's peer, or what a trusted proxy says the client was."""

from collections.abc import Sequence
from ipaddress import IPv4Address, IPv4Network, IPv6Address, IPv6Network, ip_address

from aiohttp import web

from immportal.web.keys import SETTINGS

Address = IPv4Address | IPv6Address
Networks = Sequence[IPv4Network | IPv6Network]


def parse_address(text: str) -> Address | None:
    """An address from a header or a socket ("[v6]:port" and "v4:port" too), else None."""
    text = text.strip()
    if text.startswith("["):
        text = text[1:].partition("]")[0]
    elif text.count(":") == 1:
        text = text.partition(":")[0]
    try:
        address = ip_address(text)
    except ValueError:
        return None
    mapped = address.ipv4_mapped if isinstance(address, IPv6Address) else None
    return mapped or address


def _trusted(address: Address, proxies: Networks) -> bool:
    return any(address in network for network in proxies)


def resolve_client(peer: str | None, forwarded_for: Sequence[str], proxies: Networks) -> str | None:
    """The client's address, believing X-Forwarded-For only as far as trusted proxies wrote it.

    The header is read from the right, where our own proxies append: the first address
    that is not a trusted proxy is the client. Anything further left was written by the
    client and may be invented. Without a trusted peer the header is ignored.
    """
    peer_address = None if peer is None else parse_address(peer)
    if peer_address is None or not _trusted(peer_address, proxies):
        return peer
    nearest = peer_address
    hops = [hop for header in forwarded_for for hop in header.split(",")]
    for hop in reversed(hops):
        address = parse_address(hop)
        if address is None:
            break  # a mangled hop: nothing left of it can be placed
        if not _trusted(address, proxies):
            return str(address)
        nearest = address
    # Only proxies (or garbage beyond them): the last one we could place stands for the client.
    return str(nearest)


def client_address(request: web.Request) -> str | None:
    """The address of the person making the request, as far as the portal can tell."""
    proxies = request.app[SETTINGS].trusted_proxies
    return resolve_client(request.remote, request.headers.getall("X-Forwarded-For", []), proxies)
