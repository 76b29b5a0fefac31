"""The transparency log on the web: well-known checkpoint and keys, proofs over the JSON API."""

import base64

from immportal.transparency_verify import (
    check_consistency,
    check_inclusion,
    open_checkpoint,
    read_keys,
)
from testkit.e2e_support import Portal, PortalOpener
from testkit.transparency_support import checkpoint_at, seed

PREFIX = "/api/v1/transparency"


async def text(portal: Portal, path: str) -> tuple[int, str, str]:
    """GET a page without signing in: status, content type and body."""
    response = await portal.client.get(path)
    return response.status, response.content_type, await response.text()


async def signing_portal(open_portal: PortalOpener) -> Portal:
    """The application with its workers, signing a checkpoint after every batch."""
    return await open_portal(checkpoint_every_events=1)


class TestWellKnown:
    """Anyone can fetch the latest checkpoint and the keys that check it."""

    async def test_checkpoint_verifies_with_published_keys(self, open_portal: PortalOpener) -> None:
        """The note at the well-known address opens with the keys at the other one."""
        portal = await signing_portal(open_portal)
        before = await text(portal, "/.well-known/immportal/checkpoint")
        head = await seed(portal.runtime, 3)
        await checkpoint_at(portal.runtime, head)
        status, kind, note = await text(portal, "/.well-known/immportal/checkpoint")
        keys_status, keys_kind, keys = await text(portal, "/.well-known/immportal/keys")
        opened = open_checkpoint(note, read_keys(keys))
        assert (404, "No checkpoint has been signed yet.") == (before[0], before[2].strip())
        assert (200, "text/plain", 200, "text/plain") == (status, kind, keys_status, keys_kind)
        assert head == opened.size
        assert "PRIVATE" not in keys


class TestApi:
    """Checkpoints and proofs as JSON, public, and checkable by the standalone verifier."""

    async def test_proofs(self, open_portal: PortalOpener) -> None:
        """Inclusion against the latest checkpoint and a given size; consistency between two."""
        portal = await signing_portal(open_portal)
        first = await checkpoint_at(portal.runtime, await seed(portal.runtime, 2))
        second = await checkpoint_at(portal.runtime, await seed(portal.runtime, 2))
        keys = read_keys((await text(portal, "/.well-known/immportal/keys"))[2])
        older, newer = (open_checkpoint(c.note, keys) for c in (first, second))
        latest = await (await portal.client.get(f"{PREFIX}/checkpoint")).json()
        at_first = await (await portal.client.get(f"{PREFIX}/checkpoints/{older.size}")).json()
        included = await (await portal.client.get(f"{PREFIX}/inclusion/3")).json()
        in_older = await (await portal.client.get(f"{PREFIX}/inclusion/2/in/{older.size}")).json()
        consistent = await (
            await portal.client.get(f"{PREFIX}/consistency/{older.size}/{newer.size}")
        ).json()
        assert (newer.size, second.note) == (latest["tree_size"], latest["note"])
        assert base64.b64encode(older.root).decode() == at_first["root_hash"]
        assert f"{newer.key.key_id:08x}" == latest["key_id"]
        assert (newer.size, second.note) == (included["tree_size"], included["checkpoint"])
        assert 3 == check_inclusion(included, newer).position
        assert "event" not in included  # public proofs show a position and hashes only
        assert 2 == check_inclusion(in_older, older).position
        check_consistency(consistent, older, newer)

    async def test_not_found(self, open_portal: PortalOpener) -> None:
        """Beyond the tree, before any checkpoint, or not a number: 404 problems."""
        portal = await signing_portal(open_portal)
        none_yet = await portal.client.get(f"{PREFIX}/checkpoint")
        head = await seed(portal.runtime, 1)
        await checkpoint_at(portal.runtime, head)
        paths = [
            f"{PREFIX}/inclusion/{head + 1}",
            f"{PREFIX}/inclusion/1/in/{head + 1}",
            f"{PREFIX}/consistency/{head}/1",
            f"{PREFIX}/checkpoints/{head + 5}",
            f"{PREFIX}/inclusion/0",
            f"{PREFIX}/inclusion/two",
            f"{PREFIX}/inclusion/%D9%A3",
        ]
        statuses = [(await portal.client.get(path)).status for path in paths]
        assert [404] * (len(paths) + 1) == [none_yet.status, *statuses]
        assert "application/problem+json" == none_yet.content_type
