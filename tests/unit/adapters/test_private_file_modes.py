"""Local blobs and mailbox files hold personal data: 0600 files in 0700 folders."""

import os
import stat
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest

from immportal.adapters.blobs.disk import DiskBlobStore
from immportal.adapters.mail.mailbox import MailboxMailer
from immportal.services.notifications.ports import Email


@pytest.fixture(autouse=True)
def open_umask() -> Iterator[None]:
    """The usual umask, under which files would otherwise be 0644 and folders 0755."""
    before = os.umask(0o022)
    yield
    os.umask(before)


def mode(path: Path) -> int:
    """The permission bits of a path."""
    return stat.S_IMODE(path.stat().st_mode)


async def chunks(data: bytes) -> AsyncIterator[bytes]:
    """The bytes as an upload streams them."""
    yield data


class TestDiskBlobs:
    """The disk blob store's folders and files."""

    async def test_blob_and_every_folder_are_private(self, tmp_path: Path) -> None:
        """The root, the documents folder and the file: 0700, 0700, 0600."""
        store = DiskBlobStore(tmp_path / "blobs")
        await store.start()
        await store.put("documents/abc", chunks(b"passport scan"), content_type="image/png")
        modes = [
            mode(p) for p in (store.root, store.root / "documents", store.root / "documents/abc")
        ]
        assert [0o700, 0o700, 0o600] == modes

    async def test_existing_open_folder_is_closed(self, tmp_path: Path) -> None:
        """A folder made earlier with 0755 is put back to 0700 at start."""
        (tmp_path / "blobs").mkdir(mode=0o755)
        await DiskBlobStore(tmp_path / "blobs").start()
        assert 0o700 == mode(tmp_path / "blobs")


class TestMailbox:
    """The local mailbox's folder and mails."""

    async def test_mail_and_folder_are_private(self, tmp_path: Path) -> None:
        """A mail with a reset link is 0600 in a 0700 folder, even one made 0755 before."""
        folder = tmp_path / "mailbox"
        folder.mkdir(mode=0o755)
        email = Email("mail-modes", "ana@example.org", "Reset your password", "https://x/r?t=1\n")
        await MailboxMailer(folder).send(email)
        [mail] = list(folder.iterdir())
        assert (0o700, 0o600) == (mode(folder), mode(mail))
